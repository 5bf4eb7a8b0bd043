package com.serviceradar.edge.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A finished bundle: its files under one top folder, {@code MANIFEST.sha256} among them, and the
 * checksum (SHA-256 of the manifest text).
 *
 * @param files sorted by path, the manifest included
 */
public record Bundle(String topFolder, List<BundleFile> files, BundleManifest manifest) {

  public Bundle {
    files = List.copyOf(files);
  }

  /** Adds {@code MANIFEST.sha256} over the given files. */
  static Bundle withManifest(String topFolder, List<BundleFile> files) {
    BundleManifest manifest = BundleManifest.of(files);
    List<BundleFile> all = new ArrayList<>(files);
    all.add(manifest.toFile());
    all.sort(Comparator.comparing(BundleFile::path));
    return new Bundle(topFolder, all, manifest);
  }

  /** {@code <top folder>.tar.gz}. */
  public String fileName() {
    return topFolder + ".tar.gz";
  }

  /** SHA-256 of {@code MANIFEST.sha256}: for an edge site, its {@code configChecksum}. */
  public String checksum() {
    return manifest.sha256();
  }

  /** The file at a path relative to the top folder. */
  public Optional<BundleFile> file(String path) {
    return files.stream().filter(file -> file.path().equals(path)).findFirst();
  }

  /** The deterministic tar.gz (see {@link TarGz}). */
  public byte[] toTarGz() {
    return TarGz.write(topFolder, files);
  }

  /** Streams the deterministic tar.gz to {@code out}, which is left open. */
  public void writeTarGz(OutputStream out) throws IOException {
    TarGz.write(topFolder, files, out);
  }

  @Override
  public String toString() {
    return "Bundle[" + topFolder + ", " + files.size() + " files, checksum " + checksum() + "]";
  }
}
