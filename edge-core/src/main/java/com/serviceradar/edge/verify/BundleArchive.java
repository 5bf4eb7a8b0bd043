package com.serviceradar.edge.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A bundle's tar.gz read into memory: its one top folder, each regular file's bytes and mode, and
 * its folders. Links, absolute paths and {@code ..} are refused, so nothing read here can point
 * outside the top folder when written out.
 *
 * @param files path relative to the top folder to content
 * @param modes path relative to the top folder to permission bits
 * @param folders relative folder paths ending in {@code /}, the top folder itself excluded
 */
public record BundleArchive(
    String topFolder,
    Map<String, byte[]> files,
    Map<String, Integer> modes,
    SortedSet<String> folders) {

  /** A bundle larger than this is refused: real ones are a few dozen kilobytes. */
  public static final long MAX_BYTES = 16L * 1024 * 1024;

  public BundleArchive {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
    modes = Collections.unmodifiableMap(new TreeMap<>(modes));
    folders = Collections.unmodifiableSortedSet(new TreeSet<>(folders));
  }

  /**
   * Reads a tar.gz.
   *
   * @throws InvalidBundleException when it is not a gzip'd tar of one top folder with plain files
   */
  public static BundleArchive read(byte[] tarGz) {
    Map<String, byte[]> files = new TreeMap<>();
    Map<String, Integer> modes = new TreeMap<>();
    SortedSet<String> folders = new TreeSet<>();
    String top = null;
    long total = 0;
    try (InputStream gz = new GzipCompressorInputStream(new ByteArrayInputStream(tarGz));
        TarArchiveInputStream tar = new TarArchiveInputStream(gz, "UTF-8")) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        String name = entry.getName();
        if (name.startsWith("/")
            || name.equals("..")
            || name.contains("../")
            || name.startsWith("./")) {
          throw new InvalidBundleException("entry " + name + " leaves the bundle's folder");
        }
        int slash = name.indexOf('/');
        String entryTop = slash < 0 ? name : name.substring(0, slash);
        if (top == null) {
          top = entryTop;
        } else if (!top.equals(entryTop)) {
          throw new InvalidBundleException(
              "bundle has more than one top folder (" + top + ", " + entryTop + ")");
        }
        String relative = slash < 0 ? "" : name.substring(slash + 1);
        if (entry.isDirectory()) {
          if (!relative.isEmpty()) {
            folders.add(relative.endsWith("/") ? relative : relative + "/");
          }
        } else if (entry.isFile() && !relative.isEmpty()) {
          total += entry.getSize();
          if (total > MAX_BYTES) {
            throw new InvalidBundleException("bundle is larger than " + MAX_BYTES + " bytes");
          }
          files.put(relative, tar.readAllBytes());
          modes.put(relative, entry.getMode() & 07777);
        } else {
          throw new InvalidBundleException(
              "entry " + name + " is not a plain file or folder (links are not allowed)");
        }
      }
    } catch (IOException e) {
      throw new InvalidBundleException("not a readable tar.gz: " + e.getMessage());
    }
    if (top == null) {
      throw new InvalidBundleException("the archive is empty");
    }
    return new BundleArchive(top, files, modes, folders);
  }

  /** The text of a file, if present. */
  public Optional<String> text(String path) {
    return Optional.ofNullable(files.get(path))
        .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
  }
}
