package com.serviceradar.edge.natsauth;

import static com.serviceradar.edge.natsauth.Fixtures.OPERATOR;
import static com.serviceradar.edge.natsauth.Fixtures.OPERATOR_SIGNING;
import static com.serviceradar.edge.natsauth.Fixtures.OTHER_ACCOUNT;
import static com.serviceradar.edge.natsauth.Fixtures.OTHER_OPERATOR;
import static com.serviceradar.edge.natsauth.Fixtures.SYSTEM_ACCOUNT;
import static com.serviceradar.edge.natsauth.Fixtures.SYSTEM_ACCOUNT_SIGNING;
import static com.serviceradar.edge.natsauth.Fixtures.TENANT;
import static com.serviceradar.edge.natsauth.Fixtures.TENANT_ACCOUNT;
import static com.serviceradar.edge.natsauth.Fixtures.TENANT_ACCOUNT_SIGNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.natsauth.NatsIdentityException.Reason;
import org.junit.jupiter.api.Test;

/** Rebuilding identities from what the persistence layer stored. */
class RestoreTest {

  private final NatsOperator created = Fixtures.operator();
  private final TenantAccount tenant = Fixtures.tenantAccount(created);

  @Test
  void restoresTheOperatorWithItsSystemAccountFromStoredParts() {
    SystemAccount system =
        SystemAccount.restore(
            created.systemAccount().jwt(), SYSTEM_ACCOUNT, SYSTEM_ACCOUNT_SIGNING);
    NatsOperator restored = NatsOperator.restore(created.jwt(), OPERATOR, OPERATOR_SIGNING, system);

    assertThat(restored.jwt()).isEqualTo(created.jwt());
    assertThat(restored.identitySeed()).contains(OPERATOR);
    assertThat(restored.systemAccount().signingSeed()).contains(SYSTEM_ACCOUNT_SIGNING);
  }

  @Test
  void refusesAnOperatorIdentitySeedThatIsNotTheJwtsSubject() {
    assertThatThrownBy(
            () ->
                NatsOperator.restore(
                    created.jwt(), OTHER_OPERATOR, OPERATOR_SIGNING, created.systemAccount()))
        .isInstanceOfSatisfying(
            NatsIdentityException.class,
            refused -> assertThat(refused.reason()).isEqualTo(Reason.KEY_MISMATCH))
        .hasMessageStartingWith("operator identity seed belongs to " + OTHER_OPERATOR.publicKey());
  }

  @Test
  void restoresATenantAccountFromStoredParts() {
    TenantAccount restored =
        TenantAccount.restore(TENANT, tenant.jwt(), TENANT_ACCOUNT, TENANT_ACCOUNT_SIGNING);

    assertThat(restored.publicKey()).isEqualTo(tenant.publicKey());
    assertThat(restored.claims()).isEqualTo(tenant.claims());
    assertThat(created.verifyAccountJwt(restored.jwt())).isEqualTo(tenant.claims());
  }

  @Test
  void refusesATenantSigningSeedTheAccountDoesNotList() {
    assertThatThrownBy(
            () -> TenantAccount.restore(TENANT, tenant.jwt(), TENANT_ACCOUNT, OTHER_ACCOUNT))
        .isInstanceOfSatisfying(
            NatsIdentityException.class,
            refused -> assertThat(refused.reason()).isEqualTo(Reason.SIGNING_KEY_NOT_LISTED))
        .hasMessage(
            "tenant account signing key "
                + OTHER_ACCOUNT.publicKey()
                + " is not among the signing_keys of account "
                + tenant.publicKey());
  }

  @Test
  void refusesATenantAccountWithoutItsSigningSeed() {
    assertThatThrownBy(() -> TenantAccount.restore(TENANT, tenant.jwt(), TENANT_ACCOUNT, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tenant account signing seed is required");
  }
}
