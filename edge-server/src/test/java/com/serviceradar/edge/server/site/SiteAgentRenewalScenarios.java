package com.serviceradar.edge.server.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.pki.Pem;
import com.serviceradar.edge.server.support.ApiClient;
import com.serviceradar.edge.server.support.ApiClient.Reply;
import com.serviceradar.edge.server.support.ApiTest;
import com.serviceradar.edge.server.support.HostKeyRequest;
import io.nats.client.support.JwtUtils;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Hands-off renewal's API: a site's agent token starts, cuts over and rolls back rotations of its
 * own site only, and a site whose edge host holds its keys renews with new ones made there; run on
 * H2 and PostgreSQL. The monitor's confirmation is given as in {@link LeafRotationScenarios}.
 */
abstract class SiteAgentRenewalScenarios extends ApiTest {

  @Autowired JdbcClient jdbc;
  @Autowired SiteHealth health;

  private record Site(TenantHandle tenant, String id) {
    String path(String suffix) {
      return "/api/v1/edge-sites/" + id + suffix;
    }
  }

  private static Site newSite(TenantHandle tenant, String name) {
    Reply created = tenant.api().post("/api/v1/edge-sites", Map.of("name", name));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Site(tenant, created.text("id"));
  }

  private ApiClient agentOf(Site site) {
    Reply issued = site.tenant().api().post(site.path("/agent-tokens"), Map.of());
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    return operator.as(issued.text("token"));
  }

  /** Enrolls the site with host keys; answers the agent token the enrollment hands out. */
  private ApiClient enrolledWithHostKeys(Site site, HostKeyRequest keys) {
    Reply joinToken =
        site.tenant()
            .api()
            .post(
                "/api/v1/onboarding-packages",
                Map.of("componentType", "nats-leaf", "edgeSiteId", site.id()));
    Reply enrolled =
        operator
            .as(null)
            .post(
                "/api/v1/enroll",
                Map.of(
                    "token",
                    joinToken.text("token"),
                    "csr",
                    keys.csr(),
                    "natsPublicKey",
                    keys.natsPublicKey()));
    assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
    return operator.as(enrolled.text("agentToken"));
  }

  private String siteUser(Site site) {
    return jdbc.sql("SELECT leaf_user_public_key FROM nats_leaf_servers WHERE edge_site_id = :id")
        .param("id", UUID.fromString(site.id()))
        .query(String.class)
        .single();
  }

  private static Reply startWith(ApiClient agent, Site site, HostKeyRequest keys) {
    Map<String, Object> body = new HashMap<>();
    body.put("csr", keys.csr());
    body.put("natsPublicKey", keys.natsPublicKey());
    return agent.post(site.path("/rotate"), body);
  }

  @Test
  void aSiteAgentRenewsItsOwnSiteThroughTheRotationProtocol() {
    Site site = newSite(newTenant("agent-renews"), "NYC Office");
    ApiClient agent = agentOf(site);
    String oldUser = siteUser(site);

    Reply started = agent.post(site.path("/rotate"), Map.of());
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String newUser = started.json().get("rotation").get("newLeafUser").asString();
    assertThat(started.json().get("files").has("creds/tenant.creds")).isTrue();
    assertThat(started.json().has("userJwt")).isFalse();
    assertThat(agent.get(site.path("/rotate")).json().get("state").asString()).isEqualTo("pending");
    Reply cutOver = agent.post(site.path("/rotate/cutover"), null);
    assertThat(cutOver.status()).as(cutOver.body()).isEqualTo(200);
    assertThat(siteUser(site)).isEqualTo(newUser).isNotEqualTo(oldUser);
    assertThat(health.connected(newUser, OffsetDateTime.now())).isPresent();

    assertThat(agent.get(site.path("/rotate")).json().get("state").asString())
        .isEqualTo("completed");
    assertThat(
            operator
                .get(
                    "/api/v1/audit-events?tenantId="
                        + site.tenant().id()
                        + "&action=edge-site.rotate-start")
                .body())
        .contains("site_agent");
  }

  @Test
  void aSiteAgentMayNotRotateAnotherSiteOfItsTenant() {
    TenantHandle acme = newTenant("agent-other");
    Site own = newSite(acme, "NYC Office");
    Site other = newSite(acme, "Chicago DC");
    ApiClient agent = agentOf(own);
    Reply othersRotation = acme.api().post(other.path("/rotate"), null);
    assertThat(othersRotation.status()).isEqualTo(201);

    for (String suffix : List.of("/rotate", "/rotate/cutover", "/rotate/rollback")) {
      Reply reply = agent.post(other.path(suffix), null);
      assertThat(reply.status()).as(suffix).isEqualTo(404);
      assertThat(reply.isProblem()).isTrue();
    }
    assertThat(agent.get(other.path("/rotate")).status()).isEqualTo(404);
    assertThat(acme.api().get(other.path("/rotate")).json().get("state").asString())
        .isEqualTo("pending");
    // Its own site's rollback answers as for an admin.
    assertThat(agent.post(own.path("/rotate/rollback"), null).status()).isEqualTo(409);
  }

  @Test
  void aHostKeyedSiteRenewsWithNewKeysMadeOnItsHostAndNoKeyLeavesIt() throws Exception {
    Site site = newSite(newTenant("host-keyed"), "NYC Office");
    HostKeyRequest enrolledKeys = HostKeyRequest.fresh();
    ApiClient agent = enrolledWithHostKeys(site, enrolledKeys);
    HostKeyRequest renewed = HostKeyRequest.fresh();

    Reply started = startWith(agent, site, renewed);

    assertThat(started.status()).as(started.body()).isEqualTo(201);
    JsonNode rotation = started.json().get("rotation");
    assertThat(rotation.get("oldLeafUser").asString()).isEqualTo(enrolledKeys.natsPublicKey());
    assertThat(rotation.get("newLeafUser").asString()).isEqualTo(renewed.natsPublicKey());
    assertThat(started.json().get("files").propertyNames())
        .containsExactlyInAnyOrder(
            "nats/nats-leaf.conf",
            "nats/certs/nats-leaf.pem",
            "nats/certs/nats-server.pem",
            "nats/certs/ca-chain.pem",
            "setup.sh",
            "README.md");
    assertThat(started.body()).doesNotContain("PRIVATE KEY").doesNotContain("NKEY SEED");
    String userJwt = started.json().get("userJwt").asString();
    assertThat(JwtUtils.getClaimBody(userJwt)).contains(renewed.natsPublicKey());
    String newLeafCert = started.json().get("files").get("nats/certs/nats-leaf.pem").asString();
    assertThat(Pem.decodeCertificates(newLeafCert).get(0).getPublicKey().getEncoded())
        .isEqualTo(
            Pem.decodeCertificateRequest(renewed.csr()).getSubjectPublicKeyInfo().getEncoded());

    assertThat(agent.post(site.path("/rotate/cutover"), null).status()).isEqualTo(200);
    assertThat(siteUser(site)).isEqualTo(renewed.natsPublicKey());
    Reply hostConfig = agent.get(site.path("/host-config"));
    assertThat(hostConfig.json().get("userJwt").asString()).isEqualTo(userJwt);
    assertThat(hostConfig.json().get("files").get("nats/certs/nats-leaf.pem").asString())
        .isEqualTo(newLeafCert);
    assertThat(health.connected(renewed.natsPublicKey(), OffsetDateTime.now())).isPresent();
    assertThat(agent.get(site.path("/rotate")).json().get("state").asString())
        .isEqualTo("completed");
  }

  @Test
  void aHostKeyedRenewalRolledBackAfterCutOverRestoresTheEnrolledIdentity() {
    Site site = newSite(newTenant("host-rollback"), "NYC Office");
    HostKeyRequest enrolledKeys = HostKeyRequest.fresh();
    ApiClient agent = enrolledWithHostKeys(site, enrolledKeys);
    String enrolledJwt = agent.get(site.path("/host-config")).json().get("userJwt").asString();
    assertThat(startWith(agent, site, HostKeyRequest.fresh()).status()).isEqualTo(201);
    assertThat(agent.post(site.path("/rotate/cutover"), null).status()).isEqualTo(200);

    Reply rolledBack = agent.post(site.path("/rotate/rollback"), Map.of("reason", "no link"));

    assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
    assertThat(siteUser(site)).isEqualTo(enrolledKeys.natsPublicKey());
    assertThat(agent.get(site.path("/host-config")).json().get("userJwt").asString())
        .isEqualTo(enrolledJwt);
  }

  @Test
  void aRenewalSendsKeysExactlyAsTheSiteEnrolled() {
    TenantHandle tenant = newTenant("renewal-keys");
    Site hostKeyed = newSite(tenant, "NYC Office");
    HostKeyRequest enrolledKeys = HostKeyRequest.fresh();
    ApiClient agent = enrolledWithHostKeys(hostKeyed, enrolledKeys);
    Site serverKeyed = newSite(tenant, "Chicago DC");
    HostKeyRequest fresh = HostKeyRequest.fresh();

    Reply withoutKeys = agent.post(hostKeyed.path("/rotate"), null);
    Reply sameKey =
        startWith(agent, hostKeyed, new HostKeyRequest(fresh.csr(), enrolledKeys.natsPublicKey()));
    Reply badCsr =
        startWith(agent, hostKeyed, new HostKeyRequest("not a csr", fresh.natsPublicKey()));
    Reply badKey = startWith(agent, hostKeyed, new HostKeyRequest(fresh.csr(), "Unope"));
    Reply onlyCsr = agent.post(hostKeyed.path("/rotate"), Map.of("csr", fresh.csr()));
    Reply unknownField = agent.post(hostKeyed.path("/rotate"), Map.of("key", "x"));
    Reply notText = agent.post(hostKeyed.path("/rotate"), Map.of("csr", 5, "natsPublicKey", "U"));
    Reply keysForServerKeyed = startWith(tenant.api(), serverKeyed, fresh);

    assertThat(withoutKeys.status()).isEqualTo(409);
    assertThat(withoutKeys.text("detail")).contains("csr").contains("natsPublicKey");
    assertThat(sameKey.status()).isEqualTo(400);
    assertThat(sameKey.text("detail")).contains("natsPublicKey");
    assertThat(badCsr.status()).isEqualTo(400);
    assertThat(badCsr.text("detail")).contains("csr");
    assertThat(badKey.status()).isEqualTo(400);
    assertThat(badKey.text("detail")).contains("natsPublicKey");
    assertThat(onlyCsr.status()).isEqualTo(400);
    assertThat(onlyCsr.text("detail")).contains("natsPublicKey");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.text("detail")).contains("'key'");
    assertThat(notText.status()).isEqualTo(400);
    assertThat(notText.text("detail")).contains("csr");
    assertThat(keysForServerKeyed.status()).isEqualTo(409);
    assertThat(keysForServerKeyed.text("detail")).contains("without csr");
    for (Reply refused :
        List.of(withoutKeys, sameKey, badCsr, badKey, onlyCsr, unknownField, keysForServerKeyed)) {
      assertThat(refused.isProblem()).isTrue();
    }
    assertThat(agent.get(hostKeyed.path("/rotate")).status()).isEqualTo(404);
  }

  @Test
  void aRolledBackRenewalRaisesRenewalFailedUntilARenewalCompletes() {
    Site site = newSite(newTenant("renewal-failed"), "NYC Office");
    ApiClient agent = agentOf(site);
    assertThat(agent.post(site.path("/rotate"), Map.of()).status()).isEqualTo(201);
    assertThat(agent.post(site.path("/rotate/cutover"), null).status()).isEqualTo(200);

    Reply rolledBack =
        agent.post(site.path("/rotate/rollback"), Map.of("reason", "the hub did not see it"));

    assertThat(rolledBack.status()).isEqualTo(200);
    JsonNode condition = condition(site, "renewal_failed");
    assertThat(condition).isNotNull();
    assertThat(condition.get("severity").asString()).isEqualTo("warning");
    assertThat(condition.get("detail").asString()).contains("the hub did not see it");
    assertThat(fleetRenewals("failed")).contains(site.id());
    assertThat(timeline(site)).contains("condition-raised", "rotation-rolled-back");

    Reply again = agent.post(site.path("/rotate"), Map.of());
    String newUser = again.json().get("rotation").get("newLeafUser").asString();
    assertThat(agent.post(site.path("/rotate/cutover"), null).status()).isEqualTo(200);
    assertThat(health.connected(newUser, OffsetDateTime.now())).isPresent();

    assertThat(condition(site, "renewal_failed")).isNull();
    assertThat(fleetRenewals("failed")).doesNotContain(site.id());
    assertThat(fleetRenewals("done")).contains(site.id());
    JsonNode completed = timelineEntry(site, "rotation-completed");
    assertThat(completed.get("detail").asString())
        .startsWith("renewed: leaf user " + newUser)
        .contains("valid until");
    assertThat(timeline(site)).contains("condition-cleared");
  }

  @Test
  void theFleetListsALeafExpiringWithin30DaysAsDue() {
    Site site = newSite(newTenant("renewal-due"), "NYC Office");
    assertThat(fleetRenewals("due")).doesNotContain(site.id());

    jdbc.sql("UPDATE nats_leaf_servers SET cert_expires_at = :at WHERE edge_site_id = :id")
        .param("at", OffsetDateTime.now().plusDays(10))
        .param("id", UUID.fromString(site.id()))
        .update();

    assertThat(fleetRenewals("due")).contains(site.id());
    assertThat(site.tenant().api().get("/api/v1/fleet/renewals").status()).isEqualTo(403);
  }

  private JsonNode condition(Site site, String kind) {
    for (JsonNode condition : site.tenant().api().get(site.path("")).json().get("conditions")) {
      if (kind.equals(condition.get("kind").asString())) {
        return condition;
      }
    }
    return null;
  }

  /** The site ids the fleet lists under {@code due}, {@code done} or {@code failed}. */
  private List<String> fleetRenewals(String list) {
    Reply renewals = operator.get("/api/v1/fleet/renewals");
    assertThat(renewals.status()).as(renewals.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    renewals.json().get(list).forEach(item -> ids.add(item.get("siteId").asString()));
    return ids;
  }

  private List<String> timeline(Site site) {
    List<String> kinds = new ArrayList<>();
    site.tenant()
        .api()
        .get(site.path("/events"))
        .json()
        .forEach(event -> kinds.add(event.get("kind").asString()));
    return kinds;
  }

  private JsonNode timelineEntry(Site site, String kind) {
    for (JsonNode event : site.tenant().api().get(site.path("/events")).json()) {
      if (kind.equals(event.get("kind").asString())) {
        return event;
      }
    }
    throw new AssertionError("no " + kind + " on the timeline of " + site.id());
  }
}
