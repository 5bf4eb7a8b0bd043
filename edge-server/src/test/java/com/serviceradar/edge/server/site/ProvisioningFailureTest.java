package com.serviceradar.edge.server.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;

import com.serviceradar.edge.server.support.ApiClient.Reply;
import com.serviceradar.edge.server.support.ApiTest;
import com.serviceradar.edge.server.support.TestDatabases;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/** Provisioning is part of creating a site: when it fails, nothing of the site remains. */
@ContextConfiguration(initializers = TestDatabases.H2.class)
class ProvisioningFailureTest extends ApiTest {

  @MockitoSpyBean LeafProvisioner provisioner;
  @Autowired JdbcClient jdbc;

  @Test
  void aFailedProvisioningLeavesNoHalfProvisionedSite() {
    TenantHandle acme = newTenant("acme");
    doThrow(new IllegalStateException("the tenant CA is unavailable"))
        .when(provisioner)
        .issue(any(), any(), any(), any());

    Reply reply = acme.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office"));

    assertThat(reply.status()).isEqualTo(500);
    assertThat(reply.isProblem()).isTrue();
    assertThat(reply.body()).doesNotContain("tenant CA is unavailable");
    assertThat(acme.api().get("/api/v1/edge-sites").json().size()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM edge_sites").query(Long.class).single()).isZero();
    assertThat(jdbc.sql("SELECT COUNT(*) FROM nats_leaf_servers").query(Long.class).single())
        .isZero();
    var newest =
        acme.api().get("/api/v1/audit-events?action=edge-site.create").json().get("items").get(0);
    assertThat(newest.get("outcome").asString()).isEqualTo("failure");
  }
}
