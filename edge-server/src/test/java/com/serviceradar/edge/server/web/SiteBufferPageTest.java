package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.serviceradar.edge.server.support.ApiTest;
import com.serviceradar.edge.server.support.PageSession;
import com.serviceradar.edge.server.support.PageSession.Page;
import com.serviceradar.edge.server.support.TestDatabases;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;

/** The site page's store-and-forward buffer: what it shows and how its limits change. */
class SiteBufferPageTest {

  @Nested
  @ContextConfiguration(initializers = TestDatabases.H2.class)
  class OnH2 extends ApiTest {

    private PageSession admin(TenantHandle tenant) {
      String username = "admin-" + UUID.randomUUID().toString().substring(0, 8);
      PageSession.createUser(
          operator, tenant.id(), username, "correct horse battery", "tenant_admin");
      return PageSession.signIn(port, username, "correct horse battery");
    }

    private String site(TenantHandle tenant) {
      return tenant.api().post("/api/v1/edge-sites", Map.of("name", "NYC Office")).text("id");
    }

    @Test
    void aNewSitesPageShowsItsDefaultLimitsAndThatTheLeafWasNotReadYet() {
      TenantHandle acme = newTenant("acme");
      String id = site(acme);

      Page page = admin(acme).get("/admin/edge-sites/" + id);

      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body())
          .contains("Store-and-forward buffer")
          .contains("at most 7 days and 1.0 GiB")
          .contains("not read from the leaf yet");
    }

    @Test
    void anAdminChangesTheLimitsInHoursAndMebibytes() {
      TenantHandle acme = newTenant("acme");
      String id = site(acme);
      PageSession admin = admin(acme);
      admin.get("/admin/edge-sites/" + id);

      Page saved =
          admin.post(
              "/admin/edge-sites/" + id + "/buffer",
              Map.of("maxAgeHours", "48", "maxMebibytes", "256"));

      assertThat(saved.status()).isIn(200, 302);
      assertThat(admin.get("/admin/edge-sites/" + id).body())
          .contains("at most 2 days and 256.0 MiB");
      assertThat(
              acme.api()
                  .get("/api/v1/edge-sites/" + id)
                  .json()
                  .get("buffer")
                  .get("maxBytes")
                  .asLong())
          .isEqualTo(256L << 20);
    }

    @Test
    void limitsOutOfRangeAreShownOnTheFormWithA400AndChangeNothing() {
      TenantHandle acme = newTenant("acme");
      String id = site(acme);
      PageSession admin = admin(acme);
      admin.get("/admin/edge-sites/" + id);

      Page refused =
          admin.post(
              "/admin/edge-sites/" + id + "/buffer",
              Map.of("maxAgeHours", "48", "maxMebibytes", "a lot"));

      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body())
          .contains("Buffer size must be a whole number of MiB from 1 to 10240")
          .contains("id=\"buffer-error\"");
      assertThat(
              acme.api()
                  .get("/api/v1/edge-sites/" + id)
                  .json()
                  .get("buffer")
                  .get("maxBytes")
                  .asLong())
          .isEqualTo(1L << 30);
    }
  }
}
