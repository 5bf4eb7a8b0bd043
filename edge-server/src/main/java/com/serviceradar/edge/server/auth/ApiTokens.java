package com.serviceradar.edge.server.auth;

import com.serviceradar.edge.server.audit.AuditLog;
import com.serviceradar.edge.server.audit.AuditRecord;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.DisplayName;
import com.serviceradar.edge.server.system.Role;
import com.serviceradar.edge.server.system.SecretToken;
import com.serviceradar.edge.server.system.Timestamps;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues API tokens and recognises presented ones. The clear token exists only in the issue
 * response.
 */
@Service
public class ApiTokens {

  static final String API_TOKEN_PREFIX = "sre_";

  /** A freshly issued token; {@code token} is the only copy of the secret and is shown once. */
  public record IssuedToken(
      UUID id, UUID tenantId, String name, Role role, String token, OffsetDateTime createdAt) {

    @Override
    public String toString() {
      return "IssuedToken[id="
          + id
          + ", tenantId="
          + tenantId
          + ", name="
          + name
          + ", role="
          + role
          + "]";
    }
  }

  /** A token as listed: never its secret or hash. {@code revokedAt} is null while it works. */
  public record TokenInfo(
      UUID id,
      UUID tenantId,
      UUID edgeSiteId,
      String name,
      Role role,
      OffsetDateTime createdAt,
      String createdBy,
      OffsetDateTime revokedAt) {}

  private final ApiTokenRepository repository;
  private final AuditLog auditLog;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  ApiTokens(ApiTokenRepository repository, AuditLog auditLog, Clock clock) {
    this.repository = repository;
    this.auditLog = auditLog;
    this.clock = clock;
  }

  /**
   * Issues a tenant-scoped token; the caller has already checked that the tenant exists for the
   * actor.
   */
  @Transactional
  public IssuedToken issueForTenant(Actor actor, UUID tenantId, String name, Role role) {
    if (role.isSiteScoped()) {
      throw ApiProblemException.invalid(
          "a site_agent token belongs to one site: POST /api/v1/edge-sites/{id}/agent-tokens");
    }
    if (!role.isTenantScoped()) {
      throw ApiProblemException.invalid("role must be tenant_admin or tenant_viewer");
    }
    return issue(actor, tenantId, null, name, role);
  }

  /**
   * Issues a {@code site_agent} token for one site of the tenant; the caller has already checked
   * that the site exists for the actor. It may read that site's configuration and nothing else.
   */
  @Transactional
  public IssuedToken issueForSite(Actor actor, UUID tenantId, UUID edgeSiteId, String name) {
    return issue(actor, tenantId, edgeSiteId, name, Role.SITE_AGENT);
  }

  private IssuedToken issue(Actor actor, UUID tenantId, UUID edgeSiteId, String name, Role role) {
    String trimmedName = DisplayName.require("name", name);
    SecretToken secret = SecretToken.generate(API_TOKEN_PREFIX, random);
    OffsetDateTime now = Timestamps.now(clock);
    ApiTokenRepository.StoredToken token =
        new ApiTokenRepository.StoredToken(
            UUID.randomUUID(), tenantId, trimmedName, role, edgeSiteId);
    repository.insert(token, secret.sha256(), now, actor.id());
    Map<String, String> details =
        new TreeMap<>(Map.of("name", trimmedName, "role", role.wireName()));
    if (edgeSiteId != null) {
      details.put("edgeSiteId", edgeSiteId.toString());
    }
    auditLog.record(
        AuditRecord.success(actor, "api-token.create", "api-token:" + token.id())
            .forTenant(tenantId)
            .withDetails(details));
    return new IssuedToken(token.id(), tenantId, trimmedName, role, secret.value(), now);
  }

  /** The tenant's tokens (the caller has checked the tenant is visible to the actor). */
  public List<TokenInfo> list(UUID tenantId) {
    return repository.list(tenantId);
  }

  /**
   * Revokes one of the tenant's tokens at once: the next request presenting it is refused. A site
   * agent token of a lost or compromised edge host is revoked this way without touching its site.
   */
  @Transactional
  public void revoke(Actor actor, UUID tenantId, UUID tokenId) {
    TokenInfo token =
        repository.list(tenantId).stream()
            .filter(candidate -> candidate.id().equals(tokenId))
            .findFirst()
            .orElseThrow(() -> ApiProblemException.notFound("no such API token in this tenant"));
    if (!repository.revoke(tenantId, tokenId, Timestamps.now(clock))) {
      throw ApiProblemException.conflict("API token " + tokenId + " is already revoked");
    }
    auditLog.record(
        AuditRecord.success(actor, "api-token.revoke", "api-token:" + tokenId)
            .forTenant(tenantId)
            .withDetails(Map.of("name", token.name(), "role", token.role().wireName())));
  }

  Optional<ApiTokenRepository.StoredToken> authenticate(String presented) {
    if (presented == null || presented.isBlank() || presented.length() > 200) {
      return Optional.empty();
    }
    return repository.findActiveByHash(SecretToken.sha256(presented));
  }
}
