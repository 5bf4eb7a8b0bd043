package com.serviceradar.edge.natsauth;

import static com.serviceradar.edge.natsauth.OperatorModeServers.connect;
import static com.serviceradar.edge.natsauth.OperatorModeServers.operatorMode;
import static com.serviceradar.edge.natsauth.OperatorModeServers.refusedConnect;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity chain against a real nats-server 2.9 hub in operator mode. */
@SuppressWarnings("try") // jnats' Connection.close() declares InterruptedException
class OperatorModeHubTest {

  private final NatsIdentities identities =
      new NatsIdentities(Clock.systemUTC(), new SecureRandom());
  private final NatsOperator operator = identities.createOperator("serviceradar-test");
  private final TenantAccount tenant =
      identities.createTenantAccount(operator, TenantSlug.of("acme"));

  @TempDir Path directory;

  @Test
  void tenantUserCredsConnectAndPublishAndSubscribe() throws Exception {
    UserCredentials collector =
        identities.issueUser(
            tenant,
            "collector.snmp",
            UserPermissions.allow(List.of("events.>"), List.of("events.>")),
            List.of("kind:collector"));

    try (NatsServerProcess hub = startHub("hub", tenant);
        Connection connection = connect(hub.clientUrl(), collector)) {
      Subscription subscription = connection.subscribe("events.snmp");
      connection.flush(Duration.ofSeconds(2));
      connection.publish("events.snmp", "up".getBytes(UTF_8));

      Message message = subscription.nextMessage(Duration.ofSeconds(2));
      assertThat(message).isNotNull();
      assertThat(new String(message.getData(), UTF_8)).isEqualTo("up");
    }
  }

  @Test
  void monitorUserConnectsToTheSystemAccountAndCanAskTheServers() throws Exception {
    UserCredentials monitor = identities.issueMonitorUser(operator);

    try (NatsServerProcess hub = startHub("hub", tenant);
        Connection connection = connect(hub.clientUrl(), monitor)) {
      Message reply =
          connection.request("$SYS.REQ.SERVER.PING", new byte[0], Duration.ofSeconds(2));

      assertThat(reply).isNotNull();
      assertThat(new String(reply.getData(), UTF_8)).contains("\"server\"");
    }
  }

  @Test
  void monitorUserOfAnImportedOperatorIsSignedByTheSystemAccountKeyAndConnects() throws Exception {
    NatsOperator imported =
        identities.importOperator(
            operator.jwt(),
            operator.signingSeed(),
            operator.systemAccount().jwt(),
            operator.systemAccount().identitySeed());
    UserCredentials monitor = identities.issueMonitorUser(imported);

    try (NatsServerProcess hub = startHub("hub", tenant);
        Connection connection = connect(hub.clientUrl(), monitor)) {
      assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }
  }

  @Test
  void leafUserCredsAreRefusedAsAPlainClient() throws Exception {
    UserCredentials leaf =
        identities.issueLeafUser(tenant, SiteSlug.of("nyc-office"), UUID.randomUUID());

    try (NatsServerProcess hub = startHub("hub", tenant)) {
      assertThat(refusedConnect(hub.clientUrl(), leaf))
          .hasMessageContaining("Authorization Violation");
      assertThat(hub.awaitLog("Connection type not allowed", Duration.ofSeconds(2)))
          .as(hub.log())
          .isTrue();
    }
  }

  @Test
  void revokedUserIsRefusedWhileAFreshUserOfTheSameAccountConnects() throws Exception {
    UserCredentials revoked =
        identities.issueUser(
            tenant, "collector.old", UserPermissions.allow(List.of(">"), List.of(">")), List.of());
    try (NatsServerProcess hub = startHub("before", tenant);
        Connection connection = connect(hub.clientUrl(), revoked)) {
      assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
    }

    TenantAccount reissued =
        identities.reissueTenantAccount(
            operator, tenant, Map.of(revoked.publicKey(), revoked.issuedAt()));
    UserCredentials fresh =
        identities.issueUser(
            reissued,
            "collector.new",
            UserPermissions.allow(List.of(">"), List.of(">")),
            List.of());

    try (NatsServerProcess hub = startHub("after", reissued)) {
      assertThat(refusedConnect(hub.clientUrl(), revoked))
          .hasMessageContaining("Authorization Violation");
      assertThat(hub.awaitLog("User authentication revoked", Duration.ofSeconds(2)))
          .as(hub.log())
          .isTrue();
      try (Connection connection = connect(hub.clientUrl(), fresh)) {
        assertThat(connection.getStatus()).isEqualTo(Connection.Status.CONNECTED);
      }
    }
  }

  @Test
  void operatorModeHubConfigurationPassesNatsServerTest() throws Exception {
    Path config = directory.resolve("hub-check.conf");
    Files.writeString(
        config,
        "listen: \"127.0.0.1:"
            + NatsServerProcess.freePort()
            + "\"\n"
            + operatorMode(operator, List.of(operator.systemAccount(), tenant)));

    NatsServerProcess.ConfigCheck check = NatsServerProcess.checkConfig(config);

    assertThat(check.exitCode()).as(check.output()).isZero();
    assertThat(check.output()).contains("is valid");
  }

  private NatsServerProcess startHub(String name, TenantAccount account) throws IOException {
    // debug: the log then says why a client was refused
    return NatsServerProcess.start(
        directory,
        name,
        "debug: true\n" + operatorMode(operator, List.of(operator.systemAccount(), account)));
  }
}
