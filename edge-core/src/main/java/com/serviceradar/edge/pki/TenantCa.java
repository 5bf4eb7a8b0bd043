package com.serviceradar.edge.pki;

import com.serviceradar.edge.names.CertificateNames;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * One tenant's CA, issued by the platform root: signs its sites' leaf upstream and local server
 * certificates and its collectors' client certificates. Names follow ARCHITECTURE.md "Names"
 * exactly.
 *
 * <p>The constructor checks that the certificate is this tenant's CA ({@code
 * tenant-{tenant_slug}.ca.serviceradar}), was signed by {@code platformRootCertificate}, and
 * matches the P-256 private key. {@link #toString()} never shows the key.
 */
public record TenantCa(
    TenantSlug tenant,
    X509Certificate certificate,
    PrivateKey privateKey,
    X509Certificate platformRootCertificate) {

  /** Validity of leaf, local server and client certificates unless another is given. */
  public static final Period DEFAULT_CERTIFICATE_VALIDITY = Period.ofYears(1);

  private static final String ROLE = "tenant CA";
  private static final String LOCALHOST = "localhost";
  private static final String LOOPBACK_IPV4 = "127.0.0.1";
  private static final Pattern CLIENT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,252}");

  public TenantCa {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(platformRootCertificate, "platformRootCertificate");
    CaChecks.requireUsableCa(ROLE, certificate, privateKey);
    CaChecks.requireTenantCaOf(tenant, certificate, platformRootCertificate);
  }

  /**
   * Loads a tenant CA from PEM, e.g. as stored by the control plane.
   *
   * @throws PemException when a text cannot be decoded
   * @throws InvalidCertificateAuthorityException when the pair is not this tenant's CA under that
   *     root
   */
  public static TenantCa fromPem(
      TenantSlug tenant,
      String certificatePem,
      String privateKeyPem,
      String platformRootCertificatePem) {
    return new TenantCa(
        tenant,
        Pem.decodeCertificate(certificatePem),
        Pem.decodePrivateKey(privateKeyPem),
        Pem.decodeCertificate(platformRootCertificatePem));
  }

  /**
   * The chain a peer needs to trust this tenant's certificates: this CA, then the platform root.
   */
  public List<X509Certificate> caChain() {
    return List.of(certificate, platformRootCertificate);
  }

  /** {@code ca-chain.pem}: this CA's certificate, then the platform root's. */
  public String caChainPem() {
    return Pem.encodeCertificates(caChain());
  }

  /** This CA's certificate as PEM. */
  public String certificatePem() {
    return Pem.encodeCertificate(certificate);
  }

  /** The private key as unencrypted PKCS#8 PEM; seal it before storing. */
  public String privateKeyPem() {
    return Pem.encodePrivateKey(privateKey);
  }

  /** Issues a site's leaf upstream certificate valid for {@link #DEFAULT_CERTIFICATE_VALIDITY}. */
  public IssuedCertificate issueLeafCertificate(SiteSlug site, Instant now, SecureRandom random) {
    return issueLeafCertificate(site, Validity.from(now, DEFAULT_CERTIFICATE_VALIDITY), random);
  }

  /**
   * Issues the certificate a site's leaf presents to the hub, with a fresh P-256 key: CN and the
   * only DNS SAN {@code leaf.{site_slug}.{tenant_slug}.serviceradar}, EKU clientAuth only (the hub
   * refuses serverAuth-only client certificates; NATS-FACTS.md "TLS pitfalls").
   */
  public IssuedCertificate issueLeafCertificate(
      SiteSlug site, Validity validity, SecureRandom random) {
    KeyPair keys = EcKeys.generate(random);
    return new IssuedCertificate(
        sign(leafProfile(site), keys.getPublic(), validity, random), keys.getPrivate());
  }

  /** As {@link #issueLeafCertificate(SiteSlug, Validity, SecureRandom)}, for a requested key. */
  public SignedCertificate issueLeafCertificate(
      SiteSlug site, PKCS10CertificationRequest request, Instant now, SecureRandom random) {
    return issueLeafCertificate(
        site, request, Validity.from(now, DEFAULT_CERTIFICATE_VALIDITY), random);
  }

  /**
   * Issues a site's leaf upstream certificate for the key in {@code request}, so the private key
   * never leaves the edge host. The request's signature must verify and its key must be P-256; its
   * subject and extensions are ignored: the contract names are used.
   *
   * @throws CertificateRequestRejectedException when the request is not acceptable
   */
  public SignedCertificate issueLeafCertificate(
      SiteSlug site, PKCS10CertificationRequest request, Validity validity, SecureRandom random) {
    PublicKey key = CertificateRequests.publicKeyOf(request);
    return new SignedCertificate(sign(leafProfile(site), key, validity, random));
  }

  /** Issues a site's local server certificate valid for {@link #DEFAULT_CERTIFICATE_VALIDITY}. */
  public IssuedCertificate issueLocalServerCertificate(
      SiteSlug site, Optional<String> natsLeafUrlHost, Instant now, SecureRandom random) {
    return issueLocalServerCertificate(
        site, natsLeafUrlHost, Validity.from(now, DEFAULT_CERTIFICATE_VALIDITY), random);
  }

  /**
   * Issues the certificate a site's leaf presents to local collectors, with a fresh P-256 key: CN
   * {@code nats.{site_slug}.{tenant_slug}.serviceradar}; DNS SANs for that name and {@code
   * localhost}, an IP SAN for 127.0.0.1, and one for the host of the site's {@code nats_leaf_url}
   * (an IP SAN when it is an IPv4 or IPv6 literal, brackets allowed, else a DNS SAN); EKU
   * serverAuth.
   */
  public IssuedCertificate issueLocalServerCertificate(
      SiteSlug site, Optional<String> natsLeafUrlHost, Validity validity, SecureRandom random) {
    KeyPair keys = EcKeys.generate(random);
    CertificateProfile profile = localServerProfile(site, natsLeafUrlHost);
    return new IssuedCertificate(
        sign(profile, keys.getPublic(), validity, random), keys.getPrivate());
  }

  /** As {@link #issueLocalServerCertificate(SiteSlug, Optional, Instant, SecureRandom)}. */
  public SignedCertificate issueLocalServerCertificate(
      SiteSlug site,
      Optional<String> natsLeafUrlHost,
      PKCS10CertificationRequest request,
      Instant now,
      SecureRandom random) {
    return issueLocalServerCertificate(
        site, natsLeafUrlHost, request, Validity.from(now, DEFAULT_CERTIFICATE_VALIDITY), random);
  }

  /**
   * Issues a site's local server certificate for the key in {@code request}; the request is checked
   * as for {@link #issueLeafCertificate(SiteSlug, PKCS10CertificationRequest, Validity,
   * SecureRandom)}.
   */
  public SignedCertificate issueLocalServerCertificate(
      SiteSlug site,
      Optional<String> natsLeafUrlHost,
      PKCS10CertificationRequest request,
      Validity validity,
      SecureRandom random) {
    PublicKey key = CertificateRequests.publicKeyOf(request);
    CertificateProfile profile = localServerProfile(site, natsLeafUrlHost);
    return new SignedCertificate(sign(profile, key, validity, random));
  }

  /** Issues a client certificate valid for {@link #DEFAULT_CERTIFICATE_VALIDITY}. */
  public IssuedCertificate issueClientCertificate(
      String commonName, Instant now, SecureRandom random) {
    return issueClientCertificate(
        commonName, Validity.from(now, DEFAULT_CERTIFICATE_VALIDITY), random);
  }

  /**
   * Issues a TLS client certificate (EKU clientAuth), e.g. for a collector, with a fresh P-256 key.
   *
   * @param commonName letters, digits and {@code . _ @ -}, starting with a letter or digit
   */
  public IssuedCertificate issueClientCertificate(
      String commonName, Validity validity, SecureRandom random) {
    if (commonName == null || !CLIENT_NAME.matcher(commonName).matches()) {
      throw new IllegalArgumentException(
          "client common name must be 1-253 letters, digits or . _ @ -, starting with a letter or"
              + " digit");
    }
    CertificateProfile profile =
        CertificateProfile.endEntity(commonName, List.of(KeyPurposeId.id_kp_clientAuth), List.of());
    KeyPair keys = EcKeys.generate(random);
    return new IssuedCertificate(
        sign(profile, keys.getPublic(), validity, random), keys.getPrivate());
  }

  @Override
  public String toString() {
    return "TenantCa["
        + tenant
        + ", "
        + Certificates.subject(certificate)
        + ", private key hidden]";
  }

  private CertificateProfile leafProfile(SiteSlug site) {
    Objects.requireNonNull(site, "site");
    String name = CertificateNames.leafUpstream(site, tenant);
    return CertificateProfile.endEntity(
        name,
        List.of(KeyPurposeId.id_kp_clientAuth),
        List.of(new GeneralName(GeneralName.dNSName, name)));
  }

  private CertificateProfile localServerProfile(SiteSlug site, Optional<String> natsLeafUrlHost) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(natsLeafUrlHost, "natsLeafUrlHost");
    String name = CertificateNames.leafLocalServer(site, tenant);
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.dNSName, name));
    names.add(new GeneralName(GeneralName.dNSName, LOCALHOST));
    names.add(Hosts.subjectAltName("loopback address", LOOPBACK_IPV4));
    natsLeafUrlHost.ifPresent(host -> names.add(Hosts.subjectAltName("nats_leaf_url host", host)));
    return CertificateProfile.endEntity(name, List.of(KeyPurposeId.id_kp_serverAuth), names);
  }

  private X509Certificate sign(
      CertificateProfile profile, PublicKey subjectKey, Validity validity, SecureRandom random) {
    Validity effective = CaChecks.withinIssuer(ROLE, certificate, validity);
    return CertificateSigner.sign(profile, subjectKey, certificate, privateKey, effective, random);
  }
}
