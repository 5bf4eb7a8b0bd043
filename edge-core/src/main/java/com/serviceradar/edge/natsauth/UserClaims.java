package com.serviceradar.edge.natsauth;

import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.MALFORMED_JWT;
import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.UNTRUSTED_ISSUER;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The claims of a user JWT whose signature verified and whose signer belongs to its account.
 *
 * @param publicKey the user's public key, the JWT's {@code sub}
 * @param issuer the account identity key or account signing key that signed it
 * @param issuerAccount the account the user belongs to
 * @param tags e.g. {@code edge-site:<id>}, {@code kind:leaf}
 */
public record UserClaims(
    String publicKey,
    String issuer,
    String issuerAccount,
    String name,
    Instant issuedAt,
    Optional<Instant> expiresAt,
    List<String> tags,
    List<String> publishDenied,
    List<String> subscribeDenied) {

  public UserClaims {
    tags = List.copyOf(tags);
    publishDenied = List.copyOf(publishDenied);
    subscribeDenied = List.copyOf(subscribeDenied);
  }

  /** Whether the user may neither publish nor receive any of {@code subjects}. */
  public boolean deniesBothWays(List<String> subjects) {
    return publishDenied.containsAll(subjects) && subscribeDenied.containsAll(subjects);
  }

  /** Decodes a user JWT and checks that {@code account} signed it (identity or signing key). */
  static UserClaims verify(String userJwt, AccountClaims account) {
    DecodedJwt jwt = DecodedJwt.decode(userJwt, "user JWT").requireType("user");
    if (!Keys.isUserKey(jwt.subject())) {
      throw new NatsIdentityException(
          MALFORMED_JWT, "user JWT subject " + jwt.subject() + " is not a user key");
    }
    String issuerAccount = jwt.natsString("issuer_account");
    String belongsTo = issuerAccount == null ? jwt.issuer() : issuerAccount;
    if (!belongsTo.equals(account.publicKey())) {
      throw new NatsIdentityException(
          UNTRUSTED_ISSUER,
          "user JWT for "
              + jwt.subject()
              + " belongs to account "
              + belongsTo
              + ", not "
              + account.publicKey());
    }
    if (!jwt.issuer().equals(account.publicKey())
        && !account.signingKeys().contains(jwt.issuer())) {
      throw new NatsIdentityException(
          UNTRUSTED_ISSUER,
          "user JWT for "
              + jwt.subject()
              + " is signed by "
              + jwt.issuer()
              + ", which is not a key of account "
              + account.publicKey());
    }
    return new UserClaims(
        jwt.subject(),
        jwt.issuer(),
        belongsTo,
        jwt.name(),
        jwt.issuedAt(),
        jwt.expiresAt(),
        jwt.natsStrings("tags"),
        jwt.natsStrings("pub", "deny"),
        jwt.natsStrings("sub", "deny"));
  }

  /** Whether the account's revocations cover this JWT ({@code iat} at or before the time). */
  public boolean isRevokedBy(AccountClaims account) {
    return account.revocations().entrySet().stream()
        .anyMatch(
            revocation ->
                (revocation.getKey().equals(publicKey) || revocation.getKey().equals("*"))
                    && !issuedAt.isAfter(revocation.getValue()));
  }
}
