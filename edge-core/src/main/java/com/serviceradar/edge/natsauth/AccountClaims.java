package com.serviceradar.edge.natsauth;

import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.MALFORMED_JWT;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The claims of an account JWT whose signature verified.
 *
 * @param publicKey the account's public key, the JWT's {@code sub}
 * @param issuer the key that signed it: the operator's identity key or one of its signing keys
 * @param name the account's name
 * @param issuedAt {@code iat}; a re-issued JWT has a new one
 * @param expiresAt {@code exp}, absent for accounts that never expire
 * @param jwtId {@code jti}, a hash of the claims: changes whenever the content changes
 * @param signingKeys the account signing keys that may sign its users
 * @param revocations user public key (or {@code *} for all users) to the time up to which that
 *     user's JWTs are revoked, sorted by key
 */
public record AccountClaims(
    String publicKey,
    String issuer,
    String name,
    Instant issuedAt,
    Optional<Instant> expiresAt,
    String jwtId,
    List<String> signingKeys,
    Map<String, Instant> revocations) {

  public AccountClaims {
    signingKeys = List.copyOf(signingKeys);
    revocations = Collections.unmodifiableMap(new TreeMap<>(revocations));
  }

  /** Decodes an account JWT and checks its signature; not whether its issuer is trusted. */
  static AccountClaims decode(String accountJwt, String what) {
    DecodedJwt jwt = DecodedJwt.decode(accountJwt, what).requireType("account");
    if (!Keys.isAccountKey(jwt.subject())) {
      throw new NatsIdentityException(
          MALFORMED_JWT, what + " subject " + jwt.subject() + " is not an account key");
    }
    Map<String, Instant> revocations = new TreeMap<>();
    jwt.natsNumberMap("revocations")
        .forEach((user, seconds) -> revocations.put(user, Instant.ofEpochSecond(seconds)));
    return new AccountClaims(
        jwt.subject(),
        jwt.issuer(),
        jwt.name(),
        jwt.issuedAt(),
        jwt.expiresAt(),
        jwt.jwtId(),
        jwt.natsStrings("signing_keys"),
        revocations);
  }
}
