package com.serviceradar.edge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files under {@code src/test/resources/golden/}: generated output is compared with them
 * byte for byte. Run the tests with {@code -Dgolden.update=true} to rewrite them, then review the
 * diff.
 */
public final class Golden {

  private static final Path DIRECTORY = Path.of("src", "test", "resources", "golden");

  private Golden() {}

  public static boolean updating() {
    return Boolean.getBoolean("golden.update");
  }

  /** Asserts the text equals the golden file's content exactly (or rewrites it when updating). */
  public static void assertMatches(String name, String actual) {
    Path file = DIRECTORY.resolve(name);
    try {
      if (updating()) {
        Files.createDirectories(file.getParent());
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertThat(file)
          .as("golden file %s is missing: run with -Dgolden.update=true to create it", file)
          .exists();
      String expected = Files.readString(file, StandardCharsets.UTF_8);
      assertThat(actual).as("output differs from golden file %s", file).isEqualTo(expected);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
