package com.serviceradar.edge.server.site;

import static com.serviceradar.edge.server.support.EdgeHarness.await;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.LeafNames;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.names.UserTags;
import com.serviceradar.edge.natsauth.TenantAccount;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.support.EdgeHarness;
import com.serviceradar.edge.server.support.EdgeHarness.InstalledSite;
import com.serviceradar.edge.server.support.EdgeHarness.Tenant;
import com.serviceradar.edge.testing.Command;
import com.serviceradar.edge.testing.Ingest;
import com.serviceradar.edge.testing.LocalNats;
import com.serviceradar.edge.testing.NatsServerProcess;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import io.nats.client.support.JwtUtils;
import io.nats.client.support.JwtUtils.UserClaim;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A leaf installed before store-and-forward: its leaf user JWT lets the collector subjects cross
 * the link. The control plane re-issues it, the site syncs, and the link stops carrying them live.
 */
class LegacyLeafLinkTest {

  private static EdgeHarness edge;

  @BeforeAll
  static void start() throws Exception {
    edge = EdgeHarness.start("", "--edge.store-and-forward.interval=1s");
  }

  @AfterAll
  static void stop() {
    edge.close();
  }

  @Test
  void aLeafFromBeforeStoreAndForwardKeepsCollectorSubjectsOffItsLinkOnceItSynced()
      throws Exception {
    Tenant acme = edge.newTenant();
    int localPort = NatsServerProcess.freePort();
    int monitoringPort = NatsServerProcess.freePort();
    String siteId =
        acme.admin()
            .post(
                "/api/v1/edge-sites",
                Map.of(
                    "name",
                    "NYC Office",
                    "localListen",
                    "127.0.0.1:" + localPort,
                    "monitoringPort",
                    monitoringPort))
            .text("id");
    provisionAsThePreviousReleaseDid(acme, siteId);
    await("the hub holds the tenant's account JWT", () -> edge.hubHasCurrentJwt(acme.id()));
    Path prefix = edge.dir().resolve("edge-host-" + siteId);
    InstalledSite nyc =
        new InstalledSite(
            acme, siteId, edge.install(acme, siteId, prefix), prefix, localPort, monitoringPort);

    try (NatsServerProcess leaf = nyc.start();
        Connection atHub = LocalNats.connect(edge.hubUrl(), edge.fullUser(acme, "saas"), null);
        Connection atLeaf =
            LocalNats.connect(nyc.localUrl(), edge.fullUser(acme, "collector"), nyc.caChain())) {
      await(
          "the control plane made the site's buffer",
          () -> !nyc.json().path("buffer").path("observedAt").isNull());
      Subscription live = atHub.subscribe("events.nyc");
      atHub.flush(Duration.ofSeconds(2));
      assertThat(
              LocalNats.publishUntilReceived(
                  atLeaf, live, "events.nyc", "across the old link", Duration.ofSeconds(5)))
          .as("the previous release's link carries collector subjects live")
          .isNotNull();

      edge.controlPlane().getBean(LeafLinkUpgrade.class).upgradeLegacyLeafUsers();
      syncAsTheSiteAgentWould(acme, nyc, leaf);

      await("the hub holds the revocation", () -> edge.hubHasCurrentJwt(acme.id()));
      drain(live);
      String marker = "after the sync " + UUID.randomUUID();
      // Reloading an operator-mode leaf closes its local clients once (NATS-FACTS.md).
      try (Connection collector =
          LocalNats.connect(nyc.localUrl(), edge.fullUser(acme, "collector"), nyc.caChain())) {
        awaitUntilStored(collector, atHub, marker);
      }
      assertThat(live.nextMessage(Duration.ofSeconds(1)))
          .as("collector subjects no longer cross the link live")
          .isNull();
      assertThat(Ingest.payloads(atHub)).containsOnlyOnce(marker);
    }
  }

  /** The site's leaf user JWT as issued before store-and-forward: no deny on its link. */
  private static void provisionAsThePreviousReleaseDid(Tenant tenant, String siteId)
      throws Exception {
    TenantAccount account =
        edge.controlPlane()
            .getBean(TenantAccounts.class)
            .forTenant(UUID.fromString(tenant.id()), TenantSlug.of(tenant.slug()));
    String userKey = edge.leafUserOf(siteId);
    String legacy =
        JwtUtils.issueUserJWT(
            io.nats.client.NKey.fromSeed(account.signingSeed().orElseThrow().reveal()),
            userKey,
            LeafNames.user(SiteSlug.of("nyc-office"), TenantSlug.of(tenant.slug())),
            null,
            System.currentTimeMillis() / 1000 - 60,
            new UserClaim(account.publicKey())
                .tags(
                    UserTags.edgeSite(UUID.fromString(siteId)),
                    UserTags.tenant(TenantSlug.of(tenant.slug())),
                    UserTags.KIND_LEAF)
                .allowedConnectionTypes("LEAFNODE"));
    edge.jdbc()
        .sql("UPDATE nats_leaf_servers SET leaf_user_jwt = :jwt WHERE edge_site_id = :id")
        .param("jwt", legacy)
        .param("id", UUID.fromString(siteId))
        .update();
  }

  /** What {@code serviceradar-edge sync} does: install the current bundle, reload, report. */
  private static void syncAsTheSiteAgentWould(
      Tenant tenant, InstalledSite site, NatsServerProcess leaf) throws Exception {
    String checksum = site.json().path("leafServer").path("configChecksum").asString();
    edge.install(tenant, site.id(), site.prefix());
    Command.Result reload =
        Command.run(
            site.prefix(),
            List.of(NatsServerProcess.binary().toString(), "--signal", "reload=" + leaf.pid()));
    assertThat(reload.exitCode()).as(reload.output()).isZero();
    assertThat(
            tenant
                .admin()
                .post(
                    "/api/v1/edge-sites/" + site.id() + "/synced",
                    Map.of("configChecksum", checksum))
                .status())
        .isEqualTo(200);
  }

  /** Publishes the marker at the leaf until it is in EDGE_INGEST (the link may be reconnecting). */
  private static void awaitUntilStored(Connection atLeaf, Connection atHub, String marker)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        // The same Nats-Msg-Id each time: the leaf's buffer stores it once.
        atLeaf
            .jetStream()
            .publish(
                NatsMessage.builder()
                    .subject("events.nyc")
                    .headers(new Headers().put("Nats-Msg-Id", marker))
                    .data(marker.getBytes(UTF_8))
                    .build());
      } catch (IOException | JetStreamApiException notYet) {
        // the leaf answers again once it is back
      }
      if (Ingest.payloads(atHub).contains(marker)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the marker never reached EDGE_INGEST");
  }

  private static void drain(Subscription subscription) throws InterruptedException {
    Message message;
    do {
      message = subscription.nextMessage(Duration.ofMillis(200));
    } while (message != null);
  }
}
