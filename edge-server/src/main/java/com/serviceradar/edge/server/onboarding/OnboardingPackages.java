package com.serviceradar.edge.server.onboarding;

import com.serviceradar.edge.bundle.Bundle;
import com.serviceradar.edge.bundle.CollectorType;
import com.serviceradar.edge.server.audit.AuditLog;
import com.serviceradar.edge.server.audit.AuditRecord;
import com.serviceradar.edge.server.auth.ApiTokens;
import com.serviceradar.edge.server.collector.CollectorPackages;
import com.serviceradar.edge.server.site.EdgeSite;
import com.serviceradar.edge.server.site.EdgeSites;
import com.serviceradar.edge.server.system.Actor;
import com.serviceradar.edge.server.system.ApiProblemException;
import com.serviceradar.edge.server.system.Role;
import com.serviceradar.edge.server.system.SecretToken;
import com.serviceradar.edge.server.system.Timestamps;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Issues join tokens and redeems them exactly once. */
@Service
public class OnboardingPackages {

  static final String JOIN_TOKEN_PREFIX = "srj_";
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(24);
  static final Duration MAX_LIFETIME = Duration.ofDays(7);

  /** A new package and its token; the token is in this response only. */
  public record Issued(OnboardingPackage onboarding, String token) {

    @Override
    public String toString() {
      return "Issued[" + onboarding.id() + "]";
    }
  }

  private final JdbcClient jdbc;
  private final EdgeSites sites;
  private final CollectorPackages collectors;
  private final ApiTokens tokens;
  private final AuditLog auditLog;
  private final Clock clock;
  private final SecureRandom random;

  OnboardingPackages(
      JdbcClient jdbc,
      EdgeSites sites,
      CollectorPackages collectors,
      ApiTokens tokens,
      AuditLog auditLog,
      Clock clock,
      SecureRandom random) {
    this.jdbc = jdbc;
    this.sites = sites;
    this.collectors = collectors;
    this.tokens = tokens;
    this.auditLog = auditLog;
    this.clock = clock;
    this.random = random;
  }

  public Issued issue(Actor actor, String componentType, UUID edgeSiteId, Duration lifetime) {
    UUID tenantId = actor.requireTenant();
    return auditLog.attempt(
        actor,
        "onboarding.create",
        "edge-site:" + edgeSiteId,
        () -> {
          boolean leaf = OnboardingPackage.NATS_LEAF.equals(componentType);
          if (!leaf && !isCollectorType(componentType)) {
            throw ApiProblemException.invalid(
                "componentType must be nats-leaf or a collector type ("
                    + String.join(", ", collectorTypes())
                    + ")");
          }
          if (leaf && edgeSiteId == null) {
            throw ApiProblemException.invalid("edgeSiteId is required for a nats-leaf");
          }
          if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
            throw ApiProblemException.invalid(
                "expiresInHours must be between 1 and " + MAX_LIFETIME.toHours());
          }
          if (edgeSiteId != null) {
            EdgeSite site = sites.find(actor, edgeSiteId);
            if (!leaf && site.natsLeafUrl() == null) {
              throw ApiProblemException.conflict(
                  "edge site "
                      + edgeSiteId
                      + " has no natsLeafUrl for its collectors: set it on the site");
            }
          }
          SecretToken token = SecretToken.generate(JOIN_TOKEN_PREFIX, random);
          OffsetDateTime now = Timestamps.now(clock);
          OnboardingPackage onboarding =
              new OnboardingPackage(
                  UUID.randomUUID(),
                  tenantId,
                  edgeSiteId,
                  componentType,
                  "issued",
                  now.plus(lifetime),
                  now,
                  null,
                  null);
          jdbc.sql(
                  """
                  INSERT INTO onboarding_packages
                    (id, tenant_id, edge_site_id, component_type, token_hash, status, expires_at, created_at, created_by)
                  VALUES (:id, :tenantId, :siteId, :type, :hash, 'issued', :expiresAt, :createdAt, :createdBy)
                  """)
              .param("id", onboarding.id())
              .param("tenantId", tenantId)
              .param("siteId", edgeSiteId)
              .param("type", componentType)
              .param("hash", token.sha256())
              .param("expiresAt", onboarding.expiresAt())
              .param("createdAt", now)
              .param("createdBy", actor.id())
              .update();
          auditLog.record(
              AuditRecord.success(actor, "onboarding.create", "onboarding:" + onboarding.id())
                  .withDetails(
                      Map.of(
                          "componentType", componentType,
                          "edgeSiteId", String.valueOf(edgeSiteId),
                          "expiresAt", onboarding.expiresAt().toString())));
          return new Issued(onboarding, token.value());
        });
  }

  List<OnboardingPackage> list(Actor actor) {
    return jdbc.sql(
            "SELECT * FROM onboarding_packages WHERE tenant_id = :tenantId ORDER BY created_at DESC")
        .param("tenantId", actor.requireTenant())
        .query(OnboardingPackages::map)
        .list();
  }

  /**
   * Redeems a token once: marks it used in one statement (so two concurrent redemptions cannot both
   * win), then hands out the site's bundle (nats-leaf) or a new collector package's bundle. Used or
   * expired → 410; unknown → 404.
   */
  Bundle redeem(String token, String sourceAddress) {
    return claim(
        token,
        sourceAddress,
        (enrollee, onboarding) ->
            OnboardingPackage.NATS_LEAF.equals(onboarding.componentType())
                ? sites.downloadBundle(enrollee, onboarding.edgeSiteId())
                : collectors.enroll(enrollee, onboarding.componentType(), onboarding.edgeSiteId()));
  }

  /**
   * Redeems a {@code nats-leaf} token with the edge host's own keys: certificates for the CSR's
   * key, the leaf user JWT for its nkey; no private key or seed is handed out or stored.
   */
  HostEnrollment redeemWithHostKeys(
      String token, String sourceAddress, String csrPem, String natsPublicKey) {
    return claim(
        token,
        sourceAddress,
        (enrollee, onboarding) -> {
          if (!OnboardingPackage.NATS_LEAF.equals(onboarding.componentType())) {
            throw ApiProblemException.invalid(
                "csr and natsPublicKey are for nats-leaf tokens only");
          }
          EdgeSites.HostKeyEnrollment enrollment =
              sites.enrollWithHostKeys(enrollee, onboarding.edgeSiteId(), csrPem, natsPublicKey);
          ApiTokens.IssuedToken agentToken =
              tokens.issueForSite(
                  enrollee,
                  onboarding.tenantId(),
                  onboarding.edgeSiteId(),
                  "agent of the host enrolled from " + sourceAddress);
          return new HostEnrollment(enrollment, agentToken.token());
        });
  }

  /**
   * A host-keyed enrollment and the site agent token that lets the host keep its configuration
   * current ({@code serviceradar-edge sync}); the token is in this response only.
   */
  record HostEnrollment(EdgeSites.HostKeyEnrollment enrollment, String agentToken) {

    @Override
    public String toString() {
      return "HostEnrollment[" + enrollment.siteId() + "]";
    }
  }

  /**
   * Marks the token used in one statement (so two concurrent redemptions cannot both win), then
   * does what it was issued for, all in one audited transaction. Used or expired → 410; unknown →
   * 404.
   */
  private <T> T claim(
      String token, String sourceAddress, BiFunction<Actor, OnboardingPackage, T> redemption) {
    if (token == null || !token.startsWith(JOIN_TOKEN_PREFIX) || token.length() > 200) {
      throw ApiProblemException.notFound("unknown join token");
    }
    OnboardingPackage onboarding =
        jdbc.sql("SELECT * FROM onboarding_packages WHERE token_hash = :hash")
            .param("hash", SecretToken.sha256(token))
            .query(OnboardingPackages::map)
            .optional()
            .orElseThrow(() -> ApiProblemException.notFound("unknown join token"));
    Actor enrollee =
        new Actor(
            "onboarding:" + onboarding.id(),
            onboarding.tenantId(),
            Role.TENANT_ADMIN,
            sourceAddress);
    return auditLog.attempt(
        enrollee,
        "onboarding.redeem",
        "onboarding:" + onboarding.id(),
        () -> {
          OffsetDateTime now = Timestamps.now(clock);
          int claimed =
              jdbc.sql(
                      """
                      UPDATE onboarding_packages SET status = 'redeemed', redeemed_at = :now, redeemed_from = :source
                       WHERE id = :id AND status = 'issued' AND expires_at > :now
                      """)
                  .param("now", now)
                  .param("source", sourceAddress)
                  .param("id", onboarding.id())
                  .update();
          if (claimed == 0) {
            throw ApiProblemException.gone(
                "redeemed".equals(onboarding.status())
                    ? "this join token was already used"
                    : "this join token has expired");
          }
          auditLog.record(
              AuditRecord.success(enrollee, "onboarding.redeem", "onboarding:" + onboarding.id())
                  .withDetails(
                      Map.of(
                          "componentType", onboarding.componentType(),
                          "edgeSiteId", String.valueOf(onboarding.edgeSiteId()))));
          return redemption.apply(enrollee, onboarding);
        });
  }

  Optional<OnboardingPackage> find(Actor actor, UUID id) {
    return jdbc.sql("SELECT * FROM onboarding_packages WHERE tenant_id = :tenantId AND id = :id")
        .param("tenantId", actor.requireTenant())
        .param("id", id)
        .query(OnboardingPackages::map)
        .optional();
  }

  private static boolean isCollectorType(String componentType) {
    return componentType != null && collectorTypes().contains(componentType);
  }

  private static List<String> collectorTypes() {
    return Arrays.stream(CollectorType.values()).map(CollectorType::wireName).toList();
  }

  private static OnboardingPackage map(ResultSet rs, int row) throws SQLException {
    return new OnboardingPackage(
        rs.getObject("id", UUID.class),
        rs.getObject("tenant_id", UUID.class),
        rs.getObject("edge_site_id", UUID.class),
        rs.getString("component_type"),
        rs.getString("status"),
        rs.getObject("expires_at", OffsetDateTime.class),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("redeemed_at", OffsetDateTime.class),
        rs.getString("redeemed_from"));
  }
}
