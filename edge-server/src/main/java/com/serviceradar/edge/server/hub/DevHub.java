package com.serviceradar.edge.server.hub;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.bundle.BundleFile;
import com.serviceradar.edge.leafconfig.HubPaths;
import com.serviceradar.edge.server.system.DataDirectory;
import com.serviceradar.edge.server.system.EdgeProperties;
import com.serviceradar.edge.server.system.StartupRefusedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * {@code EDGE_DEV_HUB=true}: installs the generated hub bundle under {@code $EDGE_DATA_DIR/dev-hub}
 * and runs {@code nats-server} from it while the control plane runs, so the whole flow can be tried
 * on one machine. Starts before the hub connection and stops after it.
 */
@Component
class DevHub implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DevHub.class);
  private static final String NATS_SERVER = "nats-server";

  private final EdgeProperties properties;
  private final DataDirectory dataDirectory;
  private final HubBundles bundles;
  private Process process;

  DevHub(EdgeProperties properties, DataDirectory dataDirectory, HubBundles bundles) {
    this.properties = properties;
    this.dataDirectory = dataDirectory;
    this.bundles = bundles;
  }

  @Override
  public void start() {
    if (!properties.hub().dev()) {
      return;
    }
    if (properties.hub().clientUrl().isBlank()) {
      throw new StartupRefusedException(
          "EDGE_DEV_HUB=true needs EDGE_HUB_CLIENT_URL (such as nats://127.0.0.1:14222) and EDGE_HUB_LEAF_URL"
              + " (such as tls://127.0.0.1:17422) to know where the hub listens",
          null);
    }
    Path root = dataDirectory.resolve("dev-hub");
    Bundle bundle = bundles.build(root.toString());
    HubPaths paths = HubBundles.paths(root.toString());
    try {
      install(bundle, Path.of(paths.configDir()));
      Files.createDirectories(Path.of(paths.resolverDir()));
      Path logFile = root.resolve("nats-hub.log");
      process =
          new ProcessBuilder(NATS_SERVER, "-c", paths.confFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .start();
      log.info("Started the development NATS hub from {} (log: {})", paths.confFile(), logFile);
    } catch (IOException e) {
      throw new StartupRefusedException(
          "EDGE_DEV_HUB=true, but nats-server could not be started: "
              + e.getMessage()
              + ". Install it (apt-get install nats-server).",
          e);
    }
  }

  private static void install(Bundle bundle, Path configDir) throws IOException {
    for (BundleFile file : bundle.files()) {
      Path target = configDir.resolve(file.path());
      Files.createDirectories(target.getParent());
      Files.write(target, file.content());
      Files.setPosixFilePermissions(
          target, PosixFilePermissions.fromString(permissions(file.mode().bits())));
    }
  }

  private static String permissions(int bits) {
    StringBuilder text = new StringBuilder();
    String letters = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      text.append((bits & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-');
    }
    return text.toString();
  }

  @Override
  public void stop() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  @Override
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Before the hub connection (default phase), so it finds the hub already starting. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1;
  }
}
