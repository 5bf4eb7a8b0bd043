package com.serviceradar.edge.verify;

import com.serviceradar.edge.names.CertificateNames;
import com.serviceradar.edge.names.JetStreamDomain;
import com.serviceradar.edge.names.LeafNames;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.pki.CertificateChains;
import com.serviceradar.edge.pki.ChainVerificationException;
import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.pki.PemException;
import com.serviceradar.edge.verify.LeafMaterial.Role;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The checks of a leaf's identity material that need no network: certificate chain, expiry, keys,
 * names and EKUs, the leaf creds against the tenant account in the configuration, and unfilled
 * text. Shared by {@code bundle verify} and {@code doctor}.
 */
public final class LeafChecks {

  /** A certificate expiring sooner than this is a WARN. */
  public static final Duration EXPIRY_WARNING = Duration.ofDays(30);

  static final String CHAIN = "certificate chain";
  static final String EXPIRY = "certificate expiry";
  static final String KEYS = "keys match certificates";
  static final String NAMES = "certificate names and usages";
  static final String CREDS = "leaf credentials";
  static final String UNFILLED = "no unfilled template text";

  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  static final String REGENERATE =
      "regenerate the site (serviceradar-edge sites regenerate SITE) and install the new bundle";
  static final String REDOWNLOAD =
      "download the bundle again (serviceradar-edge bundle download SITE) and install it";

  private LeafChecks() {}

  /** Every check, in the order they are reported. */
  public static List<Check> run(LeafMaterial material, Instant now) {
    List<Check> checks = new ArrayList<>();
    checks.add(chain(material, now));
    checks.add(expiry(material, now));
    checks.add(keys(material));
    checks.add(names(material));
    checks.add(LeafCreds.check(material, now));
    checks.add(unfilled(material));
    return checks;
  }

  /**
   * The edge site id from the leaf creds' {@code edge-site:<id>} tag, when the creds verify against
   * the tenant account of the configuration (so a hand-edited README or comment cannot mislead).
   */
  public static Optional<UUID> siteId(LeafMaterial material) {
    return LeafCreds.siteId(material);
  }

  /**
   * When the leaf creds' JWT expires; empty when it has no expiry or does not verify against the
   * tenant account of the configuration (the creds check says why).
   */
  public static Optional<Instant> credsExpiry(LeafMaterial material) {
    return LeafCreds.expiry(material);
  }

  static Check chain(LeafMaterial material, Instant now) {
    try {
      List<X509Certificate> chain = certificates(material, Role.CA_CHAIN);
      X509Certificate root = chain.get(chain.size() - 1);
      if (!root.getSubjectX500Principal().equals(root.getIssuerX500Principal())) {
        return Check.fail(
            CHAIN,
            "the last certificate of ca-chain.pem (" + subject(root) + ") is not a root",
            REDOWNLOAD);
      }
      List<X509Certificate> intermediates = chain.subList(0, chain.size() - 1);
      for (Role role : List.of(Role.LEAF_CERT, Role.SERVER_CERT)) {
        X509Certificate certificate = certificates(material, role).get(0);
        // Checked at an instant inside the certificate's validity: expiry is its own check.
        Instant at = clamp(now, certificate);
        try {
          CertificateChains.verify(certificate, intermediates, root, at);
        } catch (ChainVerificationException e) {
          if (signedAlong(certificate, chain)) {
            // Signed correctly, but some certificate is not valid at that instant: expiry is
            // reported by its own check.
            continue;
          }
          return Check.fail(
              CHAIN,
              role.fileName()
                  + " ("
                  + subject(certificate)
                  + ") does not chain to "
                  + subject(root)
                  + " through ca-chain.pem: it is from another CA",
              REGENERATE);
        }
      }
      return Check.pass(
          CHAIN,
          "nats-leaf.pem and nats-server.pem chain to "
              + subject(root)
              + " through "
              + subject(chain.get(0)));
    } catch (Unusable unusable) {
      return unusable.toCheck(CHAIN);
    }
  }

  static Check expiry(LeafMaterial material, Instant now) {
    try {
      List<String> parts = new ArrayList<>();
      CheckStatus worst = CheckStatus.PASS;
      String fix = "";
      for (Role role : List.of(Role.LEAF_CERT, Role.SERVER_CERT)) {
        X509Certificate certificate = certificates(material, role).get(0);
        Instant notAfter = certificate.getNotAfter().toInstant();
        Instant notBefore = certificate.getNotBefore().toInstant();
        long days = Duration.between(now, notAfter).toDays();
        if (now.isAfter(notAfter)) {
          parts.add(role.fileName() + " expired on " + day(notAfter));
          worst = CheckStatus.FAIL;
          fix = REGENERATE;
        } else if (now.isBefore(notBefore)) {
          parts.add(role.fileName() + " is valid only from " + notBefore);
          worst = CheckStatus.FAIL;
          fix = "check this host's clock (timedatectl), or " + REGENERATE;
        } else {
          parts.add(role.fileName() + " expires in " + days + " days (" + day(notAfter) + ")");
          if (Duration.between(now, notAfter).compareTo(EXPIRY_WARNING) < 0
              && worst == CheckStatus.PASS) {
            worst = CheckStatus.WARN;
            fix = REGENERATE + " before it expires";
          }
        }
      }
      return new Check(EXPIRY, worst, String.join("; ", parts), fix);
    } catch (Unusable unusable) {
      return unusable.toCheck(EXPIRY);
    }
  }

  static Check keys(LeafMaterial material) {
    try {
      for (Role[] pair :
          List.of(
              new Role[] {Role.LEAF_CERT, Role.LEAF_KEY},
              new Role[] {Role.SERVER_CERT, Role.SERVER_KEY})) {
        X509Certificate certificate = certificates(material, pair[0]).get(0);
        PrivateKey key = privateKey(material, pair[1]);
        if (!CertificateChains.keyMatches(certificate, key)) {
          return Check.fail(
              KEYS, pair[1].fileName() + " is not the key of " + pair[0].fileName(), REDOWNLOAD);
        }
      }
      return Check.pass(KEYS, "nats-leaf-key.pem and nats-server-key.pem match their certificates");
    } catch (Unusable unusable) {
      return unusable.toCheck(KEYS);
    }
  }

  static Check names(LeafMaterial material) {
    try {
      List<X509Certificate> chain = certificates(material, Role.CA_CHAIN);
      Optional<TenantSlug> tenant = CertificateNames.tenantOfCa(commonName(chain.get(0)));
      if (tenant.isEmpty()) {
        return Check.fail(
            NAMES,
            "the first certificate of ca-chain.pem ("
                + subject(chain.get(0))
                + ") is not a tenant CA",
            REDOWNLOAD);
      }
      Optional<SiteSlug> site = siteSlug(material.conf(), tenant.get());
      if (site.isEmpty()) {
        return Check.fail(
            NAMES,
            "nats-leaf.conf names no server_name leaf-"
                + tenant.get()
                + "-<site> or JetStream domain",
            REDOWNLOAD);
      }
      String expectedLeaf = CertificateNames.leafUpstream(site.get(), tenant.get());
      String expectedServer = CertificateNames.leafLocalServer(site.get(), tenant.get());
      X509Certificate leaf = certificates(material, Role.LEAF_CERT).get(0);
      X509Certificate server = certificates(material, Role.SERVER_CERT).get(0);
      if (!commonName(leaf).equals(expectedLeaf)) {
        return Check.fail(
            NAMES,
            "nats-leaf.pem is for " + commonName(leaf) + ", expected " + expectedLeaf,
            REDOWNLOAD);
      }
      if (!commonName(server).equals(expectedServer)) {
        return Check.fail(
            NAMES,
            "nats-server.pem is for " + commonName(server) + ", expected " + expectedServer,
            REDOWNLOAD);
      }
      if (!hasUsage(leaf, CLIENT_AUTH)) {
        return Check.fail(
            NAMES,
            "nats-leaf.pem lacks the clientAuth extended key usage: the hub refuses it",
            REGENERATE);
      }
      if (!hasUsage(server, SERVER_AUTH)) {
        return Check.fail(
            NAMES,
            "nats-server.pem lacks the serverAuth extended key usage: collectors refuse it",
            REGENERATE);
      }
      return Check.pass(
          NAMES,
          "leaf " + expectedLeaf + " (clientAuth), server " + expectedServer + " (serverAuth)");
    } catch (Unusable unusable) {
      return unusable.toCheck(NAMES);
    }
  }

  static Check unfilled(LeafMaterial material) {
    Optional<String> inConf = UnfilledText.find(material.confText());
    if (inConf.isPresent()) {
      return Check.fail(UNFILLED, "nats-leaf.conf contains \"" + inConf.get() + "\"", REDOWNLOAD);
    }
    for (Role role : Role.values()) {
      Optional<String> found = material.file(role).flatMap(UnfilledText::find);
      if (found.isPresent()) {
        return Check.fail(
            UNFILLED, role.fileName() + " contains \"" + found.get() + "\"", REDOWNLOAD);
      }
    }
    return Check.pass(UNFILLED, "no file holds template text to fill in");
  }

  private static Optional<SiteSlug> siteSlug(LeafConf conf, TenantSlug tenant) {
    Optional<SiteSlug> fromDomain = conf.top("domain").flatMap(JetStreamDomain::siteOf);
    Optional<SiteSlug> fromName =
        conf.top("server_name").flatMap(name -> LeafNames.siteOfServerName(tenant, name));
    return fromName.or(() -> fromDomain);
  }

  private static List<X509Certificate> certificates(LeafMaterial material, Role role) {
    try {
      return Pem.decodeCertificates(text(material, role));
    } catch (PemException e) {
      throw new Unusable(role.fileName() + ": " + e.getMessage(), REDOWNLOAD);
    }
  }

  private static PrivateKey privateKey(LeafMaterial material, Role role) {
    try {
      return Pem.decodePrivateKey(text(material, role));
    } catch (PemException e) {
      throw new Unusable(role.fileName() + ": " + e.getMessage(), REDOWNLOAD);
    }
  }

  static String text(LeafMaterial material, Role role) {
    return material
        .file(role)
        .orElseThrow(() -> new Unusable(role.fileName() + " is missing", REDOWNLOAD));
  }

  /** Whether each certificate was signed by the next: the certificate, then the chain. */
  private static boolean signedAlong(X509Certificate certificate, List<X509Certificate> chain) {
    X509Certificate current = certificate;
    try {
      for (X509Certificate issuer : chain) {
        current.verify(issuer.getPublicKey());
        current = issuer;
      }
      current.verify(current.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Instant clamp(Instant now, X509Certificate certificate) {
    Instant notBefore = certificate.getNotBefore().toInstant();
    Instant notAfter = certificate.getNotAfter().toInstant();
    return now.isBefore(notBefore) ? notBefore : now.isAfter(notAfter) ? notAfter : now;
  }

  private static boolean hasUsage(X509Certificate certificate, String oid) {
    try {
      List<String> usages = certificate.getExtendedKeyUsage();
      return usages == null || usages.contains(oid);
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  static String commonName(X509Certificate certificate) {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      return "";
    }
    return "";
  }

  private static String subject(X509Certificate certificate) {
    String cn = commonName(certificate);
    return cn.isEmpty() ? certificate.getSubjectX500Principal().getName() : cn;
  }

  static String day(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }

  static String abbreviate(String key) {
    return key.length() > 12 ? key.substring(0, 8) + "…" : key;
  }

  /** A file that cannot be used for a check; becomes that check's FAIL. */
  static final class Unusable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String fix;

    Unusable(String detail, String fix) {
      super(detail, null, false, false);
      this.fix = fix;
    }

    Check toCheck(String name) {
      return Check.fail(name, getMessage(), fix);
    }
  }
}
