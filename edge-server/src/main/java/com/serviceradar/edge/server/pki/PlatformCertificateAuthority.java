package com.serviceradar.edge.server.pki;

import com.serviceradar.edge.pki.InvalidCertificateAuthorityException;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.pki.PemException;
import com.serviceradar.edge.pki.PlatformRootCa;
import com.serviceradar.edge.pki.Validity;
import com.serviceradar.edge.server.system.AtRestSecrets;
import com.serviceradar.edge.server.system.ConfiguredValue;
import com.serviceradar.edge.server.system.EdgeProperties;
import com.serviceradar.edge.server.system.StartupRefusedException;
import com.serviceradar.edge.server.system.Timestamps;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The platform root CA: loaded at start, created on the first start, or imported from {@code
 * EDGE_ROOT_CA_CERT} / {@code EDGE_ROOT_CA_KEY} so an existing installation's root keeps working.
 * Start is refused when the stored key cannot be opened with the configured master key.
 */
@Service
public class PlatformCertificateAuthority implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(PlatformCertificateAuthority.class);
  private static final String KEY_PLACE = "platform_root_ca.private_key";

  private final JdbcClient jdbc;
  private final AtRestSecrets secrets;
  private final EdgeProperties properties;
  private final Clock clock;
  private final SecureRandom random;
  private volatile PlatformRootCa root;

  PlatformCertificateAuthority(
      JdbcClient jdbc,
      AtRestSecrets secrets,
      EdgeProperties properties,
      Clock clock,
      SecureRandom random) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.properties = properties;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public void afterSingletonsInstantiated() {
    root();
  }

  public PlatformRootCa root() {
    PlatformRootCa loaded = root;
    if (loaded == null) {
      loaded = loadOrCreate();
      root = loaded;
    }
    return loaded;
  }

  /** Issues the hub's server certificate for the given host names and addresses. */
  public IssuedCertificate issueHubCertificate(List<String> hosts) {
    return root()
        .issueHubServerCertificate(
            hosts,
            Validity.from(clock.instant(), PlatformRootCa.DEFAULT_HUB_CERTIFICATE_VALIDITY),
            random);
  }

  private synchronized PlatformRootCa loadOrCreate() {
    if (root != null) {
      return root;
    }
    return load().orElseGet(this::createOrImport);
  }

  private Optional<PlatformRootCa> load() {
    return jdbc.sql("SELECT certificate_pem, private_key_sealed FROM platform_root_ca WHERE id = 1")
        .query(
            (rs, row) -> {
              String keyPem = secrets.open(rs.getString("private_key_sealed"), KEY_PLACE);
              return PlatformRootCa.fromPem(
                  rs.getString("certificate_pem"), keyPem, clock.instant());
            })
        .optional();
  }

  private PlatformRootCa createOrImport() {
    EdgeProperties.Import importing = properties.importing();
    boolean imported = !importing.rootCaCert().isBlank() || !importing.rootCaKey().isBlank();
    PlatformRootCa created =
        imported ? importRoot(importing) : PlatformRootCa.create(clock.instant(), random);
    try {
      jdbc.sql(
              """
              INSERT INTO platform_root_ca (id, certificate_pem, private_key_sealed, imported, created_at)
              VALUES (1, :certificate, :key, :imported, :createdAt)
              """)
          .param("certificate", created.certificatePem())
          .param("key", secrets.seal(created.privateKeyPem(), KEY_PLACE))
          .param("imported", imported)
          .param("createdAt", Timestamps.now(clock))
          .update();
      log.info("{} the platform root CA", imported ? "Imported" : "Created");
      return created;
    } catch (DuplicateKeyException anotherReplicaWasFirst) {
      return load().orElseThrow();
    }
  }

  private PlatformRootCa importRoot(EdgeProperties.Import importing) {
    if (importing.rootCaCert().isBlank() || importing.rootCaKey().isBlank()) {
      throw new StartupRefusedException(
          "EDGE_ROOT_CA_CERT and EDGE_ROOT_CA_KEY must be set together to import a root CA", null);
    }
    try {
      return PlatformRootCa.fromPem(
          ConfiguredValue.read("EDGE_ROOT_CA_CERT", importing.rootCaCert()),
          ConfiguredValue.read("EDGE_ROOT_CA_KEY", importing.rootCaKey()),
          clock.instant());
    } catch (InvalidCertificateAuthorityException | PemException e) {
      throw new StartupRefusedException("Refusing to import the root CA: " + e.getMessage(), e);
    }
  }
}
