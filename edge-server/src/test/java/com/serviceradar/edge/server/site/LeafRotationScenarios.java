package com.serviceradar.edge.server.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.support.ApiClient.Reply;
import com.serviceradar.edge.server.support.ApiTest;
import com.serviceradar.edge.verify.BundleArchive;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The rotation endpoints and their state machine, run on H2 and PostgreSQL. The monitor's
 * confirmation is given the way the monitor gives it: {@link SiteHealth#connected} for the new user
 * (the real hub path is in edge-cli's RenewEndToEndTest).
 */
abstract class LeafRotationScenarios extends ApiTest {

  private static final String CREDS = "creds/tenant.creds";

  @Autowired JdbcClient jdbc;
  @Autowired TenantAccounts accounts;
  @Autowired SiteHealth health;

  private record Site(TenantHandle tenant, String id) {
    String path(String suffix) {
      return "/api/v1/edge-sites/" + id + suffix;
    }
  }

  private Site newSite(String label) {
    TenantHandle tenant = newTenant(label);
    Reply created = tenant.api().post("/api/v1/edge-sites", Map.of("name", "Site " + label));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Site(tenant, created.text("id"));
  }

  private String siteUser(Site site) {
    return jdbc.sql("SELECT leaf_user_public_key FROM nats_leaf_servers WHERE edge_site_id = :id")
        .param("id", UUID.fromString(site.id()))
        .query(String.class)
        .single();
  }

  private Map<String, ?> revocations(Site site) {
    return accounts
        .forTenant(UUID.fromString(site.tenant().id()), TenantSlug.of(site.tenant().slug()))
        .revocations();
  }

  private String bundleCreds(Site site) {
    return BundleArchive.read(site.tenant().api().download(site.path("/bundle")).body())
        .text(CREDS)
        .orElseThrow();
  }

  private List<String> auditActions(Site site) {
    return jdbc.sql(
            "SELECT action FROM audit_events WHERE target = :target AND outcome = 'success' ORDER BY id")
        .param("target", "edge-site:" + site.id())
        .query(String.class)
        .list();
  }

  private JsonNode start(Site site) {
    Reply started = site.tenant().api().post(site.path("/rotate"), null);
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    return started.json();
  }

  private Reply post(Site site, String suffix) {
    return site.tenant().api().post(site.path(suffix), null);
  }

  @Test
  void rotationKeepsTheOldUserValidUntilCutOverAndCompletesWhenTheNewUserConnects() {
    Site site = newSite("rotate");
    String oldUser = siteUser(site);
    String oldCreds = bundleCreds(site);

    JsonNode started = start(site);
    JsonNode rotation = started.get("rotation");
    String newUser = rotation.get("newLeafUser").asString();
    assertThat(rotation.get("state").asString()).isEqualTo("pending");
    assertThat(rotation.get("oldLeafUser").asString()).isEqualTo(oldUser);
    assertThat(newUser).startsWith("U").isNotEqualTo(oldUser);
    assertThat(started.get("files").propertyNames())
        .containsExactlyInAnyOrder(
            "nats/nats-leaf.conf",
            "nats/certs/nats-server.pem",
            "nats/certs/nats-server-key.pem",
            "nats/certs/nats-leaf.pem",
            "nats/certs/nats-leaf-key.pem",
            "nats/certs/ca-chain.pem",
            CREDS);
    String newCreds = started.get("files").get(CREDS).asString();
    assertThat(newCreds).isNotEqualTo(oldCreds);
    // Pending: the site still hands out and accepts the old identity; nobody is revoked.
    assertThat(siteUser(site)).isEqualTo(oldUser);
    assertThat(bundleCreds(site)).isEqualTo(oldCreds);
    assertThat(revocations(site)).doesNotContainKeys(oldUser, newUser);
    Reply shown = site.tenant().api().get(site.path("/rotate"));
    assertThat(shown.json().get("state").asString()).isEqualTo("pending");
    assertThat(shown.body()).doesNotContain("-----BEGIN").doesNotContain("SUA");

    Reply cutOver = post(site, "/rotate/cutover");
    assertThat(cutOver.status()).as(cutOver.body()).isEqualTo(200);
    assertThat(cutOver.json().get("state").asString()).isEqualTo("cutting_over");
    assertThat(cutOver.json().get("cutOverAt").isNull()).isFalse();
    assertThat(siteUser(site)).isEqualTo(newUser);
    assertThat(bundleCreds(site)).isEqualTo(newCreds);
    assertThat(revocations(site)).containsKey(oldUser).doesNotContainKey(newUser);

    assertThat(health.connected(newUser, OffsetDateTime.now())).isPresent();

    JsonNode completed = site.tenant().api().get(site.path("/rotate")).json();
    assertThat(completed.get("state").asString()).isEqualTo("completed");
    assertThat(completed.get("finishedAt").isNull()).isFalse();
    assertThat(heldKeys(completed.get("id").asString())).isZero();
    assertThat(auditActions(site))
        .containsSubsequence(
            "edge-site.rotate-start", "edge-site.rotate-cutover", "edge-site.rotate-complete");
    List<String> timeline = new ArrayList<>();
    site.tenant()
        .api()
        .get(site.path("/events"))
        .json()
        .forEach(event -> timeline.add(event.get("kind").asString()));
    assertThat(timeline)
        .containsSubsequence(
            "rotation-completed", "connected", "rotation-cutting-over", "rotation-pending");
    assertThat(post(site, "/rotate/rollback").status()).isEqualTo(409);
  }

  @Test
  void rollbackAfterCutOverRestoresTheOldIdentityAndLiftsItsRevocation() {
    Site site = newSite("rollback");
    String oldUser = siteUser(site);
    String oldCreds = bundleCreds(site);
    String newUser = start(site).get("rotation").get("newLeafUser").asString();
    assertThat(post(site, "/rotate/cutover").status()).isEqualTo(200);
    assertThat(revocations(site)).containsKey(oldUser);

    Reply rolledBack =
        site.tenant()
            .api()
            .post(
                site.path("/rotate/rollback"),
                Map.of("reason", "the new leaf user did not connect within 30 s"));

    assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
    assertThat(rolledBack.json().get("state").asString()).isEqualTo("rolled_back");
    assertThat(rolledBack.json().get("finishReason").asString())
        .isEqualTo("the new leaf user did not connect within 30 s");
    assertThat(siteUser(site)).isEqualTo(oldUser);
    assertThat(bundleCreds(site)).isEqualTo(oldCreds);
    assertThat(revocations(site)).containsKey(newUser).doesNotContainKey(oldUser);
    assertThat(heldKeys(rolledBack.json().get("id").asString())).isZero();
    // A late connect of the new user is no site's any more, and completes nothing.
    assertThat(health.connected(newUser, OffsetDateTime.now())).isEmpty();
    assertThat(site.tenant().api().get(site.path("/rotate")).json().get("state").asString())
        .isEqualTo("rolled_back");
    assertThat(auditActions(site)).contains("edge-site.rotate-rollback");
  }

  @Test
  void rollbackWhilePendingRevokesOnlyTheNewUser() {
    Site site = newSite("pending-rollback");
    String oldUser = siteUser(site);
    String newUser = start(site).get("rotation").get("newLeafUser").asString();

    Reply rolledBack = post(site, "/rotate/rollback");

    assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
    assertThat(rolledBack.json().get("finishReason").asString())
        .isEqualTo("rolled back on request");
    assertThat(siteUser(site)).isEqualTo(oldUser);
    assertThat(revocations(site)).containsKey(newUser).doesNotContainKey(oldUser);
    // A new rotation may start once the last one is finished.
    assertThat(post(site, "/rotate").status()).isEqualTo(201);
  }

  @Test
  void illegalMovesAreConflicts() {
    Site site = newSite("illegal");
    assertThat(site.tenant().api().get(site.path("/rotate")).status()).isEqualTo(404);
    Reply noRotation = post(site, "/rotate/cutover");
    assertThat(noRotation.status()).isEqualTo(409);
    assertThat(noRotation.isProblem()).isTrue();
    assertThat(noRotation.text("detail")).contains("no rotation of this site is open");
    assertThat(post(site, "/rotate/rollback").status()).isEqualTo(409);

    start(site);
    Reply twice = post(site, "/rotate");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.text("detail")).contains("already pending");
    assertThat(post(site, "/rotate/cutover").status()).isEqualTo(200);
    Reply again = post(site, "/rotate/cutover");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.text("detail"))
        .isEqualTo("a leaf rotation cannot move from cutting_over to cutting_over");
  }

  @Test
  void anotherTenantsSiteAnswersNotFound() {
    Site site = newSite("owner");
    start(site);
    TenantHandle other = newTenant("intruder");

    for (String suffix : List.of("/rotate", "/rotate/cutover", "/rotate/rollback")) {
      Reply reply = other.api().post(site.path(suffix), null);
      assertThat(reply.status()).as(suffix).isEqualTo(404);
      assertThat(reply.isProblem()).isTrue();
    }
    assertThat(other.api().get(site.path("/rotate")).status()).isEqualTo(404);
    assertThat(site.tenant().api().get(site.path("/rotate")).json().get("state").asString())
        .isEqualTo("pending");
  }

  @Test
  void viewerMaySeeButNotStartARotation() {
    Site site = newSite("viewer");
    start(site);
    Reply token =
        operator.post(
            "/api/v1/tenants/" + site.tenant().id() + "/api-tokens",
            Map.of("name", "viewer", "role", "tenant_viewer"));
    var viewer = site.tenant().api().as(token.text("token"));

    assertThat(viewer.post(site.path("/rotate/cutover"), null).status()).isEqualTo(403);
    assertThat(viewer.get(site.path("/rotate")).status()).isEqualTo(200);
  }

  @Test
  void rollbackReasonMustBeAShortStringAndNothingElse() {
    Site site = newSite("reason");
    start(site);

    assertThat(site.tenant().api().post(site.path("/rotate/rollback"), Map.of("why", "x")).status())
        .isEqualTo(400);
    assertThat(
            site.tenant().api().post(site.path("/rotate/rollback"), Map.of("reason", 5)).status())
        .isEqualTo(400);
    assertThat(
            site.tenant()
                .api()
                .post(site.path("/rotate/rollback"), Map.of("reason", "x".repeat(501)))
                .status())
        .isEqualTo(400);
    assertThat(site.tenant().api().get(site.path("/rotate")).json().get("state").asString())
        .isEqualTo("pending");
  }

  @Test
  void regenerateCancelsAPendingRotationAndRevokesItsNewUser() {
    Site site = newSite("regenerate");
    String oldUser = siteUser(site);
    String newUser = start(site).get("rotation").get("newLeafUser").asString();

    assertThat(post(site, "/regenerate").status()).isEqualTo(200);

    JsonNode rotation = site.tenant().api().get(site.path("/rotate")).json();
    assertThat(rotation.get("state").asString()).isEqualTo("cancelled");
    assertThat(rotation.get("finishReason").asString()).isEqualTo("the site was regenerated");
    assertThat(revocations(site)).containsKeys(oldUser, newUser);
    assertThat(siteUser(site)).isNotIn(oldUser, newUser);
    assertThat(auditActions(site)).contains("edge-site.rotate-cancel");
  }

  @Test
  void deletingASiteWithAPendingRotationRevokesBothUsers() {
    Site site = newSite("delete");
    String oldUser = siteUser(site);
    String newUser = start(site).get("rotation").get("newLeafUser").asString();

    assertThat(site.tenant().api().delete(site.path("")).status()).isEqualTo(204);

    assertThat(revocations(site)).containsKeys(oldUser, newUser);
    assertThat(
            jdbc.sql("SELECT COUNT(*) FROM leaf_rotations WHERE edge_site_id = :id")
                .param("id", UUID.fromString(site.id()))
                .query(Integer.class)
                .single())
        .isZero();
  }

  /** How many key columns a rotation still holds: a finished one must hold none. */
  private int heldKeys(String rotationId) {
    return jdbc.sql(
            """
            SELECT COUNT(*) FROM leaf_rotations
             WHERE id = :id AND (leaf_private_key_sealed IS NOT NULL
                OR server_private_key_sealed IS NOT NULL OR leaf_user_seed_sealed IS NOT NULL)
            """)
        .param("id", UUID.fromString(rotationId))
        .query(Integer.class)
        .single();
  }
}
