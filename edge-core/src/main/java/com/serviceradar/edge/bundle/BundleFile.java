package com.serviceradar.edge.bundle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a bundle.
 *
 * @param path relative to the bundle's top folder, {@code /}-separated, e.g. {@code
 *     nats/certs/ca-chain.pem}: letters, digits and {@code . _ -} in each segment, no {@code .} or
 *     {@code ..} segment (so it needs no escaping in {@code MANIFEST.sha256} and cannot escape the
 *     folder)
 * @param content the bytes, copied in and out
 */
public record BundleFile(String path, byte[] content, FileMode mode) {

  private static final Pattern PATH =
      Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

  public BundleFile {
    if (path == null || !PATH.matcher(path).matches() || path.length() > 200) {
      throw new IllegalArgumentException(
          "bundle path must be relative segments of letters, digits and . _ - (got "
              + (path == null ? "nothing" : "\"" + path + "\"")
              + ")");
    }
    content = Objects.requireNonNull(content, "content").clone();
    Objects.requireNonNull(mode, "mode");
  }

  /** A text file, UTF-8. */
  public static BundleFile text(String path, String text, FileMode mode) {
    return new BundleFile(path, text.getBytes(StandardCharsets.UTF_8), mode);
  }

  @Override
  public byte[] content() {
    return content.clone();
  }

  /** The content decoded as UTF-8. */
  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  int size() {
    return content.length;
  }

  byte[] contentView() {
    return content;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BundleFile file
        && path.equals(file.path)
        && mode == file.mode
        && Arrays.equals(content, file.content);
  }

  @Override
  public int hashCode() {
    return Objects.hash(path, mode, Arrays.hashCode(content));
  }

  @Override
  public String toString() {
    // Never the content: it may be a key or credentials.
    return "BundleFile[" + path + ", " + content.length + " bytes, " + mode + "]";
  }
}
