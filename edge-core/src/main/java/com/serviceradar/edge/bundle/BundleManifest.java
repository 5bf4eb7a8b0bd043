package com.serviceradar.edge.bundle;

import com.serviceradar.edge.digest.Digests;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The SHA-256 of every file in a bundle, by path relative to the top folder. {@link #text()} is
 * {@code MANIFEST.sha256}, which {@code sha256sum -c} checks from inside the top folder; {@link
 * #sha256()}, the hash of that text, is the bundle's checksum (a site's {@code configChecksum}):
 * any changed file — a new certificate, new creds — changes it.
 */
public record BundleManifest(SortedMap<String, String> sha256ByPath) {

  /** The manifest's own file name; it does not list itself. */
  public static final String FILE_NAME = "MANIFEST.sha256";

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  public BundleManifest {
    TreeMap<String, String> copy = new TreeMap<>(sha256ByPath);
    copy.forEach(
        (path, hash) -> {
          // Checks the path the same way a bundle file does.
          BundleFile.text(path, "", FileMode.REGULAR);
          if (hash == null || !SHA256_HEX.matcher(hash).matches()) {
            throw new IllegalArgumentException("SHA-256 of " + path + " must be 64 lowercase hex");
          }
        });
    if (copy.containsKey(FILE_NAME)) {
      throw new IllegalArgumentException(FILE_NAME + " cannot list itself");
    }
    sha256ByPath = Collections.unmodifiableSortedMap(copy);
  }

  /** The manifest of these files. */
  public static BundleManifest of(List<BundleFile> files) {
    SortedMap<String, String> hashes = new TreeMap<>();
    for (BundleFile file : files) {
      if (hashes.put(file.path(), Digests.sha256Hex(file.contentView())) != null) {
        throw new IllegalArgumentException("bundle lists " + file.path() + " twice");
      }
    }
    return new BundleManifest(hashes);
  }

  /** {@code <sha256> <path>} lines sorted by path, each ending in {@code \n}. */
  public String text() {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> entry : sha256ByPath.entrySet()) {
      text.append(entry.getValue()).append("  ").append(entry.getKey()).append('\n');
    }
    return text.toString();
  }

  /** SHA-256 of {@link #text()} as lowercase hex: the bundle's checksum. */
  public String sha256() {
    return Digests.sha256Hex(text());
  }

  /** The manifest as the bundle file {@value #FILE_NAME}. */
  public BundleFile toFile() {
    return BundleFile.text(FILE_NAME, text(), FileMode.REGULAR);
  }
}
