package com.serviceradar.edge.server.onboarding;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.server.site.EdgeSites;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.BundleDownloads;
import com.serviceradar.edge.server.system.Public;
import com.serviceradar.edge.server.system.TenantAdmin;
import com.serviceradar.edge.server.system.TenantReader;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class OnboardingController {

  /**
   * @param expiresInHours the token's lifetime, 24 when absent, at most a week
   */
  record NewOnboarding(String componentType, UUID edgeSiteId, Integer expiresInHours) {}

  /** {@code token} is only ever in the response that creates it. */
  record OnboardingJson(
      UUID id,
      UUID tenantId,
      UUID edgeSiteId,
      String componentType,
      String status,
      OffsetDateTime expiresAt,
      OffsetDateTime createdAt,
      OffsetDateTime redeemedAt,
      String redeemedFrom,
      String token) {

    static OnboardingJson of(OnboardingPackage onboarding, String token) {
      return new OnboardingJson(
          onboarding.id(),
          onboarding.tenantId(),
          onboarding.edgeSiteId(),
          onboarding.componentType(),
          onboarding.status(),
          onboarding.expiresAt(),
          onboarding.createdAt(),
          onboarding.redeemedAt(),
          onboarding.redeemedFrom(),
          token);
    }

    @Override
    public String toString() {
      return "OnboardingJson[" + id + "]";
    }
  }

  /**
   * @param csr a PEM certificate request for the edge host's P-256 key (optional, with
   *     natsPublicKey)
   * @param natsPublicKey the edge host's NATS user public key (optional, with csr)
   */
  record Enrollment(String token, String csr, String natsPublicKey) {

    @Override
    public String toString() {
      return "Enrollment[****]";
    }
  }

  /**
   * A host-keyed enrollment: the files to install, the leaf user JWT for the host's nkey, the
   * configuration's checksum, and a {@code site_agent} token, shown only here.
   */
  record HostEnrollmentJson(
      UUID siteId,
      String topFolder,
      Map<String, String> files,
      String userJwt,
      String configChecksum,
      String agentToken) {

    static HostEnrollmentJson of(OnboardingPackages.HostEnrollment enrolled) {
      EdgeSites.HostKeyEnrollment enrollment = enrolled.enrollment();
      return new HostEnrollmentJson(
          enrollment.siteId(),
          enrollment.topFolder(),
          enrollment.files(),
          enrollment.userJwt(),
          enrollment.configChecksum(),
          enrolled.agentToken());
    }

    @Override
    public String toString() {
      return "HostEnrollmentJson[" + siteId + "]";
    }
  }

  private final OnboardingPackages onboardings;

  OnboardingController(OnboardingPackages onboardings) {
    this.onboardings = onboardings;
  }

  @TenantAdmin
  @PostMapping("/api/v1/onboarding-packages")
  ResponseEntity<OnboardingJson> create(
      @AuthenticationPrincipal Actor actor, @RequestBody NewOnboarding request) {
    Duration lifetime =
        request.expiresInHours() == null
            ? OnboardingPackages.DEFAULT_LIFETIME
            : Duration.ofHours(request.expiresInHours());
    OnboardingPackages.Issued issued =
        onboardings.issue(actor, request.componentType(), request.edgeSiteId(), lifetime);
    return ResponseEntity.created(
            URI.create("/api/v1/onboarding-packages/" + issued.onboarding().id()))
        .body(OnboardingJson.of(issued.onboarding(), issued.token()));
  }

  @TenantReader
  @GetMapping("/api/v1/onboarding-packages")
  List<OnboardingJson> list(@AuthenticationPrincipal Actor actor) {
    return onboardings.list(actor).stream()
        .map(onboarding -> OnboardingJson.of(onboarding, null))
        .toList();
  }

  @TenantReader
  @GetMapping("/api/v1/onboarding-packages/{id}")
  OnboardingJson show(@AuthenticationPrincipal Actor actor, @PathVariable UUID id) {
    return onboardings
        .find(actor, id)
        .map(onboarding -> OnboardingJson.of(onboarding, null))
        .orElseThrow(() -> ApiProblemException.notFound("no onboarding package " + id));
  }

  /**
   * Redeems a join token; no bearer token needed, the join token is the credential. With {@code
   * csr} and {@code natsPublicKey} (nats-leaf only) the answer is JSON: the files to install and
   * the leaf user JWT, issued for the host's keys. Otherwise, for a {@code nats-leaf} the answer is
   * the site's bundle, as {@code GET /api/v1/edge-sites/{id}/bundle} gives it.
   */
  @Public(
      "an edge host enrolls before it has a token: the one-time join token in the body is its credential")
  @PostMapping("/api/v1/enroll")
  ResponseEntity<?> enroll(@RequestBody Enrollment request, HttpServletRequest http) {
    if ((request.csr() == null) != (request.natsPublicKey() == null)) {
      throw ApiProblemException.invalid("send csr and natsPublicKey together, or neither");
    }
    if (request.csr() != null) {
      return ResponseEntity.ok()
          .header(HttpHeaders.CACHE_CONTROL, "no-store")
          .body(
              HostEnrollmentJson.of(
                  onboardings.redeemWithHostKeys(
                      request.token(),
                      http.getRemoteAddr(),
                      request.csr(),
                      request.natsPublicKey())));
    }
    Bundle bundle = onboardings.redeem(request.token(), http.getRemoteAddr());
    return BundleDownloads.attachment(bundle);
  }
}
