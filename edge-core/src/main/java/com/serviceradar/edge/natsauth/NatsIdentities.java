package com.serviceradar.edge.natsauth;

import static com.serviceradar.edge.natsauth.NatsIdentityException.Reason.EXPIRED;

import com.serviceradar.edge.names.CollectorSubjects;
import com.serviceradar.edge.names.LeafNames;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.names.UserTags;
import io.nats.client.NKey;
import io.nats.client.support.JsonSerializable;
import io.nats.client.support.JwtUtils;
import io.nats.client.support.JwtUtils.Permission;
import io.nats.client.support.JwtUtils.UserClaim;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Creates and signs the NATS identity chain: operator → system and tenant accounts → users. The
 * clock sets every JWT's {@code iat}; the random source makes every new nkey.
 *
 * <p>Trust follows NATS-FACTS.md ("Identity chain"): the operator JWT is self-signed by the
 * identity key, the system account is signed by the identity key, tenant accounts by the operator
 * signing key, and users by their account's signing key with {@code issuer_account} set.
 */
public final class NatsIdentities {

  /** The name of the control plane's own user in the system account. */
  public static final String MONITOR_USER_NAME = "serviceradar-edge-monitor";

  static final String SYSTEM_ACCOUNT_NAME = "SYS";

  private final Clock clock;
  private final SecureRandom random;

  public NatsIdentities(Clock clock, SecureRandom random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Creates a new operator with one signing key, and its system account with one signing key. */
  public NatsOperator createOperator(String operatorName) {
    return createOperator(
        operatorName,
        Keys.createOperator(random),
        Keys.createOperator(random),
        Keys.createAccount(random),
        Keys.createAccount(random));
  }

  NatsOperator createOperator(
      String operatorName,
      Seed identitySeed,
      Seed signingSeed,
      Seed systemAccountSeed,
      Seed systemAccountSigningSeed) {
    requireName(operatorName, "operator name");
    long issuedAt = now();
    String systemAccountJwt =
        sign(
            identitySeed,
            systemAccountSeed.publicKey(),
            SYSTEM_ACCOUNT_NAME,
            issuedAt,
            NatsClaims.systemAccount(List.of(systemAccountSigningSeed.publicKey())));
    String operatorJwt =
        sign(
            identitySeed,
            identitySeed.publicKey(),
            operatorName,
            issuedAt,
            NatsClaims.operator(List.of(signingSeed.publicKey()), systemAccountSeed.publicKey()));
    return NatsOperator.restore(
        operatorJwt,
        identitySeed,
        signingSeed,
        SystemAccount.restore(systemAccountJwt, systemAccountSeed, systemAccountSigningSeed));
  }

  /**
   * Takes over an operator made elsewhere (e.g. with {@code nsc}), after checking that the parts
   * belong together: both JWTs verify, the signing seed is one of the operator's {@code
   * signing_keys}, the system account seed is the subject of the system account JWT, that account
   * is the operator's {@code system_account}, and the operator signed it. Users of the imported
   * system account are signed by its identity seed.
   *
   * @throws NatsIdentityException with the first mismatch; the message never contains a seed
   */
  public NatsOperator importOperator(
      String operatorJwt, Seed signingSeed, String systemAccountJwt, Seed systemAccountSeed) {
    OperatorClaims claims = OperatorClaims.verify(operatorJwt);
    requireNotExpired(claims.expiresAt().orElse(null), "operator JWT");
    NatsOperator.requireSigningSeed(claims, signingSeed);
    SystemAccount systemAccount = SystemAccount.restore(systemAccountJwt, systemAccountSeed, null);
    requireNotExpired(systemAccount.claims().expiresAt().orElse(null), "system account JWT");
    return NatsOperator.restore(operatorJwt, null, signingSeed, systemAccount);
  }

  /** Creates a tenant's account (named after its slug) with JetStream and one signing key. */
  public TenantAccount createTenantAccount(NatsOperator operator, TenantSlug tenant) {
    return createTenantAccount(
        operator, tenant, Keys.createAccount(random), Keys.createAccount(random));
  }

  TenantAccount createTenantAccount(
      NatsOperator operator, TenantSlug tenant, Seed accountSeed, Seed accountSigningSeed) {
    return signTenantAccount(operator, tenant, accountSeed, accountSigningSeed, Map.of());
  }

  /**
   * Re-issues a tenant account's JWT with a new {@code iat} and these revocations, keeping its
   * keys. Every user JWT whose {@code iat} is at or before its revocation time is refused once the
   * servers have the new account JWT.
   *
   * @param revocations user public key (or {@code *} for every user) to revoked-up-to time,
   *     replacing the current set; kept to the second
   */
  public TenantAccount reissueTenantAccount(
      NatsOperator operator, TenantAccount account, Map<String, Instant> revocations) {
    operator.claims().requireIssuerOf(account.claims(), "tenant account");
    return signTenantAccount(
        operator,
        account.tenant(),
        account.identitySeed(),
        account.signingSeed().orElseThrow(),
        revocations);
  }

  private TenantAccount signTenantAccount(
      NatsOperator operator,
      TenantSlug tenant,
      Seed accountSeed,
      Seed accountSigningSeed,
      Map<String, Instant> revocations) {
    Map<String, Long> revokedSeconds = new TreeMap<>();
    revocations.forEach(
        (user, time) -> {
          if (!"*".equals(user) && !Keys.isUserKey(user)) {
            throw new IllegalArgumentException(
                "revocations must name user public keys or *, got " + user);
          }
          revokedSeconds.put(user, time.getEpochSecond());
        });
    String jwt =
        sign(
            operator.signingSeed(),
            accountSeed.publicKey(),
            tenant.value(),
            now(),
            NatsClaims.tenantAccount(List.of(accountSigningSeed.publicKey()), revokedSeconds));
    return TenantAccount.restore(tenant, jwt, accountSeed, accountSigningSeed);
  }

  /**
   * Issues the user an edge site's leaf server connects upstream with (ARCHITECTURE.md "Names"):
   * {@code leaf.{site}.{tenant}}, tagged with the site id, tenant and kind, and usable only for
   * leafnode connections.
   */
  public UserCredentials issueLeafUser(TenantAccount account, SiteSlug site, UUID siteId) {
    return issueLeafUser(account, site, siteId, Keys.createUser(random));
  }

  UserCredentials issueLeafUser(TenantAccount account, SiteSlug site, UUID siteId, Seed userSeed) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(siteId, "siteId");
    return issue(account, userSeed, leafUserName(account, site), leafUserClaim(account, siteId));
  }

  /**
   * Issues a site's leaf user JWT for a public key the edge host generated and keeps: the seed
   * never leaves the host, which writes its own {@code .creds} from this JWT and its seed.
   *
   * @throws IllegalArgumentException when {@code userPublicKey} is not a NATS user public key
   */
  public String issueLeafUserJwt(
      TenantAccount account, SiteSlug site, UUID siteId, String userPublicKey) {
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(siteId, "siteId");
    requireUserPublicKey(userPublicKey);
    NKey signer = account.userSigner().toNKey();
    try {
      return JwtUtils.issueUserJWT(
          signer,
          userPublicKey,
          leafUserName(account, site),
          null,
          now(),
          leafUserClaim(account, siteId));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot sign a user JWT", e);
    } finally {
      signer.clear();
    }
  }

  private static String leafUserName(TenantAccount account, SiteSlug site) {
    return LeafNames.user(site, account.tenant());
  }

  /**
   * A leaf user may only link as a leafnode, and the collector subjects never cross its link in
   * either direction: the hub refuses them from the leaf and never sends them to it. Each site's
   * {@code EDGE_BUFFER} then holds only its own collectors' messages, and they reach the hub once,
   * through {@code EDGE_INGEST}'s source (NATS-FACTS.md, "JetStream across the leaf link").
   */
  private static UserClaim leafUserClaim(TenantAccount account, UUID siteId) {
    String[] buffered = CollectorSubjects.ALL.toArray(String[]::new);
    return new UserClaim(account.publicKey())
        .tags(UserTags.edgeSite(siteId), UserTags.tenant(account.tenant()), UserTags.KIND_LEAF)
        .allowedConnectionTypes("LEAFNODE")
        .pub(new Permission().deny(buffered))
        .sub(new Permission().deny(buffered));
  }

  private static void requireUserPublicKey(String key) {
    boolean valid;
    try {
      valid = key != null && NKey.fromPublicKey(key.toCharArray()).getType() == NKey.Type.USER;
    } catch (IllegalArgumentException | IllegalStateException e) {
      valid = false;
    }
    if (!valid) {
      throw new IllegalArgumentException("natsPublicKey must be a NATS user public key (U...)");
    }
  }

  /** Issues the control plane's monitor user in the operator's system account. */
  public UserCredentials issueMonitorUser(NatsOperator operator) {
    return issueMonitorUser(operator, Keys.createUser(random));
  }

  UserCredentials issueMonitorUser(NatsOperator operator, Seed userSeed) {
    SystemAccount account = operator.systemAccount();
    UserClaim claim = new UserClaim(account.publicKey()).tags(UserTags.KIND_MONITOR);
    return issue(account, userSeed, MONITOR_USER_NAME, claim);
  }

  /**
   * Issues a user restricted to the given subjects, e.g. for collectors or SaaS-side consumers.
   *
   * @param tags extra tags such as {@code kind:collector}; may be empty
   */
  public UserCredentials issueUser(
      NatsAccount account, String name, UserPermissions permissions, List<String> tags) {
    return issueUser(account, name, permissions, tags, Keys.createUser(random));
  }

  UserCredentials issueUser(
      NatsAccount account,
      String name,
      UserPermissions permissions,
      List<String> tags,
      Seed userSeed) {
    requireName(name, "user name");
    Objects.requireNonNull(permissions, "permissions");
    Objects.requireNonNull(tags, "tags");
    UserClaim claim =
        new UserClaim(account.publicKey())
            .tags(tags.toArray(String[]::new))
            .pub(permission(permissions.publishAllow()))
            .sub(permission(permissions.subscribeAllow()));
    return issue(account, userSeed, name, claim);
  }

  /**
   * Verifies an account JWT against an operator JWT: both signatures verify, the operator JWT is
   * self-signed, and the account JWT is signed by the operator's identity key or one of its signing
   * keys. Expiry is not checked.
   *
   * @return the account's decoded claims
   * @throws NatsIdentityException if any of that fails
   */
  public static AccountClaims verifyAccountJwt(String accountJwt, String operatorJwt) {
    OperatorClaims operator = OperatorClaims.verify(operatorJwt);
    AccountClaims account = AccountClaims.decode(accountJwt, "account JWT");
    operator.requireIssuerOf(account, "account");
    return account;
  }

  /**
   * Verifies a system account JWT against an operator JWT as {@link #verifyAccountJwt} does, and
   * also that it is the account the operator names as its {@code system_account}: a server refuses
   * to start when the preloaded system account is another (NATS-FACTS.md, "Operator-mode leaf").
   *
   * @return the system account's decoded claims
   * @throws NatsIdentityException if any of that fails
   */
  public static AccountClaims verifySystemAccountJwt(String systemAccountJwt, String operatorJwt) {
    OperatorClaims operator = OperatorClaims.verify(operatorJwt);
    AccountClaims account = AccountClaims.decode(systemAccountJwt, "system account JWT");
    NatsOperator.requireSystemAccount(operator, account);
    return account;
  }

  /**
   * Verifies a user JWT (e.g. from a {@code .creds} file) against its account's claims: the
   * signature verifies, {@code issuer_account} is that account, and the signer is the account's
   * identity key or one of its signing keys. Expiry and revocation are the caller's to check
   * ({@link UserClaims#expiresAt()}, {@link UserClaims#isRevokedBy}).
   *
   * @throws NatsIdentityException if any of that fails
   */
  public static UserClaims verifyUserJwt(String userJwt, AccountClaims account) {
    Objects.requireNonNull(account, "account");
    return UserClaims.verify(userJwt, account);
  }

  private UserCredentials issue(NatsAccount account, Seed userSeed, String name, UserClaim claim) {
    if (userSeed.type() != NKey.Type.USER) {
      throw new IllegalArgumentException("user seed must be a user nkey seed");
    }
    long issuedAt = now();
    NKey signer = account.userSigner().toNKey();
    try {
      String jwt = JwtUtils.issueUserJWT(signer, userSeed.publicKey(), name, null, issuedAt, claim);
      return new UserCredentials(
          name, account.publicKey(), Instant.ofEpochSecond(issuedAt), jwt, userSeed);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot sign a user JWT", e);
    } finally {
      signer.clear();
    }
  }

  private static Permission permission(List<String> allow) {
    return allow.isEmpty()
        ? new Permission().deny(">")
        : new Permission().allow(allow.toArray(String[]::new));
  }

  private static String sign(
      Seed signer, String subject, String name, long issuedAt, JsonSerializable nats) {
    NKey key = signer.toNKey();
    try {
      return JwtUtils.issueJWT(key, subject, name, null, issuedAt, signer.publicKey(), nats);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot sign a JWT", e);
    } finally {
      key.clear();
    }
  }

  private void requireNotExpired(Instant expiresAt, String what) {
    if (expiresAt != null && !expiresAt.isAfter(clock.instant())) {
      throw new NatsIdentityException(EXPIRED, what + " expired at " + expiresAt);
    }
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private static void requireName(String name, String what) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException(what + " is required");
    }
  }
}
