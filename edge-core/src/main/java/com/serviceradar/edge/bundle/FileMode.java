package com.serviceradar.edge.bundle;

/** The permission bits a bundle file is archived with; directories are always 0755. */
public enum FileMode {
  /** 0644: configuration, certificates, documentation. */
  REGULAR(0644),
  /** 0600: private keys and credentials. */
  SECRET(0600),
  /** 0755: scripts. */
  EXECUTABLE(0755);

  /** The mode of every directory in a bundle. */
  public static final int DIRECTORY = 0755;

  private final int bits;

  FileMode(int bits) {
    this.bits = bits;
  }

  /** The permission bits, e.g. {@code 0600}. */
  public int bits() {
    return bits;
  }
}
