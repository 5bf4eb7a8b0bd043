package com.serviceradar.edge.server.site;

import com.serviceradar.edge.names.LeafNames;
import com.serviceradar.edge.names.SiteSlug;
import com.serviceradar.edge.names.TenantSlug;
import com.serviceradar.edge.server.system.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the hub observes of each site's leaf, written down: connected and disconnected (with the
 * legal moves of {@link LeafServerStatus} and {@link SiteStatus}), last seen, the timeline, and
 * conditions. The monitor calls this; it never decides state itself.
 */
@Service
public class SiteHealth {

  /** Why reconciliation marks a leaf disconnected: the hub no longer lists its link. */
  public static final String NOT_LISTED_BY_HUB =
      "not connected to the hub (found by reconciliation)";

  /** A leaf as the hub reports it. */
  public record ObservedLeaf(
      String userKey, String nameTag, String certSha256, String certSubject) {}

  private record LeafRow(
      UUID siteId,
      UUID tenantId,
      UUID leafId,
      SiteStatus siteStatus,
      LeafServerStatus leafStatus,
      String issuedCertSha256,
      String issuedNameTag,
      boolean silent,
      OffsetDateTime linkStartedAt) {}

  private final JdbcClient jdbc;
  private final SiteConditions conditions;
  private final SiteTimeline timeline;
  private final Clock clock;

  SiteHealth(JdbcClient jdbc, SiteConditions conditions, SiteTimeline timeline, Clock clock) {
    this.jdbc = jdbc;
    this.conditions = conditions;
    this.timeline = timeline;
    this.clock = clock;
  }

  /** The leaf with this user connected to the hub. Empty when the user is no current site's. */
  @Transactional
  public Optional<UUID> connected(String userKey, OffsetDateTime at) {
    return leafOfUser(userKey)
        .map(
            leaf -> {
              if (leaf.silent()) {
                heardFrom(userKey);
              }
              if (leaf.leafStatus() != LeafServerStatus.CONNECTED) {
                jdbc.sql(
                        """
                        UPDATE nats_leaf_servers SET status = :status, connected_at = :at, updated_at = :now
                         WHERE id = :id
                        """)
                    .param(
                        "status", leaf.leafStatus().moveTo(LeafServerStatus.CONNECTED).wireName())
                    .param("at", at)
                    .param("now", Timestamps.now(clock))
                    .param("id", leaf.leafId())
                    .update();
                record(leaf, at, "connected", null);
              }
              updateSite(leaf, SiteStatus.ACTIVE, at);
              return leaf.siteId();
            });
  }

  /** The leaf with this user disconnected from the hub, for the reason the hub gave. */
  @Transactional
  public Optional<UUID> disconnected(String userKey, OffsetDateTime at, String reason) {
    return leafOfUser(userKey)
        .filter(leaf -> leaf.leafStatus() == LeafServerStatus.CONNECTED)
        .map(
            leaf -> {
              jdbc.sql(
                      """
                      UPDATE nats_leaf_servers
                         SET status = :status, disconnected_at = :at, last_disconnect_reason = :reason,
                             updated_at = :now
                       WHERE id = :id
                      """)
                  .param(
                      "status", leaf.leafStatus().moveTo(LeafServerStatus.DISCONNECTED).wireName())
                  .param("at", at)
                  .param("reason", shorten(reason))
                  .param("now", Timestamps.now(clock))
                  .param("id", leaf.leafId())
                  .update();
              record(leaf, at, "disconnected", reason);
              updateSite(leaf, SiteStatus.OFFLINE, at);
              conditions.checkFlapping(leaf.siteId(), leaf.tenantId(), at);
              return leaf.siteId();
            });
  }

  /**
   * The hub lists the leaf as connected now (reconciliation): keeps it marked connected and seen,
   * and compares the certificate it presented with the one issued.
   */
  @Transactional
  public Optional<UUID> seen(ObservedLeaf observed, OffsetDateTime at) {
    Optional<LeafRow> silent = leafOfUser(observed.userKey()).filter(LeafRow::silent);
    if (silent.isPresent()) {
      // Listed, but nothing comes through: it stays disconnected until data or a new link returns.
      return silent.map(LeafRow::siteId);
    }
    Optional<UUID> site = connected(observed.userKey(), observed.nameTag(), at);
    leafOfUser(observed.userKey()).ifPresent(leaf -> checkIdentity(leaf, observed, at));
    return site;
  }

  /**
   * As {@link #connected(String, OffsetDateTime)}, cross-checking the name the hub reports for the
   * user with the one it was issued under: a different name means the user JWT is not the one we
   * issued.
   */
  @Transactional
  public Optional<UUID> connected(String userKey, String nameTag, OffsetDateTime at) {
    Optional<UUID> site = connected(userKey, at);
    leafOfUser(userKey)
        .filter(
            leaf -> nameTag != null && !nameTag.isEmpty() && !nameTag.equals(leaf.issuedNameTag()))
        .ifPresent(
            leaf ->
                conditions.raise(
                    leaf.siteId(),
                    leaf.tenantId(),
                    SiteCondition.Kind.IDENTITY_MISMATCH,
                    SiteCondition.Severity.CRITICAL,
                    "the leaf user is named "
                        + nameTag
                        + ", but was issued as "
                        + leaf.issuedNameTag(),
                    at));
    return site;
  }

  /** The hub reported a new link of the leaf, started then (its newest one counts). */
  @Transactional
  public void linkStarted(String userKey, OffsetDateTime startedAt) {
    if (startedAt == null) {
      return;
    }
    jdbc.sql(
            """
            UPDATE nats_leaf_servers SET link_started_at = :start
             WHERE leaf_user_public_key = :user
               AND (link_started_at IS NULL OR link_started_at < :start)
            """)
        .param("start", startedAt)
        .param("user", userKey)
        .update();
  }

  /**
   * The hub closed a link of the leaf. When the leaf reconnects before the hub gave up its old link
   * (a half-open link), the hub announces the new CONNECT first and the old DISCONNECT after it: a
   * link older than the newest one going away leaves the leaf connected.
   */
  @Transactional
  public Optional<UUID> linkClosed(
      String userKey, OffsetDateTime at, String reason, OffsetDateTime linkStartedAt) {
    Optional<LeafRow> leaf = leafOfUser(userKey);
    boolean olderLink =
        linkStartedAt != null
            && leaf.map(LeafRow::linkStartedAt)
                .filter(newest -> linkStartedAt.isBefore(newest))
                .isPresent();
    if (olderLink) {
      return Optional.empty();
    }
    if (leaf.filter(row -> row.leafStatus() == LeafServerStatus.DISCONNECTED).isPresent()) {
      return refineReconciledReason(leaf.get(), at, reason);
    }
    return disconnected(userKey, at, reason);
  }

  /**
   * Reconciliation can find a link gone a moment before the hub's own DISCONNECT for it is handled;
   * the hub's reason and time (a stale connection, a read error) then replace reconciliation's
   * guess, once.
   */
  private Optional<UUID> refineReconciledReason(LeafRow leaf, OffsetDateTime at, String reason) {
    int refined =
        jdbc.sql(
                """
                UPDATE nats_leaf_servers
                   SET disconnected_at = :at, last_disconnect_reason = :reason, updated_at = :now
                 WHERE id = :id AND last_disconnect_reason = :reconciled
                """)
            .param("at", at)
            .param("reason", shorten(reason))
            .param("now", Timestamps.now(clock))
            .param("id", leaf.leafId())
            .param("reconciled", NOT_LISTED_BY_HUB)
            .update();
    return refined == 1 ? Optional.of(leaf.siteId()) : Optional.empty();
  }

  /**
   * The hub lists the leaf's link, but nothing has come from the leaf for {@code silentFor}: a
   * half-open link, which nats-server 2.9.10 does not notice while it sources the site's buffer
   * (its own retries count as traffic, nats-server issue 4014). The leaf is disconnected until the
   * hub reports a new connection or data flows again.
   */
  @Transactional
  public Optional<UUID> silent(String userKey, OffsetDateTime at, Duration silentFor) {
    Optional<UUID> site =
        disconnected(
            userKey,
            at,
            "half-open link: nothing from the leaf for " + silentFor.toSeconds() + " s");
    site.ifPresent(
        id ->
            jdbc.sql(
                    "UPDATE nats_leaf_servers SET silent_since = :at WHERE leaf_user_public_key = :user")
                .param("at", at)
                .param("user", userKey)
                .update());
    return site;
  }

  /** Data comes from the leaf again: reconciliation may mark it connected. */
  @Transactional
  public void heardFrom(String userKey) {
    jdbc.sql(
            """
            UPDATE nats_leaf_servers SET silent_since = NULL
             WHERE leaf_user_public_key = :user AND silent_since IS NOT NULL
            """)
        .param("user", userKey)
        .update();
  }

  /**
   * Users of the tenant's leafs that are marked connected, to find the ones the hub no longer
   * lists.
   */
  public List<String> connectedLeafUsers(UUID tenantId) {
    return jdbc.sql(
            """
            SELECT l.leaf_user_public_key FROM nats_leaf_servers l JOIN edge_sites s ON s.id = l.edge_site_id
             WHERE s.tenant_id = :tenantId AND l.status = 'connected'
            """)
        .param("tenantId", tenantId)
        .query(String.class)
        .list();
  }

  private void record(LeafRow leaf, OffsetDateTime at, String kind, String detail) {
    timeline.record(leaf.siteId(), leaf.tenantId(), at, kind, detail);
  }

  private void updateSite(LeafRow leaf, SiteStatus target, OffsetDateTime seenAt) {
    SiteStatus next = leaf.siteStatus() == target ? target : leaf.siteStatus().moveTo(target);
    jdbc.sql(
            """
            UPDATE edge_sites SET status = :status,
                   last_seen_at = CASE WHEN last_seen_at IS NULL OR last_seen_at < :seen THEN :seen ELSE last_seen_at END
             WHERE id = :id
            """)
        .param("status", next.wireName())
        .param("seen", seenAt)
        .param("id", leaf.siteId())
        .update();
  }

  /**
   * A site is active only while its leaf is connected: after a regenerate the old connection is cut
   * under a user no site has any more, so no disconnect event names the site.
   */
  @Transactional
  public void settleSiteStatuses() {
    jdbc.sql(
            """
            UPDATE edge_sites SET status = 'offline'
             WHERE status = 'active'
               AND id IN (SELECT edge_site_id FROM nats_leaf_servers WHERE status <> 'connected')
            """)
        .update();
  }

  private void checkIdentity(LeafRow leaf, ObservedLeaf observed, OffsetDateTime at) {
    if (observed.certSha256() == null) {
      return;
    }
    jdbc.sql(
            "UPDATE nats_leaf_servers SET observed_cert_sha256 = :sha, observed_cert_subject = :subject WHERE id = :id")
        .param("sha", observed.certSha256())
        .param("subject", shorten(observed.certSubject()))
        .param("id", leaf.leafId())
        .update();
    if (observed.certSha256().equalsIgnoreCase(leaf.issuedCertSha256())) {
      conditions.clear(leaf.siteId(), leaf.tenantId(), SiteCondition.Kind.IDENTITY_MISMATCH, at);
    } else {
      conditions.raise(
          leaf.siteId(),
          leaf.tenantId(),
          SiteCondition.Kind.IDENTITY_MISMATCH,
          SiteCondition.Severity.CRITICAL,
          "the leaf presents certificate "
              + observed.certSubject()
              + " (sha256 "
              + observed.certSha256()
              + "), not the one issued to this site",
          at);
    }
  }

  private Optional<LeafRow> leafOfUser(String userKey) {
    return jdbc.sql(
            """
            SELECT s.id AS site_id, s.tenant_id, l.id AS leaf_id, s.status AS site_status,
                   l.status AS leaf_status, l.leaf_certificate_sha256, s.slug AS site_slug, t.slug AS tenant_slug,
                   l.silent_since, l.link_started_at
              FROM nats_leaf_servers l
              JOIN edge_sites s ON s.id = l.edge_site_id
              JOIN tenants t ON t.id = s.tenant_id
             WHERE l.leaf_user_public_key = :user
            """)
        .param("user", userKey)
        .query(
            (rs, row) ->
                new LeafRow(
                    rs.getObject("site_id", UUID.class),
                    rs.getObject("tenant_id", UUID.class),
                    rs.getObject("leaf_id", UUID.class),
                    SiteStatus.fromWireName(rs.getString("site_status")),
                    LeafServerStatus.fromWireName(rs.getString("leaf_status")),
                    rs.getString("leaf_certificate_sha256"),
                    LeafNames.user(
                        SiteSlug.of(rs.getString("site_slug")),
                        TenantSlug.of(rs.getString("tenant_slug"))),
                    rs.getObject("silent_since", OffsetDateTime.class) != null,
                    rs.getObject("link_started_at", OffsetDateTime.class)))
        .optional();
  }

  /** Hub-reported text is stored, never trusted for length. */
  static String shorten(String text) {
    return text == null || text.length() <= 500 ? text : text.substring(0, 500);
  }
}
