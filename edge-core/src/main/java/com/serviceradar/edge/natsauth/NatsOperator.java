package com.serviceradar.edge.natsauth;

import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.KEY_MISMATCH;
import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.NOT_THE_SYSTEM_ACCOUNT;
import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.SIGNING_KEY_NOT_LISTED;
import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.WRONG_KEY_TYPE;

import io.nats.client.NKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The NATS operator every hub and leaf trusts, with its system account. Holds the operator signing
 * seed that signs tenant accounts, and the identity seed when the operator was created here (an
 * imported operator keeps its identity seed elsewhere).
 */
public final class NatsOperator {

  private final String jwt;
  private final OperatorClaims claims;
  private final Seed identitySeed;
  private final Seed signingSeed;
  private final SystemAccount systemAccount;

  private NatsOperator(
      String jwt,
      OperatorClaims claims,
      Seed identitySeed,
      Seed signingSeed,
      SystemAccount systemAccount) {
    this.jwt = jwt;
    this.claims = claims;
    this.identitySeed = identitySeed;
    this.signingSeed = signingSeed;
    this.systemAccount = systemAccount;
  }

  /**
   * Rebuilds the operator from stored parts, checking that they belong together: the operator JWT
   * is self-signed, the identity seed (if given) is its subject, the signing seed is one of its
   * {@code signing_keys}, and the system account is its {@code system_account} and signed by it.
   *
   * @param identitySeed null for an imported operator
   * @throws NatsIdentityException naming the first part that does not fit
   */
  public static NatsOperator restore(
      String operatorJwt, Seed identitySeed, Seed signingSeed, SystemAccount systemAccount) {
    OperatorClaims claims = OperatorClaims.verify(operatorJwt);
    if (identitySeed != null) {
      requireOperatorSeed(identitySeed, "operator identity seed");
      if (!identitySeed.publicKey().equals(claims.publicKey())) {
        throw new NatsIdentityException(
            KEY_MISMATCH,
            "operator identity seed belongs to "
                + identitySeed.publicKey()
                + ", but the operator JWT's subject is "
                + claims.publicKey());
      }
    }
    requireSigningSeed(claims, signingSeed);
    Objects.requireNonNull(systemAccount, "systemAccount");
    requireSystemAccount(claims, systemAccount.claims());
    return new NatsOperator(operatorJwt.strip(), claims, identitySeed, signingSeed, systemAccount);
  }

  static void requireSigningSeed(OperatorClaims claims, Seed signingSeed) {
    requireOperatorSeed(signingSeed, "operator signing seed");
    if (!claims.signingKeys().contains(signingSeed.publicKey())) {
      throw new NatsIdentityException(
          SIGNING_KEY_NOT_LISTED,
          "operator signing key "
              + signingSeed.publicKey()
              + " is not among the signing_keys of operator "
              + claims.publicKey()
              + " "
              + claims.signingKeys());
    }
  }

  static void requireSystemAccount(OperatorClaims claims, AccountClaims account) {
    if (!account.publicKey().equals(claims.systemAccount())) {
      throw new NatsIdentityException(
          NOT_THE_SYSTEM_ACCOUNT,
          "account "
              + account.publicKey()
              + " is not the system_account of operator "
              + claims.publicKey()
              + " (which names "
              + (claims.systemAccount() == null ? "none" : claims.systemAccount())
              + ")");
    }
    claims.requireIssuerOf(account, "system account");
  }

  private static void requireOperatorSeed(Seed seed, String what) {
    if (seed == null) {
      throw new IllegalArgumentException(what + " is required");
    }
    if (seed.type() != NKey.Type.OPERATOR) {
      throw new NatsIdentityException(
          WRONG_KEY_TYPE,
          what + " is " + Keys.describe(seed.type()) + " seed, expected an operator seed");
    }
  }

  /** The operator's identity public key ({@code O…}): what servers trust. */
  public String publicKey() {
    return claims.publicKey();
  }

  public String name() {
    return claims.name();
  }

  public Instant issuedAt() {
    return claims.issuedAt();
  }

  /** The operator JWT, for the {@code operator:} line of hub and leaf configurations. */
  public String jwt() {
    return jwt;
  }

  /** All signing keys the operator JWT lists. */
  public List<String> signingKeys() {
    return claims.signingKeys();
  }

  /** Secret: the operator signing seed held here, which signs tenant accounts. */
  public Seed signingSeed() {
    return signingSeed;
  }

  /** Secret: the operator identity seed; absent for an imported operator. */
  public Optional<Seed> identitySeed() {
    return Optional.ofNullable(identitySeed);
  }

  public SystemAccount systemAccount() {
    return systemAccount;
  }

  /**
   * Verifies an account JWT against this operator, e.g. before pushing it to the hub with {@code
   * $SYS.REQ.CLAIMS.UPDATE} (the hub answers 200 even for an untrusted JWT, NATS-FACTS.md).
   *
   * @throws NatsIdentityException if it is malformed, badly signed or not signed by this operator
   */
  public AccountClaims verifyAccountJwt(String accountJwt) {
    AccountClaims account = AccountClaims.decode(accountJwt, "account JWT");
    claims.requireIssuerOf(account, "account");
    return account;
  }

  OperatorClaims claims() {
    return claims;
  }

  @Override
  public String toString() {
    return "NatsOperator["
        + claims.name()
        + ", "
        + claims.publicKey()
        + ", system account "
        + systemAccount.publicKey()
        + (identitySeed == null ? ", imported" : "")
        + "]";
  }
}
