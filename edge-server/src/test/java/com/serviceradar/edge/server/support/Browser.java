package com.serviceradar.edge.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver (both named explicitly, so
 * Selenium never tries to download a driver: the machines have no internet). Downloads land in a
 * temporary directory; {@link #screenshot} writes {@code target/screenshots/<name>.png}. One per
 * test class; close it after.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Dimension DESKTOP = new Dimension(1280, 900);
  public static final Dimension PHONE = new Dimension(390, 844);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final String baseUrl;
  private final Path downloads;
  private final ChromeDriver driver;

  private Browser(String baseUrl, Path downloads, ChromeDriver driver) {
    this.baseUrl = baseUrl;
    this.downloads = downloads;
    this.driver = driver;
  }

  /**
   * A browser whose relative paths go to {@code baseUrl} (such as {@code http://127.0.0.1:8080}).
   */
  public static Browser open(String baseUrl) {
    try {
      Path downloads = Files.createTempDirectory("browser-downloads");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-dev-shm-usage",
          "--disable-gpu",
          "--no-first-run",
          "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
      Map<String, Object> preferences = new HashMap<>();
      preferences.put("download.default_directory", downloads.toString());
      preferences.put("download.prompt_for_download", false);
      preferences.put("safebrowsing.enabled", false);
      options.setExperimentalOption("prefs", preferences);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      return new Browser(baseUrl, downloads, driver);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public void go(String path) {
    driver.get(baseUrl + path);
  }

  public String path() {
    String url = driver.getCurrentUrl();
    return url.startsWith(baseUrl) ? url.substring(baseUrl.length()) : url;
  }

  public WebElement find(By by) {
    return driver.findElement(by);
  }

  public boolean isPresent(By by) {
    return !driver.findElements(by).isEmpty();
  }

  /** The visible text of the whole page. */
  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  public void signIn(String username, String password) {
    go("/login");
    find(By.id("username")).sendKeys(username);
    find(By.id("password")).sendKeys(password);
    find(By.cssSelector("main button[type=submit]")).click();
  }

  public void signOut() {
    find(By.cssSelector("header form.signout button")).click();
  }

  /**
   * Waits until the page's live regions have their event streams open: a change made before that
   * would not be shown without reloading.
   */
  public void awaitLive() {
    await(
        driver ->
            driver.findElements(By.cssSelector("[sse-connect]")).stream()
                .allMatch(region -> "open".equals(region.getAttribute("data-live"))));
  }

  /** An element's text, waiting for it and reading it again when htmx swapped it meanwhile. */
  public String textOf(By by) {
    return await(driver -> driver.findElement(by).getText());
  }

  public <T> T await(Function<WebDriver, T> condition) {
    return await(Duration.ofSeconds(10), condition);
  }

  public <T> T await(Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
        .withMessage(() -> "page " + driver.getCurrentUrl() + " shows: " + text())
        // htmx swaps parts of the page while a condition looks at them.
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /** The file the browser downloaded whose name starts with {@code prefix}, once complete. */
  public Path awaitDownload(String prefix) {
    return await(
        webDriver -> {
          try (var files = Files.list(downloads)) {
            return files
                .filter(file -> file.getFileName().toString().startsWith(prefix))
                .filter(file -> !file.getFileName().toString().endsWith(".crdownload"))
                .findFirst()
                .orElse(null);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** The whole page (not just the window) as {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) {
    Dimension window = driver.manage().window().getSize();
    try {
      long height =
          (Long)
              ((JavascriptExecutor) driver)
                  .executeScript(
                      "return Math.max(document.body.scrollHeight,"
                          + " document.documentElement.scrollHeight)");
      driver
          .manage()
          .window()
          .setSize(new Dimension(window.width, (int) Math.max(window.height, height + 120)));
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(window);
    }
  }

  /**
   * What axe-core (vendored under test resources, MPL-2.0) finds against WCAG 2 A and AA on the
   * current page with a serious or critical impact: one line per broken rule, with up to three of
   * the elements that break it.
   */
  @SuppressWarnings("unchecked")
  public List<String> accessibilityViolations() {
    JavascriptExecutor script = (JavascriptExecutor) driver;
    if (!Boolean.TRUE.equals(script.executeScript("return typeof window.axe === 'object'"))) {
      script.executeScript(AXE_SOURCE.get());
    }
    return (List<String>)
        script.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})"
                + ".then(result => done(result.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.nodes.slice(0, 3)"
                + ".map(n => n.target.join(' ')).join(', ') + ' (' + v.nodes.length + ')')))"
                + ".catch(error => done(['axe-core failed: ' + error]));");
  }

  private static final Supplier<String> AXE_SOURCE =
      () -> {
        try (InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      };

  public void resize(Dimension size) {
    driver.manage().window().setSize(size);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
