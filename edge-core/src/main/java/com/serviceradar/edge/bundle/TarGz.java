package com.serviceradar.edge.bundle;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes files under one top folder as a deterministic tar.gz: entries sorted by path (each folder
 * before what it holds), every mtime {@link #MTIME}, owner and group {@code root} (0), explicit
 * modes, and a gzip header without a time or file name. Same files, same bytes.
 */
public final class TarGz {

  /** 2000-01-01T00:00:00Z: fixed, and not the epoch, which some tools warn about. */
  public static final Instant MTIME = Instant.parse("2000-01-01T00:00:00Z");

  private static final String OWNER = "root";

  private TarGz() {}

  /** The archive as bytes. */
  public static byte[] write(String topFolder, List<BundleFile> files) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(topFolder, files, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Writes the archive to {@code out}, which is left open.
   *
   * @param topFolder one path segment, e.g. {@code edge-site-<id>}
   */
  public static void write(String topFolder, List<BundleFile> files, OutputStream out)
      throws IOException {
    BundleFile.text(topFolder, "", FileMode.REGULAR);
    if (topFolder.contains("/")) {
      throw new IllegalArgumentException("top folder must be one path segment");
    }
    List<BundleFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparing(BundleFile::path));
    SortedSet<String> folders = new TreeSet<>();
    folders.add("");
    for (int i = 0; i < sorted.size(); i++) {
      if (i > 0 && sorted.get(i).path().equals(sorted.get(i - 1).path())) {
        throw new IllegalArgumentException("bundle lists " + sorted.get(i).path() + " twice");
      }
      String path = sorted.get(i).path();
      for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
        folders.add(path.substring(0, slash + 1));
      }
    }
    List<Entry> entries = new ArrayList<>();
    folders.forEach(folder -> entries.add(new Entry(topFolder + "/" + folder, null)));
    sorted.forEach(file -> entries.add(new Entry(topFolder + "/" + file.path(), file)));
    entries.sort(Comparator.comparing(Entry::name));

    GzipParameters gzip = new GzipParameters();
    gzip.setCompressionLevel(Deflater.BEST_COMPRESSION);
    gzip.setModificationTime(0);
    gzip.setOS(GzipParameters.OS.UNIX);
    GzipCompressorOutputStream gz = new GzipCompressorOutputStream(new NonClosing(out), gzip);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, "UTF-8")) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      for (Entry entry : entries) {
        tar.putArchiveEntry(header(entry));
        if (entry.file() != null) {
          tar.write(entry.file().contentView());
        }
        tar.closeArchiveEntry();
      }
      tar.finish();
    }
  }

  private static TarArchiveEntry header(Entry entry) {
    boolean folder = entry.file() == null;
    TarArchiveEntry header =
        new TarArchiveEntry(
            entry.name(), folder ? TarArchiveEntry.LF_DIR : TarArchiveEntry.LF_NORMAL);
    header.setMode(
        (folder
                ? TarArchiveEntry.DEFAULT_DIR_MODE & ~0777
                : TarArchiveEntry.DEFAULT_FILE_MODE & ~0777)
            | (folder ? FileMode.DIRECTORY : entry.file().mode().bits()));
    header.setSize(folder ? 0 : entry.file().size());
    header.setModTime(MTIME.toEpochMilli());
    header.setUserId(0);
    header.setGroupId(0);
    header.setUserName(OWNER);
    header.setGroupName(OWNER);
    return header;
  }

  private record Entry(String name, BundleFile file) {}

  /** Lets the gzip stream finish without closing the caller's stream. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      out.write(bytes, offset, length);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
