package com.serviceradar.edge.natsauth;

import static com.serviceradar.edge.natsauth.Fixtures.ISSUED_AT;
import static com.serviceradar.edge.natsauth.Fixtures.MONITOR_USER;
import static com.serviceradar.edge.natsauth.Fixtures.OPERATOR_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.OPERATOR_SIGNING;
import static com.serviceradar.edge.natsauth.Fixtures.OPERATOR_SIGNING_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.OTHER_OPERATOR;
import static com.serviceradar.edge.natsauth.Fixtures.OTHER_OPERATOR_SIGNING;
import static com.serviceradar.edge.natsauth.Fixtures.OTHER_OPERATOR_SIGNING_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.SYSTEM_ACCOUNT;
import static com.serviceradar.edge.natsauth.Fixtures.SYSTEM_ACCOUNT_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.SYSTEM_ACCOUNT_SIGNING;
import static com.serviceradar.edge.natsauth.Fixtures.TENANT_ACCOUNT;
import static com.serviceradar.edge.natsauth.Fixtures.TENANT_ACCOUNT_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.claims;
import static com.serviceradar.edge.natsauth.Fixtures.identitiesAt;
import static com.serviceradar.edge.natsauth.Fixtures.nats;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.serviceradar.edge.natsauth.NatsIdentityException.Reason;
import io.nats.client.NKey;
import io.nats.client.support.JwtUtils;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperatorImportTest {

  private final NatsOperator existing = Fixtures.operator();
  private final NatsIdentities identities = identitiesAt(ISSUED_AT.plusSeconds(60));

  @Test
  void importsAnOperatorWhosePartsBelongTogether() {
    NatsOperator imported =
        identities.importOperator(
            existing.jwt(), OPERATOR_SIGNING, existing.systemAccount().jwt(), SYSTEM_ACCOUNT);

    assertThat(imported.publicKey()).isEqualTo(OPERATOR_PUBLIC);
    assertThat(imported.jwt()).isEqualTo(existing.jwt());
    assertThat(imported.identitySeed()).isEmpty();
    assertThat(imported.signingSeed()).isEqualTo(OPERATOR_SIGNING);
    assertThat(imported.systemAccount().publicKey()).isEqualTo(SYSTEM_ACCOUNT_PUBLIC);
    assertThat(imported.systemAccount().signingSeed()).isEmpty();
    assertThat(imported)
        .hasToString(
            "NatsOperator[serviceradar, "
                + OPERATOR_PUBLIC
                + ", system account "
                + SYSTEM_ACCOUNT_PUBLIC
                + ", imported]");
  }

  @Test
  void importedOperatorSignsTenantAccountsAndItsSystemAccountSignsTheMonitorUser() {
    NatsOperator imported =
        identities.importOperator(
            existing.jwt(), OPERATOR_SIGNING, existing.systemAccount().jwt(), SYSTEM_ACCOUNT);

    TenantAccount tenant = identities.createTenantAccount(imported, Fixtures.TENANT);
    UserCredentials monitor = identities.issueMonitorUser(imported, MONITOR_USER);

    assertThat(claims(tenant.jwt())).containsEntry("iss", OPERATOR_SIGNING_PUBLIC);
    assertThat(claims(monitor.jwt())).containsEntry("iss", SYSTEM_ACCOUNT_PUBLIC);
    assertThat(nats(monitor.jwt())).containsEntry("issuer_account", SYSTEM_ACCOUNT_PUBLIC);
  }

  @Test
  void refusesASigningSeedTheOperatorDoesNotList() {
    NatsIdentityException refused =
        importRefused(
            existing.jwt(), OTHER_OPERATOR_SIGNING, existing.systemAccount().jwt(), SYSTEM_ACCOUNT);

    assertThat(refused.reason()).isEqualTo(Reason.SIGNING_KEY_NOT_LISTED);
    assertThat(refused)
        .hasMessage(
            "operator signing key "
                + OTHER_OPERATOR_SIGNING_PUBLIC
                + " is not among the signing_keys of operator "
                + OPERATOR_PUBLIC
                + " ["
                + OPERATOR_SIGNING_PUBLIC
                + "]");
  }

  @Test
  void refusesTheOperatorIdentitySeedInPlaceOfASigningSeed() {
    NatsIdentityException refused =
        importRefused(
            existing.jwt(), Fixtures.OPERATOR, existing.systemAccount().jwt(), SYSTEM_ACCOUNT);

    assertThat(refused.reason()).isEqualTo(Reason.SIGNING_KEY_NOT_LISTED);
  }

  @Test
  void refusesAnAccountSeedWhereTheOperatorSigningSeedBelongs() {
    NatsIdentityException refused =
        importRefused(
            existing.jwt(), SYSTEM_ACCOUNT, existing.systemAccount().jwt(), SYSTEM_ACCOUNT);

    assertThat(refused.reason()).isEqualTo(Reason.WRONG_KEY_TYPE);
    assertThat(refused)
        .hasMessage("operator signing seed is an account seed, expected an operator seed");
  }

  @Test
  void refusesASystemAccountSeedThatIsNotTheJwtsSubject() {
    NatsIdentityException refused =
        importRefused(
            existing.jwt(), OPERATOR_SIGNING, existing.systemAccount().jwt(), TENANT_ACCOUNT);

    assertThat(refused.reason()).isEqualTo(Reason.KEY_MISMATCH);
    assertThat(refused)
        .hasMessage(
            "system account seed belongs to "
                + TENANT_ACCOUNT_PUBLIC
                + ", but the JWT's subject is "
                + SYSTEM_ACCOUNT_PUBLIC);
  }

  @Test
  void refusesAnAccountThatIsNotTheOperatorsSystemAccount() {
    TenantAccount tenant = Fixtures.tenantAccount(existing);

    NatsIdentityException refused =
        importRefused(existing.jwt(), OPERATOR_SIGNING, tenant.jwt(), TENANT_ACCOUNT);

    assertThat(refused.reason()).isEqualTo(Reason.NOT_THE_SYSTEM_ACCOUNT);
    assertThat(refused)
        .hasMessage(
            "account "
                + TENANT_ACCOUNT_PUBLIC
                + " is not the system_account of operator "
                + OPERATOR_PUBLIC
                + " (which names "
                + SYSTEM_ACCOUNT_PUBLIC
                + ")");
  }

  @Test
  void refusesASystemAccountJwtSignedByAnotherOperator() {
    NatsOperator other =
        identitiesAt(ISSUED_AT)
            .createOperator(
                "other",
                OTHER_OPERATOR,
                OTHER_OPERATOR_SIGNING,
                SYSTEM_ACCOUNT,
                SYSTEM_ACCOUNT_SIGNING);

    NatsIdentityException refused =
        importRefused(
            existing.jwt(), OPERATOR_SIGNING, other.systemAccount().jwt(), SYSTEM_ACCOUNT);

    assertThat(refused.reason()).isEqualTo(Reason.UNTRUSTED_ISSUER);
    assertThat(refused)
        .hasMessage(
            "system account "
                + SYSTEM_ACCOUNT_PUBLIC
                + " is signed by "
                + other.publicKey()
                + ", which is neither operator "
                + OPERATOR_PUBLIC
                + " nor one of its signing keys");
  }

  @Test
  void refusesAnOperatorJwtWhoseClaimsWereAltered() {
    String[] parts = existing.jwt().split("\\.");
    String alteredClaims =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), UTF_8)
                    .replace("serviceradar", "serviceradaR")
                    .getBytes(UTF_8));
    String altered = parts[0] + "." + alteredClaims + "." + parts[2];

    NatsIdentityException refused =
        importRefused(altered, OPERATOR_SIGNING, existing.systemAccount().jwt(), SYSTEM_ACCOUNT);

    assertThat(refused.reason()).isEqualTo(Reason.BAD_SIGNATURE);
    assertThat(refused)
        .hasMessage(
            "operator JWT for "
                + OPERATOR_PUBLIC
                + ": signature does not verify under "
                + OPERATOR_PUBLIC);
  }

  @Test
  void refusesAnAccountJwtInPlaceOfTheOperatorJwt() {
    NatsIdentityException refused =
        importRefused(
            existing.systemAccount().jwt(),
            OPERATOR_SIGNING,
            existing.systemAccount().jwt(),
            SYSTEM_ACCOUNT);

    assertThat(refused.reason()).isEqualTo(Reason.WRONG_CLAIM_TYPE);
    assertThat(refused).hasMessage("operator JWT has type account, expected operator");
  }

  @Test
  void refusesTextThatIsNoJwt() {
    NatsIdentityException refused =
        importRefused(
            "not a jwt", OPERATOR_SIGNING, existing.systemAccount().jwt(), SYSTEM_ACCOUNT);

    assertThat(refused.reason()).isEqualTo(Reason.MALFORMED_JWT);
    assertThat(refused).hasMessage("operator JWT does not have three dot-separated parts");
  }

  @Test
  void refusesAnExpiredOperatorJwt() throws Exception {
    NKey identity = OTHER_OPERATOR.toNKey();
    String expiring =
        JwtUtils.issueJWT(
            identity,
            OTHER_OPERATOR.publicKey(),
            "expiring",
            Duration.ofSeconds(30),
            ISSUED_AT.getEpochSecond(),
            OTHER_OPERATOR.publicKey(),
            NatsClaims.operator(List.of(OTHER_OPERATOR_SIGNING_PUBLIC), SYSTEM_ACCOUNT_PUBLIC));

    NatsIdentityException refused =
        importRefused(
            expiring, OTHER_OPERATOR_SIGNING, existing.systemAccount().jwt(), SYSTEM_ACCOUNT);

    assertThat(refused.reason()).isEqualTo(Reason.EXPIRED);
    assertThat(refused).hasMessage("operator JWT expired at 2026-03-01T12:00:30Z");
  }

  private NatsIdentityException importRefused(
      String operatorJwt, Seed signingSeed, String systemAccountJwt, Seed systemAccountSeed) {
    NatsIdentityException refused =
        catchThrowableOfType(
            NatsIdentityException.class,
            () ->
                identities.importOperator(
                    operatorJwt, signingSeed, systemAccountJwt, systemAccountSeed));
    assertThat(refused).as("import refused").isNotNull();
    for (Seed seed : Fixtures.ALL_SEEDS) {
      assertThat(refused.getMessage()).doesNotContain(new String(seed.reveal()));
    }
    return refused;
  }
}
