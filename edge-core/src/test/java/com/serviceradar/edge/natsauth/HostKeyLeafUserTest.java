package com.serviceradar.edge.natsauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import io.nats.client.NKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A leaf user JWT for a key the edge host keeps: the seed never reaches the control plane. */
class HostKeyLeafUserTest {

  private final NatsIdentities identities =
      new NatsIdentities(Clock.systemUTC(), new SecureRandom());
  private final TenantAccount acme =
      identities.createTenantAccount(identities.createOperator("test"), TenantSlug.of("acme"));

  @Test
  void theJwtIsForTheHostsKeyNamedAndTaggedForTheSite() throws Exception {
    NKey hostKey = NKey.createUser(new SecureRandom());
    String publicKey = new String(hostKey.getPublicKey());
    UUID siteId = UUID.randomUUID();

    String jwt = identities.issueLeafUserJwt(acme, SiteSlug.of("nyc-office"), siteId, publicKey);

    UserClaims claims = NatsIdentities.verifyUserJwt(jwt, acme.claims());
    assertThat(claims.publicKey()).isEqualTo(publicKey);
    assertThat(claims.name()).isEqualTo("leaf.nyc-office.acme");
    assertThat(claims.tags()).contains("edge-site:" + siteId, "tenant:acme", "kind:leaf");
    assertThat(claims.issuerAccount()).isEqualTo(acme.publicKey());
  }

  @Test
  void aKeyThatIsNotAUserPublicKeyIsRefused() {
    assertThatThrownBy(
            () ->
                identities.issueLeafUserJwt(
                    acme, SiteSlug.of("nyc-office"), UUID.randomUUID(), acme.publicKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("natsPublicKey");
    assertThatThrownBy(
            () ->
                identities.issueLeafUserJwt(
                    acme, SiteSlug.of("nyc-office"), UUID.randomUUID(), "Ubogus"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
