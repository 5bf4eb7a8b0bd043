package com.serviceradar.edge.bundle;

import com.serviceradar.edge.leafconfig.LeafPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bundle an edge host assembles when it keeps its own keys (it enrolled with a CSR and an nkey
 * public key): the configuration, certificates and {@code setup.sh} the control plane sent, plus
 * the host's private key (one P-256 key serves both certificates) and its {@code .creds}, built
 * from the user JWT it was sent and its own seed. Same layout as {@link EdgeSiteBundle}, so the
 * same {@code setup.sh} installs it.
 */
public final class HostKeyedBundle {

  private static final String CERTS = "nats/certs/";

  /** What the control plane sends: everything but private keys and creds. */
  public static final Set<String> SENT_FILES =
      Set.of(
          "nats/" + LeafPaths.CONF_FILE,
          CERTS + LeafPaths.SERVER_CERT_FILE,
          CERTS + LeafPaths.LEAF_CERT_FILE,
          CERTS + LeafPaths.CA_CHAIN_FILE,
          "setup.sh",
          "README.md");

  private HostKeyedBundle() {}

  /**
   * @param topFolder the bundle's top folder, {@code edge-site-{site_id}}
   * @param sentFiles the files the control plane sent, by bundle path ({@link #SENT_FILES})
   * @param privateKeyPem the host's PKCS#8 P-256 key, for which both certificates were issued
   * @param creds the host's leaf user {@code .creds}
   * @throws IllegalArgumentException when a sent file is missing or unexpected
   */
  public static Bundle assemble(
      String topFolder, Map<String, String> sentFiles, String privateKeyPem, String creds) {
    if (!sentFiles.keySet().equals(SENT_FILES)) {
      throw new IllegalArgumentException(
          "the control plane must send exactly " + SENT_FILES + ", not " + sentFiles.keySet());
    }
    String key = LeafCertificates.withNewline(privateKeyPem);
    List<BundleFile> files = new ArrayList<>();
    for (Map.Entry<String, String> sent : sentFiles.entrySet()) {
      FileMode mode = sent.getKey().equals("setup.sh") ? FileMode.EXECUTABLE : FileMode.REGULAR;
      files.add(BundleFile.text(sent.getKey(), sent.getValue(), mode));
    }
    files.add(BundleFile.text(CERTS + LeafPaths.SERVER_KEY_FILE, key, FileMode.SECRET));
    files.add(BundleFile.text(CERTS + LeafPaths.LEAF_KEY_FILE, key, FileMode.SECRET));
    files.add(BundleFile.text("creds/" + LeafPaths.CREDS_FILE, creds, FileMode.SECRET));
    return Bundle.withManifest(topFolder, files);
  }
}
