package com.serviceradar.edge.testing;

import com.serviceradar.edge.natsauth.NatsIdentities;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The pinned identities and certificates in {@code src/test/resources/fixtures/} (see the README
 * there): test keys only.
 */
public final class IdentityFixtures {

  public static final UUID SITE_ID = UUID.fromString("6f1c2a9e-4b7d-4e2f-9a35-0c8d1e7b5a42");

  private IdentityFixtures() {}

  /** A fixture file's text, exactly as stored. */
  public static String text(String name) {
    try (InputStream in = IdentityFixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fixture JWT without its trailing newline. */
  public static String jwt(String name) {
    return text(name).strip();
  }

  public static String operatorJwt() {
    return jwt("operator.jwt");
  }

  /** The public key of a fixture account JWT, verified against the fixture operator. */
  public static String accountPublicKey(String jwtName) {
    return NatsIdentities.verifyAccountJwt(jwt(jwtName), operatorJwt()).publicKey();
  }
}
