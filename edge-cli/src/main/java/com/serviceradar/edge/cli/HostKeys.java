package com.serviceradar.edge.cli;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.bundle.BundleFile;
import com.serviceradar.edge.bundle.HostKeyedBundle;
import com.serviceradar.edge.leafconfig.LeafPaths;
import com.serviceradar.edge.natsauth.Creds;
import com.serviceradar.edge.natsauth.NatsIdentityException;
import com.serviceradar.edge.natsauth.Seed;
import com.serviceradar.edge.pki.Pem;
import io.nats.client.NKey;
import io.nats.client.support.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The keys of an edge host that enrolled with its own keys: one P-256 key for both of its
 * certificates and the seed of its NATS leaf user. They are made on the host and stay there; the
 * control plane sees only the certificate request and the nkey's public key.
 */
final class HostKeys {

  private final String privateKeyPem;
  private final String certificateRequestPem;
  private final Seed seed;

  private HostKeys(String privateKeyPem, String certificateRequestPem, Seed seed) {
    this.privateKeyPem = privateKeyPem;
    this.certificateRequestPem = certificateRequestPem;
    this.seed = seed;
  }

  /** New keys, with a PKCS#10 request for the P-256 key. */
  static HostKeys generate(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
      KeyPair key = generator.generateKeyPair();
      // The control plane sets the certificates' names; the request only proves the key.
      String csr =
          Pem.encodeCertificateRequest(
              new JcaPKCS10CertificationRequestBuilder(
                      new X500Name("CN=serviceradar-edge-host"), key.getPublic())
                  .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
      NKey user = NKey.createUser(random);
      return new HostKeys(Pem.encodePrivateKey(key.getPrivate()), csr, Seed.of(user.getSeed()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot generate the host's keys", e);
    }
  }

  /**
   * The keys installed in a leaf's configuration folder: {@code certs/nats-leaf-key.pem} and the
   * seed in {@code creds/tenant.creds}.
   */
  static HostKeys installed(Path configDir) {
    Path keyFile = configDir.resolve("certs").resolve(LeafPaths.LEAF_KEY_FILE);
    Path credsFile = configDir.resolve("creds").resolve(LeafPaths.CREDS_FILE);
    try {
      String key = Files.readString(keyFile, StandardCharsets.UTF_8);
      Creds creds;
      try {
        creds = Creds.parse(Files.readString(credsFile, StandardCharsets.UTF_8));
      } catch (NatsIdentityException e) {
        throw ExitException.failure(
            credsFile + " holds no user seed: enroll this host again (serviceradar-edge enroll)");
      }
      return new HostKeys(key, null, creds.seed());
    } catch (IOException e) {
      throw ExitException.failure(
          "cannot read this host's keys ("
              + e.getMessage()
              + "): they exist only here; enroll this host again (serviceradar-edge enroll)");
    }
  }

  String certificateRequestPem() {
    return certificateRequestPem;
  }

  String natsPublicKey() {
    return seed.publicKey();
  }

  /** The {@code .creds} text for a user JWT the control plane issued for this host's nkey. */
  String creds(String userJwt) {
    return Creds.of(userJwt, seed).format();
  }

  /**
   * The site's bundle from the control plane's answer ({@code topFolder}, {@code files} without
   * keys, {@code userJwt} for this host's nkey) and these keys.
   */
  Bundle assemble(JsonValue answer) {
    return assemble(Json.text(answer, "topFolder", ""), answer);
  }

  /**
   * A renewal's files by bundle path: those the control plane sent for these (new) keys, with the
   * private key and the creds for its new user JWT added, as {@link LocalLeaf#install} takes them.
   */
  Map<String, String> renewalFiles(JsonValue started) {
    Map<String, String> files = new TreeMap<>();
    for (BundleFile file : assemble("renewal", started).files()) {
      files.put(file.path(), new String(file.content(), StandardCharsets.UTF_8));
    }
    return files;
  }

  private Bundle assemble(String topFolder, JsonValue answer) {
    Map<String, String> files = new TreeMap<>();
    JsonValue sent = Json.at(answer, "files");
    if (sent != null && sent.map != null) {
      sent.map.forEach((path, text) -> files.put(path, text.string));
    }
    try {
      return HostKeyedBundle.assemble(
          topFolder, files, privateKeyPem, creds(Json.text(answer, "userJwt", "")));
    } catch (IllegalArgumentException e) {
      throw ExitException.failure(
          "the control plane answered with an unusable configuration: "
              + e.getMessage()
              + " — update serviceradar-edge");
    }
  }

  @Override
  public String toString() {
    return "HostKeys[" + seed.publicKey() + ", secrets not shown]";
  }
}
