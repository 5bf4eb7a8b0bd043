package com.serviceradar.edge.natsauth;

import static com.serviceradar.edge.natsauth.Fixtures.ISSUED_AT;
import static com.serviceradar.edge.natsauth.Fixtures.LEAF_USER_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.OPERATOR_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.OPERATOR_SIGNING_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.OTHER_ACCOUNT;
import static com.serviceradar.edge.natsauth.Fixtures.OTHER_OPERATOR;
import static com.serviceradar.edge.natsauth.Fixtures.OTHER_OPERATOR_SIGNING;
import static com.serviceradar.edge.natsauth.Fixtures.SYSTEM_ACCOUNT;
import static com.serviceradar.edge.natsauth.Fixtures.SYSTEM_ACCOUNT_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.SYSTEM_ACCOUNT_SIGNING;
import static com.serviceradar.edge.natsauth.Fixtures.TENANT_ACCOUNT_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.TENANT_ACCOUNT_SIGNING;
import static com.serviceradar.edge.natsauth.Fixtures.TENANT_ACCOUNT_SIGNING_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.identitiesAt;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.natsauth.NatsIdentityException.Reason;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountJwtVerificationTest {

  private final NatsOperator operator = Fixtures.operator();
  private final TenantAccount tenant = Fixtures.tenantAccount(operator);

  @Test
  void acceptsATenantAccountSignedByTheOperatorSigningKeyAndDecodesItsClaims() {
    Instant revokedUpTo = ISSUED_AT.plusSeconds(5);
    TenantAccount reissued =
        identitiesAt(ISSUED_AT.plusSeconds(10))
            .reissueTenantAccount(operator, tenant, Map.of(LEAF_USER_PUBLIC, revokedUpTo));

    AccountClaims claims = NatsIdentities.verifyAccountJwt(reissued.jwt(), operator.jwt());

    assertThat(claims.publicKey()).isEqualTo(TENANT_ACCOUNT_PUBLIC);
    assertThat(claims.issuer()).isEqualTo(OPERATOR_SIGNING_PUBLIC);
    assertThat(claims.name()).isEqualTo("acme");
    assertThat(claims.issuedAt()).isEqualTo(ISSUED_AT.plusSeconds(10));
    assertThat(claims.expiresAt()).isEqualTo(Optional.empty());
    assertThat(claims.jwtId()).isNotBlank();
    assertThat(claims.signingKeys()).containsExactly(TENANT_ACCOUNT_SIGNING_PUBLIC);
    assertThat(claims.revocations()).containsExactly(Map.entry(LEAF_USER_PUBLIC, revokedUpTo));
    assertThat(operator.verifyAccountJwt(reissued.jwt())).isEqualTo(claims);
  }

  @Test
  void verifiesTheOperatorsSystemAccountAndRefusesAnyOtherAccountAsSystemAccount() {
    AccountClaims claims =
        NatsIdentities.verifySystemAccountJwt(operator.systemAccount().jwt(), operator.jwt());

    assertThat(claims.publicKey()).isEqualTo(SYSTEM_ACCOUNT_PUBLIC);
    assertThatThrownBy(() -> NatsIdentities.verifySystemAccountJwt(tenant.jwt(), operator.jwt()))
        .isInstanceOfSatisfying(
            NatsIdentityException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_THE_SYSTEM_ACCOUNT))
        .hasMessageContaining(TENANT_ACCOUNT_PUBLIC);
  }

  @Test
  void acceptsTheSystemAccountSignedByTheOperatorIdentityKey() {
    AccountClaims claims =
        NatsIdentities.verifyAccountJwt(operator.systemAccount().jwt(), operator.jwt());

    assertThat(claims.publicKey()).isEqualTo(SYSTEM_ACCOUNT_PUBLIC);
    assertThat(claims.issuer()).isEqualTo(OPERATOR_PUBLIC);
  }

  @Test
  void refusesAnAccountSignedByAnotherOperator() {
    NatsOperator other =
        identitiesAt(ISSUED_AT)
            .createOperator(
                "other",
                OTHER_OPERATOR,
                OTHER_OPERATOR_SIGNING,
                SYSTEM_ACCOUNT,
                SYSTEM_ACCOUNT_SIGNING);
    TenantAccount foreign =
        identitiesAt(ISSUED_AT)
            .createTenantAccount(other, Fixtures.TENANT, OTHER_ACCOUNT, TENANT_ACCOUNT_SIGNING);

    assertThatThrownBy(() -> NatsIdentities.verifyAccountJwt(foreign.jwt(), operator.jwt()))
        .isInstanceOfSatisfying(
            NatsIdentityException.class,
            refused -> assertThat(refused.reason()).isEqualTo(Reason.UNTRUSTED_ISSUER))
        .hasMessage(
            "account "
                + foreign.publicKey()
                + " is signed by "
                + other.signingSeed().publicKey()
                + ", which is neither operator "
                + OPERATOR_PUBLIC
                + " nor one of its signing keys");
  }

  @Test
  void refusesAnAccountJwtWhoseClaimsWereAltered() {
    String[] parts = tenant.jwt().split("\\.");
    String claims = new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8);
    String altered =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(claims.replace("\"conn\":-1", "\"conn\":5").getBytes(UTF_8))
            + "."
            + parts[2];

    assertThatThrownBy(() -> NatsIdentities.verifyAccountJwt(altered, operator.jwt()))
        .isInstanceOfSatisfying(
            NatsIdentityException.class,
            refused -> assertThat(refused.reason()).isEqualTo(Reason.BAD_SIGNATURE))
        .hasMessage(
            "account JWT for "
                + TENANT_ACCOUNT_PUBLIC
                + ": signature does not verify under "
                + OPERATOR_SIGNING_PUBLIC);
  }

  @Test
  void refusesAnOperatorJwtWhereAnAccountJwtBelongs() {
    assertThatThrownBy(() -> NatsIdentities.verifyAccountJwt(operator.jwt(), operator.jwt()))
        .isInstanceOfSatisfying(
            NatsIdentityException.class,
            refused -> assertThat(refused.reason()).isEqualTo(Reason.WRONG_CLAIM_TYPE))
        .hasMessage("account JWT has type operator, expected account");
  }

  @Test
  void refusesAUserJwtWhereAnAccountJwtBelongs() {
    UserCredentials leaf =
        identitiesAt(ISSUED_AT)
            .issueLeafUser(tenant, Fixtures.SITE, Fixtures.SITE_ID, Fixtures.LEAF_USER);

    assertThatThrownBy(() -> NatsIdentities.verifyAccountJwt(leaf.jwt(), operator.jwt()))
        .isInstanceOf(NatsIdentityException.class)
        .hasMessage("account JWT has type user, expected account");
  }

  @Test
  void refusesAnUnverifiableOperatorJwt() {
    assertThatThrownBy(() -> NatsIdentities.verifyAccountJwt(tenant.jwt(), tenant.jwt()))
        .isInstanceOfSatisfying(
            NatsIdentityException.class,
            refused -> assertThat(refused.reason()).isEqualTo(Reason.WRONG_CLAIM_TYPE))
        .hasMessage("operator JWT has type account, expected operator");
    assertThatThrownBy(() -> NatsIdentities.verifyAccountJwt(tenant.jwt(), "bm90IGpzb24.e30.AA"))
        .isInstanceOfSatisfying(
            NatsIdentityException.class,
            refused -> assertThat(refused.reason()).isEqualTo(Reason.MALFORMED_JWT))
        .hasMessage("operator JWT has a header that is not JSON");
  }
}
