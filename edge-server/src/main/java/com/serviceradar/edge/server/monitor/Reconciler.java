package com.serviceradar.edge.server.monitor;

import com.serviceradar.edge.server.natsauth.HubConnection;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.site.SiteConditions;
import com.serviceradar.edge.server.site.SiteHealth;
import com.serviceradar.edge.server.system.JobLeases;
import com.serviceradar.edge.server.system.Timestamps;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares what the hub reports now ({@code $SYS.REQ.ACCOUNT.<acc>.CONNZ {"auth":true}}, every
 * server's reply collected) with what is recorded, on every (re)connect and every reconcile
 * interval: events are lost whenever the monitor is not connected (NATS-FACTS.md, "Health signals
 * on the hub"). Runs on one replica at a time (job lease), and also scans for expiring certificates
 * and outdated configs.
 */
@Component
class Reconciler implements SmartLifecycle {

  static final String RECONCILE_JOB = "leaf-reconcile";
  static final String SCAN_JOB = "site-condition-scan";
  private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
  private static final byte[] AUTH_CONNZ = "{\"auth\":true}".getBytes(StandardCharsets.UTF_8);

  private final HubConnection hub;
  private final TenantAccounts accounts;
  private final SiteHealth health;
  private final SiteConditions conditions;
  private final JobLeases leases;
  private final MonitorSettings settings;
  private final JsonMapper json;
  private final Clock clock;
  private final AtomicBoolean queued = new AtomicBoolean();
  private ScheduledExecutorService worker;

  Reconciler(
      HubConnection hub,
      TenantAccounts accounts,
      SiteHealth health,
      SiteConditions conditions,
      JobLeases leases,
      MonitorSettings settings,
      JsonMapper json,
      Clock clock) {
    this.hub = hub;
    this.accounts = accounts;
    this.health = health;
    this.conditions = conditions;
    this.leases = leases;
    this.settings = settings;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void start() {
    worker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "leaf-reconciler");
              thread.setDaemon(true);
              return thread;
            });
    long scan = settings.scanInterval().toMillis();
    worker.scheduleWithFixedDelay(this::scanConditions, 0, scan, TimeUnit.MILLISECONDS);
    if (hub.isConfigured()) {
      long every = settings.reconcileInterval().toMillis();
      worker.scheduleWithFixedDelay(this::requestReconcile, every, every, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void stop() {
    if (worker != null) {
      worker.shutdownNow();
      worker = null;
      leases.release(RECONCILE_JOB);
      leases.release(SCAN_JOB);
    }
  }

  @Override
  public boolean isRunning() {
    return worker != null;
  }

  /** Queues one reconciliation; requests that arrive while one is queued join it. */
  void requestReconcile() {
    ScheduledExecutorService current = worker;
    if (current != null && queued.compareAndSet(false, true)) {
      current.execute(
          () -> {
            queued.set(false);
            reconcile();
          });
    }
  }

  private void reconcile() {
    try {
      Optional<Connection> connection = hub.connected();
      if (connection.isEmpty()
          || !leases.tryHold(RECONCILE_JOB, settings.reconcileInterval().multipliedBy(3))) {
        return;
      }
      for (Map.Entry<UUID, String> account : accounts.accountKeysByTenant().entrySet()) {
        reconcileAccount(connection.get(), account.getKey(), account.getValue());
      }
      health.settleSiteStatuses();
    } catch (RuntimeException e) {
      log.warn("Reconciling leaf connections failed: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void reconcileAccount(Connection connection, UUID tenantId, String accountKey)
      throws InterruptedException {
    List<JsonNode> replies = connz(connection, accountKey);
    if (replies.isEmpty()) {
      // No server answered: that says nothing about the leafs, so change nothing.
      return;
    }
    OffsetDateTime now = Timestamps.now(clock);
    Set<String> listed = new HashSet<>();
    List<UUID> sitesWithUnknownLeafs = new ArrayList<>();
    for (JsonNode reply : replies) {
      for (JsonNode leaf : reply.path("data").path("connections")) {
        String nameTag = leaf.path("name_tag").asString("");
        String user = leaf.path("authorized_user").asString("");
        JsonNode certificate = leaf.path("tls_peer_certs").path(0);
        SiteHealth.ObservedLeaf observed =
            new SiteHealth.ObservedLeaf(
                user,
                nameTag,
                certificate.path("cert_sha256").asString(null),
                certificate.path("subject").asString(null));
        if (health.seen(observed, now).isPresent()) {
          listed.add(user);
        } else {
          conditions
              .unknownLeaf(tenantId, nameTag, user, now)
              .ifPresent(sitesWithUnknownLeafs::add);
        }
      }
    }
    for (String user : health.connectedLeafUsers(tenantId)) {
      if (!listed.contains(user)) {
        health.disconnected(user, now, SiteHealth.NOT_LISTED_BY_HUB);
      }
    }
    conditions.noUnknownLeafsExcept(tenantId, sitesWithUnknownLeafs, now);
  }

  /** Every hub server with the account answers; collect replies until none has come for a while. */
  private List<JsonNode> connz(Connection connection, String accountKey)
      throws InterruptedException {
    String inbox = connection.createInbox();
    Subscription replies = connection.subscribe(inbox);
    try {
      connection.publish("$SYS.REQ.ACCOUNT." + accountKey + ".CONNZ", inbox, AUTH_CONNZ);
      List<JsonNode> collected = new ArrayList<>();
      Duration wait = settings.replyWindow();
      Message reply;
      while ((reply = replies.nextMessage(wait)) != null) {
        if (!reply.isStatusMessage()) {
          collected.add(json.readTree(reply.getData()));
        }
        wait = Duration.ofMillis(Math.max(50, settings.replyWindow().toMillis() / 3));
      }
      return collected;
    } finally {
      replies.unsubscribe();
    }
  }

  private void scanConditions() {
    try {
      if (leases.tryHold(SCAN_JOB, settings.scanInterval().multipliedBy(3))) {
        OffsetDateTime now = Timestamps.now(clock);
        conditions.scanCertificatesAndConfigs(now);
        conditions.settleFlapping(now);
      }
    } catch (RuntimeException e) {
      log.warn("Scanning site conditions failed: {}", e.getMessage());
    }
  }
}
