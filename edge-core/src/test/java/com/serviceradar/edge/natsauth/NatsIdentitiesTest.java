package com.serviceradar.edge.natsauth;

import static com.serviceradar.edge.natsauth.Fixtures.COLLECTOR_USER;
import static com.serviceradar.edge.natsauth.Fixtures.COLLECTOR_USER_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.ISSUED_AT;
import static com.serviceradar.edge.natsauth.Fixtures.ISSUED_AT_SECONDS;
import static com.serviceradar.edge.natsauth.Fixtures.LEAF_USER;
import static com.serviceradar.edge.natsauth.Fixtures.LEAF_USER_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.MONITOR_USER;
import static com.serviceradar.edge.natsauth.Fixtures.MONITOR_USER_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.OPERATOR_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.OPERATOR_SIGNING_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.SITE;
import static com.serviceradar.edge.natsauth.Fixtures.SITE_ID;
import static com.serviceradar.edge.natsauth.Fixtures.SYSTEM_ACCOUNT_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.SYSTEM_ACCOUNT_SIGNING_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.TENANT_ACCOUNT_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.TENANT_ACCOUNT_SIGNING_PUBLIC;
import static com.serviceradar.edge.natsauth.Fixtures.claims;
import static com.serviceradar.edge.natsauth.Fixtures.identitiesAt;
import static com.serviceradar.edge.natsauth.Fixtures.nats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import com.serviceradar.edge.names.CollectorSubjects;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NatsIdentitiesTest {

  private final NatsOperator operator = Fixtures.operator();
  private final TenantAccount tenant = Fixtures.tenantAccount(operator);

  @Test
  void operatorJwtIsSelfSignedAndNamesItsSigningKeyAndSystemAccount() {
    assertThat(claims(operator.jwt()))
        .containsEntry("iss", OPERATOR_PUBLIC)
        .containsEntry("sub", OPERATOR_PUBLIC)
        .containsEntry("name", "serviceradar")
        .containsEntry("iat", ISSUED_AT_SECONDS)
        .containsKey("jti")
        .doesNotContainKey("exp");
    assertThat(nats(operator.jwt()))
        .isEqualTo(
            Map.of(
                "type",
                "operator",
                "version",
                2L,
                "signing_keys",
                List.of(OPERATOR_SIGNING_PUBLIC),
                "system_account",
                SYSTEM_ACCOUNT_PUBLIC));
    assertThat(operator.publicKey()).isEqualTo(OPERATOR_PUBLIC);
    assertThat(operator.signingKeys()).containsExactly(OPERATOR_SIGNING_PUBLIC);
    assertThat(operator.identitySeed()).contains(Fixtures.OPERATOR);
    assertThat(operator.issuedAt()).isEqualTo(ISSUED_AT);
  }

  @Test
  void systemAccountIsSignedByTheOperatorIdentityKeyAndListsItsOwnSigningKey() {
    SystemAccount system = operator.systemAccount();

    assertThat(claims(system.jwt()))
        .containsEntry("iss", OPERATOR_PUBLIC)
        .containsEntry("sub", SYSTEM_ACCOUNT_PUBLIC)
        .containsEntry("name", "SYS")
        .containsEntry("iat", ISSUED_AT_SECONDS);
    assertThat(nats(system.jwt()))
        .containsEntry("type", "account")
        .containsEntry("version", 2L)
        .containsEntry("signing_keys", List.of(SYSTEM_ACCOUNT_SIGNING_PUBLIC))
        .doesNotContainKey("revocations");
    assertThat(nats(system.jwt()).get("limits")).asInstanceOf(MAP).doesNotContainKey("streams");
    assertThat(system.signingSeed()).contains(Fixtures.SYSTEM_ACCOUNT_SIGNING);
  }

  @Test
  void tenantAccountIsSignedByTheOperatorSigningKeyWithJetStreamAndNoOtherLimits() {
    assertThat(claims(tenant.jwt()))
        .containsEntry("iss", OPERATOR_SIGNING_PUBLIC)
        .containsEntry("sub", TENANT_ACCOUNT_PUBLIC)
        .containsEntry("name", "acme")
        .containsEntry("iat", ISSUED_AT_SECONDS);
    assertThat(nats(tenant.jwt()))
        .isEqualTo(
            Map.of(
                "type",
                "account",
                "version",
                2L,
                "signing_keys",
                List.of(TENANT_ACCOUNT_SIGNING_PUBLIC),
                "limits",
                Map.ofEntries(
                    Map.entry("subs", -1L),
                    Map.entry("data", -1L),
                    Map.entry("payload", -1L),
                    Map.entry("imports", -1L),
                    Map.entry("exports", -1L),
                    Map.entry("wildcards", true),
                    Map.entry("conn", -1L),
                    Map.entry("leaf", -1L),
                    Map.entry("mem_storage", -1L),
                    Map.entry("disk_storage", -1L),
                    Map.entry("streams", -1L),
                    Map.entry("consumer", -1L))));
    assertThat(tenant.tenant()).isEqualTo(Fixtures.TENANT);
    assertThat(tenant.revocations()).isEmpty();
  }

  @Test
  void reissuedTenantAccountKeepsItsKeysAndCarriesTheRevocations() {
    Instant later = ISSUED_AT.plusSeconds(3600);
    Instant revokedUpTo = later.minusSeconds(10);

    TenantAccount reissued =
        identitiesAt(later)
            .reissueTenantAccount(operator, tenant, Map.of(LEAF_USER_PUBLIC, revokedUpTo));

    assertThat(reissued.publicKey()).isEqualTo(tenant.publicKey());
    assertThat(reissued.identitySeed()).isEqualTo(tenant.identitySeed());
    assertThat(reissued.signingSeed()).isEqualTo(tenant.signingSeed());
    assertThat(claims(reissued.jwt()))
        .containsEntry("iss", OPERATOR_SIGNING_PUBLIC)
        .containsEntry("iat", later.getEpochSecond());
    assertThat(reissued.claims().jwtId()).isNotEqualTo(tenant.claims().jwtId());
    assertThat(nats(reissued.jwt()))
        .containsEntry("revocations", Map.of(LEAF_USER_PUBLIC, revokedUpTo.getEpochSecond()))
        .containsEntry("signing_keys", List.of(TENANT_ACCOUNT_SIGNING_PUBLIC));
    assertThat(reissued.revocations()).containsExactly(Map.entry(LEAF_USER_PUBLIC, revokedUpTo));
  }

  @Test
  void reissuingRefusesRevocationsThatNameNoUser() {
    assertThatThrownBy(
            () ->
                identitiesAt(ISSUED_AT)
                    .reissueTenantAccount(
                        operator, tenant, Map.of(TENANT_ACCOUNT_PUBLIC, ISSUED_AT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("revocations must name user public keys or *");
  }

  @Test
  void
      leafUserIsNamedAndTaggedForItsSiteMayOnlyConnectAsALeafnodeAndKeepsBufferedSubjectsOffItsLink() {
    UserCredentials leaf = identitiesAt(ISSUED_AT).issueLeafUser(tenant, SITE, SITE_ID, LEAF_USER);

    assertThat(claims(leaf.jwt()))
        .containsEntry("iss", TENANT_ACCOUNT_SIGNING_PUBLIC)
        .containsEntry("sub", LEAF_USER_PUBLIC)
        .containsEntry("name", "leaf.nyc-office.acme")
        .containsEntry("iat", ISSUED_AT_SECONDS);
    assertThat(nats(leaf.jwt()))
        .containsEntry("type", "user")
        .containsEntry("version", 2L)
        .containsEntry("issuer_account", TENANT_ACCOUNT_PUBLIC)
        .containsEntry(
            "tags",
            List.of("edge-site:6f1c2a9e-4b7d-4e2f-9a35-0c8d1e7b5a42", "tenant:acme", "kind:leaf"))
        .containsEntry("allowed_connection_types", List.of("LEAFNODE"))
        .containsEntry("pub", Map.of("deny", CollectorSubjects.ALL))
        .containsEntry("sub", Map.of("deny", CollectorSubjects.ALL));
    assertThat(leaf.name()).isEqualTo("leaf.nyc-office.acme");
    assertThat(leaf.publicKey()).isEqualTo(LEAF_USER_PUBLIC);
    assertThat(leaf.accountPublicKey()).isEqualTo(TENANT_ACCOUNT_PUBLIC);
    assertThat(leaf.issuedAt()).isEqualTo(ISSUED_AT);
  }

  @Test
  void monitorUserLivesInTheSystemAccountSignedByItsSigningKey() {
    UserCredentials monitor = identitiesAt(ISSUED_AT).issueMonitorUser(operator, MONITOR_USER);

    assertThat(claims(monitor.jwt()))
        .containsEntry("iss", SYSTEM_ACCOUNT_SIGNING_PUBLIC)
        .containsEntry("sub", MONITOR_USER_PUBLIC)
        .containsEntry("name", "serviceradar-edge-monitor");
    assertThat(nats(monitor.jwt()))
        .containsEntry("issuer_account", SYSTEM_ACCOUNT_PUBLIC)
        .containsEntry("tags", List.of("kind:monitor"))
        .doesNotContainKey("allowed_connection_types");
  }

  @Test
  void userWithPermissionsGetsAllowListsAndAnEmptyListAllowsNothing() {
    UserCredentials collector =
        identitiesAt(ISSUED_AT)
            .issueUser(
                tenant,
                "collector.snmp",
                UserPermissions.allow(List.of("events.snmp.>", "_INBOX.>"), List.of()),
                List.of("kind:collector"),
                COLLECTOR_USER);

    assertThat(claims(collector.jwt()))
        .containsEntry("iss", TENANT_ACCOUNT_SIGNING_PUBLIC)
        .containsEntry("sub", COLLECTOR_USER_PUBLIC)
        .containsEntry("name", "collector.snmp");
    assertThat(nats(collector.jwt()))
        .containsEntry("issuer_account", TENANT_ACCOUNT_PUBLIC)
        .containsEntry("tags", List.of("kind:collector"))
        .containsEntry("pub", Map.of("allow", List.of("events.snmp.>", "_INBOX.>")))
        .containsEntry("sub", Map.of("deny", List.of(">")));
  }

  @Test
  void userPermissionsRefuseMalformedSubjects() {
    assertThatThrownBy(() -> UserPermissions.allow(List.of("events. bad"), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("publishAllow has an invalid subject: \"events. bad\"");
  }

  @Test
  void credsTextIsTheStandardFormatWithJwtAndSeed() {
    UserCredentials leaf = identitiesAt(ISSUED_AT).issueLeafUser(tenant, SITE, SITE_ID, LEAF_USER);

    assertThat(leaf.credsText())
        .isEqualTo(
            "-----BEGIN NATS USER JWT-----\n"
                + leaf.jwt()
                + "\n------END NATS USER JWT------\n"
                + "\n"
                + "************************* IMPORTANT *************************\n"
                + "NKEY Seed printed below can be used to sign and prove identity.\n"
                + "NKEYs are sensitive and should be treated as secrets.\n"
                + "\n"
                + "-----BEGIN USER NKEY SEED-----\n"
                + "SUAIIUSDWRTZM2CZYOMFBMBFWWMDM4X2GFJBFZHBMSFOUWS22DM52ITX74\n"
                + "------END USER NKEY SEED------\n"
                + "\n"
                + "*************************************************************\n");
  }

  @Test
  void sameKeysAndTimeGiveTheSameJwts() {
    NatsOperator again = Fixtures.operator();

    assertThat(again.jwt()).isEqualTo(operator.jwt());
    assertThat(again.systemAccount().jwt()).isEqualTo(operator.systemAccount().jwt());
    assertThat(Fixtures.tenantAccount(again).jwt()).isEqualTo(tenant.jwt());
  }

  @Test
  void generatedIdentitiesUseFreshKeysThatChainTogether() {
    NatsIdentities identities =
        new NatsIdentities(Clock.fixed(ISSUED_AT, ZoneOffset.UTC), new SecureRandom());
    NatsOperator generated = identities.createOperator("generated");
    TenantAccount account = identities.createTenantAccount(generated, Fixtures.TENANT);
    UserCredentials leaf = identities.issueLeafUser(account, SITE, SITE_ID);

    assertThat(generated.publicKey()).isNotEqualTo(OPERATOR_PUBLIC).startsWith("O");
    assertThat(NatsIdentities.verifyAccountJwt(account.jwt(), generated.jwt()).publicKey())
        .isEqualTo(account.publicKey());
    assertThat(NatsIdentities.verifyAccountJwt(generated.systemAccount().jwt(), generated.jwt()))
        .extracting(AccountClaims::issuer)
        .isEqualTo(generated.publicKey());
    assertThat(nats(leaf.jwt())).containsEntry("issuer_account", account.publicKey());
    assertThat(leaf.publicKey()).startsWith("U");
  }

  @Test
  void noToStringShowsASeed() {
    UserCredentials leaf = identitiesAt(ISSUED_AT).issueLeafUser(tenant, SITE, SITE_ID, LEAF_USER);
    String shown =
        String.join(
            "\n",
            operator.toString(),
            operator.systemAccount().toString(),
            tenant.toString(),
            leaf.toString(),
            leaf.seed().toString(),
            operator.signingSeed().toString(),
            operator.identitySeed().orElseThrow().toString());

    for (Seed seed : Fixtures.ALL_SEEDS) {
      assertThat(shown).doesNotContain(new String(seed.reveal()));
    }
    assertThat(leaf.seed().toString()).contains(LEAF_USER_PUBLIC).contains("secret not shown");
  }
}
