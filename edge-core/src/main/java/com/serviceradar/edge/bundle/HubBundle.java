package com.serviceradar.edge.bundle;

import com.serviceradar.edge.leafconfig.HubConfig;
import com.serviceradar.edge.leafconfig.HubPaths;
import com.serviceradar.edge.pki.Pem;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Builds the hub's bundle, {@code nats-hub/}: {@code nats-hub.conf}, {@code certs/hub.pem}, {@code
 * certs/hub-key.pem} (0600), {@code certs/platform-root-ca.pem} and {@code MANIFEST.sha256}.
 * Install {@code nats-hub.conf} and {@code certs/} into the configuration's {@link
 * HubPaths#configDir()}.
 */
public final class HubBundle {

  public static final String TOP_FOLDER = "nats-hub";

  private HubBundle() {}

  /**
   * Renders every file of the hub bundle.
   *
   * @param hubCertificatePem the hub's server certificate, signed by the platform root
   * @throws IllegalArgumentException when the certificate was not signed by that root
   */
  public static Bundle create(
      HubConfig config, String hubCertificatePem, String hubKeyPem, String platformRootPem) {
    Objects.requireNonNull(config, "config");
    X509Certificate certificate = Pem.decodeCertificate(hubCertificatePem);
    Pem.decodePrivateKey(hubKeyPem);
    X509Certificate root = Pem.decodeCertificate(platformRootPem);
    try {
      certificate.verify(root.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("hub certificate was not signed by the platform root");
    }
    return Bundle.withManifest(
        TOP_FOLDER,
        List.of(
            BundleFile.text(HubPaths.CONF_FILE, config.render(), FileMode.REGULAR),
            BundleFile.text(
                "certs/" + HubPaths.CERT_FILE,
                LeafCertificates.withNewline(hubCertificatePem),
                FileMode.REGULAR),
            BundleFile.text(
                "certs/" + HubPaths.KEY_FILE,
                LeafCertificates.withNewline(hubKeyPem),
                FileMode.SECRET),
            BundleFile.text(
                "certs/" + HubPaths.ROOT_CA_FILE,
                LeafCertificates.withNewline(platformRootPem),
                FileMode.REGULAR)));
  }
}
