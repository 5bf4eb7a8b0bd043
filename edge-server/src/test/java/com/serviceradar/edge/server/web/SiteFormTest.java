package com.serviceradar.edge.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.serviceradar.edge.names.InvalidSlugException;
import com.serviceradar.edge.server.system.ApiProblemException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiteFormTest {

  @Test
  void slugPreviewIsDerivedFromTheName() {
    SiteForm.SlugCheck check = SiteForm.of("NYC Office", "", "", "", "").checkSlug(Set.of());

    assertThat(check.slug()).isEqualTo("nyc-office");
    assertThat(check.error()).isNull();
  }

  @Test
  void aTakenSlugIsReportedWhileTyping() {
    SiteForm.SlugCheck check =
        SiteForm.of("NYC Office", "", "", "", "").checkSlug(Set.of("nyc-office"));

    assertThat(check.error())
        .isEqualTo(
            "An edge site with slug nyc-office already exists in this tenant: choose another slug.");
  }

  @Test
  void anInvalidTypedSlugIsReportedWithTheRule() {
    SiteForm.SlugCheck check = SiteForm.of("NYC", "NYC Office!", "", "", "").checkSlug(Set.of());

    assertThat(check.slug()).isEmpty();
    assertThat(check.error()).isNotBlank();
  }

  @Test
  void aConflictLandsOnTheSlugFieldAndOtherFailuresOnTheirs() {
    SiteForm form = SiteForm.of("NYC Office", "", "ftp://x", "", "");

    assertThat(form.withError(ApiProblemException.conflict("dup")).error("slug"))
        .contains("nyc-office already exists");
    assertThat(form.withError(ApiProblemException.invalid("natsLeafUrl: bad")).error("natsLeafUrl"))
        .isEqualTo("natsLeafUrl: bad");
    assertThat(form.withError(ApiProblemException.invalid("name is required")).error("name"))
        .isEqualTo("name is required");
    assertThat(form.withError(new InvalidSlugException("bad")).error("name")).isEqualTo("bad");
    assertThat(
            form.withError(ApiProblemException.invalid("localListen must look like"))
                .hasAdvancedErrors())
        .isTrue();
  }

  @Test
  void aMonitoringPortThatIsNoNumberIsRefused() {
    assertThatThrownBy(() -> SiteForm.of("NYC", "", "", "", "eighty").toRegistration())
        .isInstanceOf(ApiProblemException.class)
        .hasMessageStartingWith("monitoringPort");
  }

  @Test
  void blankOptionalFieldsLeaveTheDefaultsToTheSiteModule() {
    var registration = SiteForm.of(" NYC ", " ", "", "", "").toRegistration();

    assertThat(registration.name()).isEqualTo("NYC");
    assertThat(registration.slug()).isNull();
    assertThat(registration.localListen()).isNull();
    assertThat(registration.monitoringPort()).isNull();
  }
}
