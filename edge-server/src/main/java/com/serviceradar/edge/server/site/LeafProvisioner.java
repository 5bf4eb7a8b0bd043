package com.serviceradar.edge.server.site;

import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.pki.CertificateRequestRejectedException;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.pki.PemException;
import com.serviceradar.edge.pki.SignedCertificate;
import com.serviceradar.edge.pki.TenantCa;
import com.serviceradar.edge.pki.Validity;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.pki.TenantCertificateAuthorities;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.tenant.Tenant;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.springframework.stereotype.Component;

/** Issues a site's leaf identity from its tenant's CA and NATS account. */
@Component
class LeafProvisioner {

  private final TenantCertificateAuthorities certificateAuthorities;
  private final TenantAccounts accounts;
  private final SecureRandom random;

  LeafProvisioner(
      TenantCertificateAuthorities certificateAuthorities,
      TenantAccounts accounts,
      SecureRandom random) {
    this.certificateAuthorities = certificateAuthorities;
    this.accounts = accounts;
    this.random = random;
  }

  LeafIdentity issue(Tenant tenant, UUID siteId, SiteSlug site, NatsUrl natsLeafUrl) {
    TenantCa ca = certificateAuthorities.forTenant(tenant.id(), tenant.slug());
    Validity validity = certificateAuthorities.leafValidity();
    return new LeafIdentity(
        ca.issueLeafCertificate(site, validity, random),
        issueServerCertificate(ca, site, natsLeafUrl, validity),
        ca.caChainPem(),
        accounts.issueLeafUser(tenant.id(), tenant.slug(), site, siteId));
  }

  /** Certificates and leaf user JWT issued for keys the edge host keeps. */
  record HostKeyedIdentity(
      SignedCertificate leafCertificate,
      SignedCertificate serverCertificate,
      String caChainPem,
      String userJwt) {

    Instant expiresAt() {
      Instant leaf = leafCertificate.notAfter();
      Instant server = serverCertificate.notAfter();
      return leaf.isBefore(server) ? leaf : server;
    }
  }

  /**
   * Issues both certificates for the P-256 key in the CSR (its subject is ignored: the contract
   * names are set) and the leaf user JWT for the host's nkey.
   *
   * @throws IllegalArgumentException when the CSR or the key is unusable, saying which
   */
  HostKeyedIdentity issueForHostKeys(
      Tenant tenant,
      UUID siteId,
      SiteSlug site,
      NatsUrl natsLeafUrl,
      String csrPem,
      String natsPublicKey) {
    TenantCa ca = certificateAuthorities.forTenant(tenant.id(), tenant.slug());
    Validity validity = certificateAuthorities.leafValidity();
    PKCS10CertificationRequest csr;
    try {
      csr = Pem.decodeCertificateRequest(csrPem);
    } catch (PemException e) {
      throw new IllegalArgumentException("csr is not a PEM certificate request");
    }
    try {
      return new HostKeyedIdentity(
          ca.issueLeafCertificate(site, csr, validity, random),
          ca.issueLocalServerCertificate(
              site, Optional.ofNullable(natsLeafUrl).map(NatsUrl::host), csr, validity, random),
          ca.caChainPem(),
          accounts.issueLeafUserJwt(tenant.id(), tenant.slug(), site, siteId, natsPublicKey));
    } catch (CertificateRequestRejectedException e) {
      throw new IllegalArgumentException("csr: " + e.getMessage());
    }
  }

  /** A renewal's new keys, made on the edge host: the request for its P-256 key, its nkey. */
  record NewHostKeys(String csrPem, String natsPublicKey) {}

  /**
   * A renewal's identity: from the control plane's keys for a site whose keys it holds, for the
   * host's new keys for a site whose edge host holds them (each kind renews as it enrolled).
   */
  HeldIdentity renew(
      Tenant tenant, EdgeSite site, HeldIdentity current, Optional<NewHostKeys> hostKeys) {
    if (!current.isHostKeyed()) {
      if (hostKeys.isPresent()) {
        throw ApiProblemException.conflict(
            "this site's keys are held by the control plane: rotate without csr and"
                + " natsPublicKey");
      }
      return HeldIdentity.of(issue(tenant, site.id(), site.slug(), site.natsLeafUrl()));
    }
    NewHostKeys keys =
        hostKeys.orElseThrow(
            () ->
                ApiProblemException.conflict(
                    "this site's private keys are held by its edge host (it enrolled with a CSR):"
                        + " its agent renews it (serviceradar-edge sync), sending a new csr and"
                        + " natsPublicKey made on the host"));
    if (keys.natsPublicKey().equals(current.userPublicKey())) {
      // The cut-over revokes the old user's key: a renewal needs a new one.
      throw ApiProblemException.invalid(
          "natsPublicKey must be a new key, not the site's current one");
    }
    try {
      return HeldIdentity.ofHostKeys(
          issueForHostKeys(
              tenant,
              site.id(),
              site.slug(),
              site.natsLeafUrl(),
              keys.csrPem(),
              keys.natsPublicKey()),
          keys.natsPublicKey());
    } catch (IllegalArgumentException e) {
      throw ApiProblemException.invalid(e.getMessage());
    }
  }

  /** A new local-server certificate only, for when the address collectors use has changed. */
  IssuedCertificate reissueServerCertificate(Tenant tenant, SiteSlug site, NatsUrl natsLeafUrl) {
    TenantCa ca = certificateAuthorities.forTenant(tenant.id(), tenant.slug());
    return issueServerCertificate(ca, site, natsLeafUrl, certificateAuthorities.leafValidity());
  }

  private IssuedCertificate issueServerCertificate(
      TenantCa ca, SiteSlug site, NatsUrl url, Validity validity) {
    return ca.issueLocalServerCertificate(
        site, Optional.ofNullable(url).map(NatsUrl::host), validity, random);
  }
}
