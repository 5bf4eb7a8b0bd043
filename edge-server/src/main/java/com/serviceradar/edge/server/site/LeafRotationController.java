package com.serviceradar.edge.server.site;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.TenantAdminOrSiteAgent;
import com.serviceradar.edge.server.system.TenantReaderOrSiteAgent;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Zero-downtime renewal of a site's leaf identity ({@link LeafRotations}): {@code POST .../rotate}
 * starts one and answers the new files once, {@code POST .../rotate/cutover} switches to it, the
 * monitor completes it, {@code POST .../rotate/rollback} gives it up; {@code GET .../rotate} shows
 * the latest.
 */
@RestController
@RequestMapping("/api/v1/edge-sites/{siteId}/rotate")
class LeafRotationController {

  static final int MAX_REASON_LENGTH = 500;

  record RotationJson(
      UUID id,
      UUID siteId,
      String state,
      String oldLeafUser,
      String newLeafUser,
      OffsetDateTime newCertExpiresAt,
      OffsetDateTime startedAt,
      OffsetDateTime cutOverAt,
      OffsetDateTime finishedAt,
      String finishReason) {

    static RotationJson of(LeafRotation rotation) {
      return new RotationJson(
          rotation.id(),
          rotation.siteId(),
          rotation.state().wireName(),
          rotation.oldUserPublicKey(),
          rotation.newUserPublicKey(),
          rotation.newCertExpiresAt(),
          rotation.startedAt(),
          rotation.cutOverAt(),
          rotation.finishedAt(),
          rotation.finishReason());
    }
  }

  /**
   * @param files the new identity's files by bundle path ({@code nats/...}, {@code creds/...}),
   *     private keys and creds included when the control plane holds them: install each at the path
   *     the installed conf names
   * @param userJwt for a host-keyed site, the new leaf user JWT for the host's new nkey (its creds
   *     are written on the host); absent otherwise
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record StartedJson(RotationJson rotation, Map<String, String> files, String userJwt) {}

  private final LeafRotations rotations;

  LeafRotationController(LeafRotations rotations) {
    this.rotations = rotations;
  }

  /**
   * The body is optional; a site whose edge host holds its keys sends {@code {"csr": "<PEM>",
   * "natsPublicKey": "U..."}}, both made anew on the host.
   */
  // It hands out the leaf's new keys, which its agent may already download: hands-off renewal.
  @TenantAdminOrSiteAgent
  @PostMapping
  ResponseEntity<StartedJson> start(
      @AuthenticationPrincipal Actor actor,
      @PathVariable UUID siteId,
      @RequestBody(required = false) JsonNode body) {
    LeafRotations.Started started = rotations.start(actor, siteId, hostKeysFrom(body));
    return ResponseEntity.created(URI.create("/api/v1/edge-sites/" + siteId + "/rotate"))
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(
            new StartedJson(
                RotationJson.of(started.rotation()), started.files(), started.userJwt()));
  }

  @TenantReaderOrSiteAgent
  @GetMapping
  RotationJson current(@AuthenticationPrincipal Actor actor, @PathVariable UUID siteId) {
    return RotationJson.of(rotations.current(actor, siteId));
  }

  @TenantAdminOrSiteAgent
  @PostMapping("/cutover")
  RotationJson cutOver(@AuthenticationPrincipal Actor actor, @PathVariable UUID siteId) {
    return RotationJson.of(rotations.cutOver(actor, siteId));
  }

  /** The body is optional: {@code {"reason": "..."}} is kept with the rotation and audited. */
  @TenantAdminOrSiteAgent
  @PostMapping("/rollback")
  RotationJson rollBack(
      @AuthenticationPrincipal Actor actor,
      @PathVariable UUID siteId,
      @RequestBody(required = false) JsonNode body) {
    return RotationJson.of(rotations.rollBack(actor, siteId, reasonFrom(body)));
  }

  private static Optional<LeafProvisioner.NewHostKeys> hostKeysFrom(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return Optional.empty();
    }
    requireOnly(body, Set.of("csr", "natsPublicKey"));
    Optional<String> csr = optionalText(body, "csr");
    Optional<String> natsPublicKey = optionalText(body, "natsPublicKey");
    if (csr.isPresent() != natsPublicKey.isPresent()) {
      throw ApiProblemException.invalid(
          "field '"
              + (csr.isPresent() ? "natsPublicKey" : "csr")
              + "' is required with '"
              + (csr.isPresent() ? "csr" : "natsPublicKey")
              + "': a host-keyed renewal sends both");
    }
    return csr.map(pem -> new LeafProvisioner.NewHostKeys(pem, natsPublicKey.orElseThrow()));
  }

  private static void requireOnly(JsonNode body, Set<String> known) {
    if (!body.isObject()) {
      throw ApiProblemException.invalid("request body must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!known.contains(field.getKey())) {
        throw ApiProblemException.invalid("unknown field '" + field.getKey() + "'");
      }
    }
  }

  private static Optional<String> optionalText(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    if (!value.isString() || value.asString().isBlank()) {
      throw ApiProblemException.invalid("field '" + field + "' must be a non-empty string");
    }
    return Optional.of(value.asString());
  }

  private static String reasonFrom(JsonNode body) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return "rolled back on request";
    }
    requireOnly(body, Set.of("reason"));
    JsonNode reason = body.get("reason");
    if (reason == null) {
      return "rolled back on request";
    }
    if (!reason.isString() || reason.asString().isBlank()) {
      throw ApiProblemException.invalid("field 'reason' must be a non-empty string");
    }
    if (reason.asString().length() > MAX_REASON_LENGTH) {
      throw ApiProblemException.invalid(
          "field 'reason' must be at most " + MAX_REASON_LENGTH + " characters");
    }
    return reason.asString();
  }
}
