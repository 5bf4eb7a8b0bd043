package com.serviceradar.edge.server.pki;

import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.pki.TenantCa;
import com.serviceradar.edge.pki.Validity;
import com.serviceradar.edge.server.system.AtRestSecrets;
import com.serviceradar.edge.server.system.EdgeProperties;
import com.serviceradar.edge.server.system.Timestamps;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * One CA per tenant, signed by the platform root; its key is stored sealed and bound to the tenant.
 */
@Service
public class TenantCertificateAuthorities {

  private final JdbcClient jdbc;
  private final AtRestSecrets secrets;
  private final PlatformCertificateAuthority platform;
  private final EdgeProperties properties;
  private final Clock clock;
  private final SecureRandom random;

  TenantCertificateAuthorities(
      JdbcClient jdbc,
      AtRestSecrets secrets,
      PlatformCertificateAuthority platform,
      EdgeProperties properties,
      Clock clock,
      SecureRandom random) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.platform = platform;
    this.properties = properties;
    this.clock = clock;
    this.random = random;
  }

  /** Creates the tenant's CA in the caller's transaction. */
  public TenantCa createFor(UUID tenantId, TenantSlug tenant) {
    TenantCa ca =
        platform
            .root()
            .issueTenantCa(
                tenant,
                Validity.from(clock.instant(), properties.pki().tenantCaValidity()),
                random);
    jdbc.sql(
            """
            INSERT INTO tenant_cas (tenant_id, certificate_pem, private_key_sealed, created_at)
            VALUES (:tenantId, :certificate, :key, :createdAt)
            """)
        .param("tenantId", tenantId)
        .param("certificate", ca.certificatePem())
        .param("key", secrets.seal(ca.privateKeyPem(), keyPlace(tenantId)))
        .param("createdAt", Timestamps.now(clock))
        .update();
    return ca;
  }

  public TenantCa forTenant(UUID tenantId, TenantSlug tenant) {
    return jdbc.sql(
            "SELECT certificate_pem, private_key_sealed FROM tenant_cas WHERE tenant_id = :tenantId")
        .param("tenantId", tenantId)
        .query(
            (rs, row) ->
                TenantCa.fromPem(
                    tenant,
                    rs.getString("certificate_pem"),
                    secrets.open(rs.getString("private_key_sealed"), keyPlace(tenantId)),
                    Pem.encodeCertificate(platform.root().certificate())))
        .optional()
        .orElseThrow(() -> new IllegalStateException("tenant " + tenantId + " has no CA"));
  }

  /** Leaf and server certificates live this long ({@code EDGE_LEAF_CERT_VALIDITY}). */
  public Validity leafValidity() {
    return Validity.from(clock.instant(), properties.pki().leafCertificateValidity());
  }

  private static String keyPlace(UUID tenantId) {
    return "tenant_cas.private_key:" + tenantId;
  }
}
