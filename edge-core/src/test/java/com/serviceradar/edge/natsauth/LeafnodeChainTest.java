package com.serviceradar.edge.natsauth;

import static com.serviceradar.edge.natsauth.OperatorModeServers.connect;
import static com.serviceradar.edge.natsauth.OperatorModeServers.operatorMode;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole chain end to end: an operator-mode leaf connects upstream with its site's leaf user,
 * and a collector's creds work on the leaf exactly as on the hub (NATS-FACTS.md, "Operator-mode
 * leaf"). No TLS here: this test is about the identities.
 */
@SuppressWarnings("try") // jnats' Connection.close() declares InterruptedException
class LeafnodeChainTest {

  private final NatsIdentities identities =
      new NatsIdentities(Clock.systemUTC(), new SecureRandom());
  private final NatsOperator operator = identities.createOperator("serviceradar-test");
  private final TenantAccount tenant =
      identities.createTenantAccount(operator, TenantSlug.of("acme"));

  @TempDir Path directory;

  @Test
  void leafConnectsWithItsSiteUserAndCarriesTenantMessagesToTheHub() throws Exception {
    UserCredentials leafUser =
        identities.issueLeafUser(tenant, SiteSlug.of("nyc-office"), UUID.randomUUID());
    UserCredentials collector =
        identities.issueUser(
            tenant,
            "collector.snmp",
            UserPermissions.allow(List.of("ops.>"), List.of()),
            List.of("kind:collector"));
    UserCredentials consumer =
        identities.issueUser(
            tenant,
            "consumer.saas",
            UserPermissions.allow(List.of(), List.of("ops.>")),
            List.of("kind:consumer"));
    Path leafCreds = directory.resolve("leaf.creds");
    Files.writeString(leafCreds, leafUser.credsText(), UTF_8);
    Files.setPosixFilePermissions(leafCreds, PosixFilePermissions.fromString("rw-------"));
    int leafnodePort = NatsServerProcess.freePort();
    List<NatsAccount> accounts = List.of(operator.systemAccount(), tenant);

    try (NatsServerProcess hub =
            NatsServerProcess.start(
                directory,
                "hub",
                "server_name: hub\n"
                    + operatorMode(operator, accounts)
                    + "leafnodes { listen: \"127.0.0.1:"
                    + leafnodePort
                    + "\" }\n");
        NatsServerProcess leaf =
            NatsServerProcess.start(
                directory,
                "leaf",
                "server_name: leaf-acme-nyc-office\n"
                    + operatorMode(operator, accounts)
                    + "leafnodes { remotes = [ { url: \"nats-leaf://127.0.0.1:"
                    + leafnodePort
                    + "\", credentials: \""
                    + leafCreds.toAbsolutePath()
                    + "\", account: "
                    + tenant.publicKey()
                    + " } ] }\n")) {
      assertThat(hub.awaitLog("Leafnode connection created", Duration.ofSeconds(5)))
          .as(hub.log())
          .isTrue();

      try (Connection atHub = connect(hub.clientUrl(), consumer);
          Connection atLeaf = connect(leaf.clientUrl(), collector)) {
        Subscription subscription = atHub.subscribe("ops.heartbeat");
        atHub.flush(Duration.ofSeconds(2));

        Message received = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        // The hub's interest reaches the leaf shortly after the subscribe: publish until it has.
        while (received == null && System.nanoTime() < deadline) {
          atLeaf.publish("ops.heartbeat", "from the edge".getBytes(UTF_8));
          received = subscription.nextMessage(Duration.ofMillis(100));
        }

        assertThat(received).as(leaf.log()).isNotNull();
        assertThat(new String(received.getData(), UTF_8)).isEqualTo("from the edge");
      }
    }
  }
}
