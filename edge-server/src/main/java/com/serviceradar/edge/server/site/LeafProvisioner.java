package com.serviceradar.edge.server.site;

import com.serviceradar.edge.names.NatsUrl;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.pki.IssuedCertificate;
import com.serviceradar.edge.pki.TenantCa;
import com.serviceradar.edge.pki.Validity;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.pki.TenantCertificateAuthorities;
import com.serviceradar.edge.server.tenant.Tenant;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;
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
