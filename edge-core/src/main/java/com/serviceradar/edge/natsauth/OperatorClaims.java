package com.serviceradar.edge.natsauth;

import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.MALFORMED_JWT;
import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.UNTRUSTED_ISSUER;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The claims of a verified operator JWT: self-signed by the operator's identity key. */
record OperatorClaims(
    String publicKey,
    String name,
    Instant issuedAt,
    Optional<Instant> expiresAt,
    List<String> signingKeys,
    String systemAccount) {

  OperatorClaims {
    signingKeys = List.copyOf(signingKeys);
  }

  static OperatorClaims verify(String operatorJwt) {
    DecodedJwt jwt = DecodedJwt.decode(operatorJwt, "operator JWT").requireType("operator");
    if (!Keys.isOperatorKey(jwt.subject())) {
      throw new NatsIdentityException(
          MALFORMED_JWT, "operator JWT subject " + jwt.subject() + " is not an operator key");
    }
    if (!jwt.issuer().equals(jwt.subject())) {
      throw new NatsIdentityException(
          UNTRUSTED_ISSUER,
          "operator JWT for "
              + jwt.subject()
              + " is signed by "
              + jwt.issuer()
              + ", not self-signed by the operator's identity key");
    }
    List<String> signingKeys = jwt.natsStrings("signing_keys");
    for (String key : signingKeys) {
      if (!Keys.isOperatorKey(key)) {
        throw new NatsIdentityException(
            MALFORMED_JWT, "operator JWT lists " + key + " as a signing key; not an operator key");
      }
    }
    String systemAccount = jwt.natsString("system_account");
    if (systemAccount != null && !Keys.isAccountKey(systemAccount)) {
      throw new NatsIdentityException(
          MALFORMED_JWT,
          "operator JWT names " + systemAccount + " as system_account; not an account key");
    }
    return new OperatorClaims(
        jwt.subject(), jwt.name(), jwt.issuedAt(), jwt.expiresAt(), signingKeys, systemAccount);
  }

  /** Whether accounts signed by this key belong to the operator. */
  boolean trusts(String issuer) {
    return publicKey.equals(issuer) || signingKeys.contains(issuer);
  }

  /** Refuses an account JWT this operator did not sign. */
  void requireIssuerOf(AccountClaims account, String what) {
    if (!trusts(account.issuer())) {
      throw new NatsIdentityException(
          UNTRUSTED_ISSUER,
          what
              + " "
              + account.publicKey()
              + " is signed by "
              + account.issuer()
              + ", which is neither operator "
              + publicKey
              + " nor one of its signing keys");
    }
  }
}
