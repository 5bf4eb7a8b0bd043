package com.serviceradar.edge.leafconfig;

import static com.serviceradar.edge.leafconfig.LeafFixtures.ACME;
import static com.serviceradar.edge.leafconfig.LeafFixtures.HUB_LEAF_URL;
import static com.serviceradar.edge.leafconfig.LeafFixtures.NYC_OFFICE;
import static com.serviceradar.edge.leafconfig.LeafFixtures.acme;
import static com.serviceradar.edge.leafconfig.LeafFixtures.globex;
import static com.serviceradar.edge.leafconfig.LeafFixtures.leafConfig;
import static com.serviceradar.edge.leafconfig.LeafFixtures.systemAccount;
import static com.serviceradar.edge.testing.IdentityFixtures.operatorJwt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.natsauth.NatsIdentityException;
import com.serviceradar.edge.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LeafConfigTest {

  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  @Test
  void rendersTheGoldenLeafConfiguration() {
    Golden.assertMatches("nats-leaf.conf", leafConfig().render());
  }

  @Test
  void sameInputsRenderTheSameBytes() {
    assertThat(leafConfig().render()).isEqualTo(leafConfig().render());
  }

  @Test
  void namesFollowTheContract() {
    LeafConfig config = leafConfig();

    assertThat(config.serverName()).isEqualTo("leaf-acme-nyc-office");
    assertThat(config.jetStreamDomain()).isEqualTo("edge-nyc-office");
    assertThat(config.monitoring()).hasToString("127.0.0.1:8222");
    assertThat(config.localListen()).hasToString("0.0.0.0:4222");
    assertThat(config.paths().credsFile()).isEqualTo("/etc/nats/creds/tenant.creds");
  }

  /** setup.sh --prefix relies on this: it rewrites every quoted value starting with "/". */
  @Test
  void everyQuotedValueStartingWithASlashIsAnInstallPathAndEveryPathIsQuoted() {
    LeafConfig config =
        leafConfig()
            .withPaths(new LeafPaths("/opt/sr/etc", "/srv/js", "/opt/sr/log"))
            .withMonitoringPort(9000);
    String rendered = config.render();

    List<String> slashValues = new ArrayList<>();
    Matcher matcher = QUOTED.matcher(rendered);
    while (matcher.find()) {
      if (matcher.group(1).startsWith("/")) {
        slashValues.add(matcher.group(1));
      }
    }

    assertThat(slashValues)
        .containsExactlyInAnyOrder(
            "/opt/sr/log/nats-leaf.log",
            "/opt/sr/etc/certs/nats-server.pem",
            "/opt/sr/etc/certs/nats-server-key.pem",
            "/opt/sr/etc/certs/ca-chain.pem",
            "/srv/js",
            "/opt/sr/etc/creds/tenant.creds",
            "/opt/sr/etc/certs/nats-leaf.pem",
            "/opt/sr/etc/certs/nats-leaf-key.pem",
            "/opt/sr/etc/certs/ca-chain.pem");
    String settings = rendered.replaceAll("(?m)^#.*$", "");
    assertThat(settings.replaceAll(QUOTED.pattern(), "\"\"")).doesNotContain("/");
  }

  @Test
  void refusesASystemAccountThatIsNotTheOperators() {
    assertThatThrownBy(
            () ->
                LeafConfig.forSite(ACME, NYC_OFFICE, HUB_LEAF_URL, operatorJwt(), acme(), globex()))
        .isInstanceOfSatisfying(
            NatsIdentityException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo(NatsIdentityException.Reason.NOT_THE_SYSTEM_ACCOUNT));
  }

  @Test
  void refusesAnAccountJwtGivenUnderAnotherPublicKey() {
    AccountJwt mislabelled = new AccountJwt(globex().publicKey(), acme().jwt());

    assertThatThrownBy(
            () ->
                LeafConfig.forSite(
                    ACME, NYC_OFFICE, HUB_LEAF_URL, operatorJwt(), systemAccount(), mislabelled))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tenant account JWT is for " + acme().publicKey());
  }

  @Test
  void refusesRelativeOrUnusualInstallPaths() {
    for (String bad :
        List.of("etc/nats", "/etc/nats/", "/etc/../nats", "/etc//nats", "/etc/na ts", "/e\"tc")) {
      assertThatThrownBy(() -> new LeafPaths(bad, "/var/lib/nats", "/var/log/nats"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("config dir");
    }
  }

  @Test
  void refusesAMonitoringPortThatIsTheClientPort() {
    assertThatThrownBy(() -> leafConfig().withMonitoringPort(4222))
        .hasMessage("monitoring port and local listen port are both 4222");
  }

  @Test
  void rendersIpv6ListenAddressesInBrackets() {
    assertThat(leafConfig().withLocalListen(new HostPort("::", 4333)).render())
        .contains("listen: \"[::]:4333\"");
  }
}
