package com.serviceradar.edge.server.site;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.bundle.BundleFile;
import com.serviceradar.edge.bundle.EdgeSiteBundle;
import com.serviceradar.edge.bundle.LeafCertificates;
import com.serviceradar.edge.leafconfig.AccountJwt;
import com.serviceradar.edge.leafconfig.HostPort;
import com.serviceradar.edge.leafconfig.LeafConfig;
import com.serviceradar.edge.leafconfig.LeafPaths;
import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.natsauth.Creds;
import com.serviceradar.edge.natsauth.NatsOperator;
import com.serviceradar.edge.natsauth.Seed;
import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.server.natsauth.AccountJwtChanged;
import com.serviceradar.edge.server.natsauth.PlatformOperator;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.SecretToken;
import com.serviceradar.edge.server.tenant.Tenant;
import com.serviceradar.edge.server.tenant.Tenants;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Builds a site's bundle from what is stored for it, and keeps its {@code configChecksum} (the
 * SHA-256 of the bundle's manifest) current. The bundle is deterministic, so the checksum changes
 * exactly when a downloaded bundle would: new certificates or user, a new tenant account JWT
 * (revocations), a new name or URL.
 */
@Component
class SiteBundles {

  private final EdgeSiteRepository repository;
  private final PlatformOperator platformOperator;
  private final TenantAccounts accounts;
  private final Tenants tenants;

  SiteBundles(
      EdgeSiteRepository repository,
      PlatformOperator platformOperator,
      TenantAccounts accounts,
      Tenants tenants) {
    this.repository = repository;
    this.platformOperator = platformOperator;
    this.accounts = accounts;
    this.tenants = tenants;
  }

  Bundle build(Tenant tenant, EdgeSite site) {
    return build(tenant, site, storedIdentity(site));
  }

  /** The site's bundle as it would be with {@code identity} (a rotation's new one). */
  Bundle build(Tenant tenant, EdgeSite site, EdgeSiteRepository.StoredLeafIdentity identity) {
    if (identity.isHostKeyed()) {
      throw ApiProblemException.conflict(
          "this site's private keys are held by its edge host (it enrolled with a CSR); regenerate the"
              + " site for a bundle with keys from the control plane, or enroll again");
    }
    LeafCertificates certificates =
        new LeafCertificates(
            identity.serverCertificatePem(),
            identity.serverKeyPem(),
            identity.leafCertificatePem(),
            identity.leafKeyPem(),
            identity.caChainPem());
    String creds = Creds.of(identity.userJwt(), Seed.of(identity.userSeed())).format();
    return EdgeSiteBundle.create(bundleSite(site), config(tenant, site), certificates, creds);
  }

  /**
   * What an edge host that keeps its own keys installs, by bundle path: the configuration, the
   * certificates, setup.sh and README.md, without private keys or creds (it writes those from its
   * keys and the user JWT).
   */
  Map<String, String> hostKeyedFiles(Tenant tenant, EdgeSite site) {
    return hostKeyedFiles(tenant, site, storedIdentity(site));
  }

  /**
   * The files a rotation's new identity installs, by bundle path ({@code nats/...}, and {@code
   * creds/...} with the keys when the control plane holds them); for a host-keyed identity, what
   * its host-config holds (no keys or creds: the host adds its own).
   */
  Map<String, String> rotationFiles(Tenant tenant, EdgeSite site, HeldIdentity identity) {
    if (identity.isHostKeyed()) {
      return hostKeyedFiles(tenant, site, identity.forBundle());
    }
    Map<String, String> files = new TreeMap<>();
    for (BundleFile file : build(tenant, site, identity.forBundle()).files()) {
      if (file.path().startsWith("nats/") || file.path().startsWith("creds/")) {
        files.put(file.path(), new String(file.content(), StandardCharsets.UTF_8));
      }
    }
    return files;
  }

  private Map<String, String> hostKeyedFiles(
      Tenant tenant, EdgeSite site, EdgeSiteRepository.StoredLeafIdentity identity) {
    String tenantCa = Pem.encodeCertificate(Pem.decodeCertificates(identity.caChainPem()).get(0));
    Map<String, String> files = new TreeMap<>();
    files.put("nats/" + LeafPaths.CONF_FILE, config(tenant, site).render());
    files.put(
        "nats/certs/" + LeafPaths.LEAF_CERT_FILE,
        withNewline(identity.leafCertificatePem()) + tenantCa);
    files.put(
        "nats/certs/" + LeafPaths.SERVER_CERT_FILE,
        withNewline(identity.serverCertificatePem()) + tenantCa);
    files.put("nats/certs/" + LeafPaths.CA_CHAIN_FILE, withNewline(identity.caChainPem()));
    LeafConfig config = config(tenant, site);
    files.put("setup.sh", EdgeSiteBundle.setupScript(bundleSite(site), config));
    files.put(
        "README.md",
        EdgeSiteBundle.readme(
            bundleSite(site),
            config,
            notAfter(identity.leafCertificatePem()),
            notAfter(identity.serverCertificatePem())));
    return files;
  }

  private static com.serviceradar.edge.bundle.EdgeSite bundleSite(EdgeSite site) {
    return new com.serviceradar.edge.bundle.EdgeSite(
        site.id(), site.name(), Optional.ofNullable(site.natsLeafUrl()));
  }

  private static Instant notAfter(String certificatePem) {
    return Pem.decodeCertificate(certificatePem).getNotAfter().toInstant();
  }

  private static String withNewline(String pem) {
    return pem.endsWith("\n") ? pem : pem + "\n";
  }

  private LeafConfig config(Tenant tenant, EdgeSite site) {
    NatsOperator operator = platformOperator.operator();
    return LeafConfig.forSite(
            tenant.slug(),
            site.slug(),
            NatsUrl.parse(site.leafServer().upstreamUrl()),
            operator.jwt(),
            AccountJwt.of(operator.systemAccount()),
            accounts.accountJwtOf(tenant.id()))
        .withLocalListen(hostPort(site.leafServer().localListen()))
        .withMonitoringPort(site.leafServer().monitoringPort());
  }

  private EdgeSiteRepository.StoredLeafIdentity storedIdentity(EdgeSite site) {
    return repository
        .storedIdentity(site.leafServer().id())
        .orElseThrow(() -> new IllegalStateException("site " + site.id() + " is not provisioned"));
  }

  /** Recomputes and stores the checksum of one site's bundle. */
  String refreshChecksum(UUID tenantId, UUID siteId) {
    Tenant tenant = tenants.find(tenantId).orElseThrow();
    EdgeSite site = repository.find(tenantId, siteId).orElseThrow();
    String checksum =
        storedIdentity(site).isHostKeyed()
            ? SecretToken.sha256(
                String.join("\u0000", hostKeyedFiles(tenant, site).values()) + site.name())
            : build(tenant, site).checksum();
    repository.storeConfigChecksum(site.leafServer().id(), checksum);
    return checksum;
  }

  /**
   * Every operator-mode leaf holds its tenant's account JWT, so each of the tenant's bundles
   * changed.
   */
  @EventListener
  void accountJwtChanged(AccountJwtChanged changed) {
    for (EdgeSite site : repository.list(changed.tenantId())) {
      if (site.leafServer().status() != LeafServerStatus.PENDING) {
        refreshChecksum(changed.tenantId(), site.id());
      }
    }
  }

  private static HostPort hostPort(String listen) {
    int colon = listen.lastIndexOf(':');
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new HostPort(host, Integer.parseInt(listen.substring(colon + 1)));
  }
}
