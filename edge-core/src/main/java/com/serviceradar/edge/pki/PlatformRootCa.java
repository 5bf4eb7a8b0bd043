package com.serviceradar.edge.pki;

import com.serviceradar.edge.names.CertificateNames;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.pki.InvalidCertificateAuthorityException.Reason;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The platform root CA: signs every tenant CA and the hub's server certificate, and is what the hub
 * trusts leaf certificates through.
 *
 * <p>The constructor checks that the pair is a self-signed ECDSA P-256 CA whose key matches its
 * certificate; it does not check the time (use {@link #fromPem} to import with an expiry check).
 * {@link #toString()} never shows the key.
 */
public record PlatformRootCa(X509Certificate certificate, PrivateKey privateKey) {

  /** Validity of a new platform root unless another is given. */
  public static final Period DEFAULT_VALIDITY = Period.ofYears(20);

  /** Validity of a new tenant CA unless another is given. */
  public static final Period DEFAULT_TENANT_CA_VALIDITY = Period.ofYears(10);

  /** Validity of a new hub server certificate unless another is given. */
  public static final Period DEFAULT_HUB_CERTIFICATE_VALIDITY = Period.ofYears(1);

  /**
   * Path length of a new platform root: it signs tenant CAs (path length 0) and end entities, never
   * a CA that could sign another CA.
   */
  static final int PATH_LENGTH = 1;

  private static final String ROLE = "platform root CA";

  public PlatformRootCa {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
    CaChecks.requireUsableCa(ROLE, certificate, privateKey);
    requireSelfSigned(certificate);
  }

  /** Creates a new platform root valid for {@link #DEFAULT_VALIDITY} from {@code now}. */
  public static PlatformRootCa create(Instant now, SecureRandom random) {
    return create(Validity.from(now, DEFAULT_VALIDITY), random);
  }

  /** Creates a new self-signed platform root with a fresh P-256 key. */
  public static PlatformRootCa create(Validity validity, SecureRandom random) {
    KeyPair keys = EcKeys.generate(random);
    CertificateProfile profile =
        CertificateProfile.certificateAuthority(CertificateNames.PLATFORM_ROOT_CA, PATH_LENGTH);
    X509Certificate certificate =
        CertificateSigner.sign(
            profile, keys.getPublic(), null, keys.getPrivate(), validity, random);
    return new PlatformRootCa(certificate, keys.getPrivate());
  }

  /**
   * Imports an existing root, e.g. one an operator made with OpenSSL.
   *
   * @param certificatePem one PEM certificate: a self-signed CA with an ECDSA P-256 key
   * @param privateKeyPem its unencrypted private key, PKCS#8 ({@code PRIVATE KEY}) or SEC1 ({@code
   *     EC PRIVATE KEY})
   * @param now the certificate must be valid at this instant
   * @throws PemException when either text cannot be decoded
   * @throws InvalidCertificateAuthorityException when the key does not match, the certificate is
   *     not a self-signed CA, is not valid at {@code now}, or the key is not P-256
   */
  public static PlatformRootCa fromPem(String certificatePem, String privateKeyPem, Instant now) {
    X509Certificate certificate = Pem.decodeCertificate(certificatePem);
    PrivateKey privateKey = Pem.decodePrivateKey(privateKeyPem);
    PlatformRootCa root = new PlatformRootCa(certificate, privateKey);
    CaChecks.requireValidAt(ROLE, certificate, now);
    return root;
  }

  /** Issues the CA of {@code tenant}, valid for {@link #DEFAULT_TENANT_CA_VALIDITY} from now. */
  public TenantCa issueTenantCa(TenantSlug tenant, Instant now, SecureRandom random) {
    return issueTenantCa(tenant, Validity.from(now, DEFAULT_TENANT_CA_VALIDITY), random);
  }

  /**
   * Issues the CA of {@code tenant}: CN {@code tenant-{tenant_slug}.ca.serviceradar}, path length
   * 0, key usage keyCertSign and cRLSign, with a fresh P-256 key. Its validity ends no later than
   * this root's.
   */
  public TenantCa issueTenantCa(TenantSlug tenant, Validity validity, SecureRandom random) {
    Objects.requireNonNull(tenant, "tenant");
    KeyPair keys = EcKeys.generate(random);
    CertificateProfile profile =
        CertificateProfile.certificateAuthority(CertificateNames.tenantCa(tenant), 0);
    X509Certificate certificate = sign(profile, keys, validity, random);
    return new TenantCa(tenant, certificate, keys.getPrivate(), this.certificate);
  }

  /** Issues the hub's server certificate, valid for {@link #DEFAULT_HUB_CERTIFICATE_VALIDITY}. */
  public IssuedCertificate issueHubServerCertificate(
      List<String> hosts, Instant now, SecureRandom random) {
    return issueHubServerCertificate(
        hosts, Validity.from(now, DEFAULT_HUB_CERTIFICATE_VALIDITY), random);
  }

  /**
   * Issues the hub's server certificate, signed by this root because the hub trusts leafs through
   * it: CN the first host, a SAN for every host (an IP SAN for IP literals, since a leaf URL with
   * an IP needs one; NATS-FACTS.md "TLS pitfalls"), EKU serverAuth and clientAuth (cluster routes
   * connect both ways).
   *
   * @param hosts DNS names or IP literals, the first being the name leafs use most; not empty
   */
  public IssuedCertificate issueHubServerCertificate(
      List<String> hosts, Validity validity, SecureRandom random) {
    if (hosts == null || hosts.isEmpty()) {
      throw new IllegalArgumentException("hub hosts must name at least one host");
    }
    List<GeneralName> names = new ArrayList<>();
    hosts.forEach(host -> names.add(Hosts.subjectAltName("hub host", host)));
    CertificateProfile profile =
        CertificateProfile.endEntity(
            Hosts.commonName("hub host", hosts.get(0)),
            List.of(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth),
            names);
    KeyPair keys = EcKeys.generate(random);
    return new IssuedCertificate(sign(profile, keys, validity, random), keys.getPrivate());
  }

  /** The certificate as PEM, e.g. for the hub's {@code ca_file}. */
  public String certificatePem() {
    return Pem.encodeCertificate(certificate);
  }

  /** The private key as unencrypted PKCS#8 PEM; seal it before storing. */
  public String privateKeyPem() {
    return Pem.encodePrivateKey(privateKey);
  }

  @Override
  public String toString() {
    return "PlatformRootCa[" + Certificates.subject(certificate) + ", private key hidden]";
  }

  private X509Certificate sign(
      CertificateProfile profile, KeyPair keys, Validity validity, SecureRandom random) {
    Validity effective = CaChecks.withinIssuer(ROLE, certificate, validity);
    return CertificateSigner.sign(
        profile, keys.getPublic(), certificate, privateKey, effective, random);
  }

  private static void requireSelfSigned(X509Certificate certificate) {
    boolean sameName =
        certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    boolean verifies;
    try {
      certificate.verify(certificate.getPublicKey());
      verifies = true;
    } catch (GeneralSecurityException e) {
      verifies = false;
    }
    if (!sameName || !verifies) {
      throw new InvalidCertificateAuthorityException(
          Reason.NOT_SELF_SIGNED,
          ROLE
              + " certificate "
              + Certificates.subject(certificate)
              + " is not self-signed (issuer "
              + certificate.getIssuerX500Principal().getName()
              + "): import the root, not an intermediate");
    }
  }
}
