package com.serviceradar.edge.server.monitor;

import com.serviceradar.edge.server.natsauth.HubConnection;
import com.serviceradar.edge.server.natsauth.TenantAccounts;
import com.serviceradar.edge.server.site.SiteConditions;
import com.serviceradar.edge.server.site.SiteHealth;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscribes to the hub's leaf connection events on every (re)connect and records them. The queue
 * group gives each event to one replica only. After every connect it asks for a reconciliation,
 * because the events while we were away are lost, and after each leaf connect, to check the
 * certificate the leaf presented (CONNECT events do not carry it).
 */
@Component
class LeafMonitor implements SmartLifecycle {

  static final String QUEUE_GROUP = "serviceradar-edge-monitor";
  private static final Logger log = LoggerFactory.getLogger(LeafMonitor.class);

  private final HubConnection hub;
  private final SiteHealth health;
  private final SiteConditions conditions;
  private final TenantAccounts accounts;
  private final Reconciler reconciler;
  private final JsonMapper json;
  private volatile Connection subscribedOn;
  private volatile boolean running;

  LeafMonitor(
      HubConnection hub,
      SiteHealth health,
      SiteConditions conditions,
      TenantAccounts accounts,
      Reconciler reconciler,
      JsonMapper json) {
    this.hub = hub;
    this.health = health;
    this.conditions = conditions;
    this.accounts = accounts;
    this.reconciler = reconciler;
    this.json = json;
  }

  @Override
  public void start() {
    running = true;
    if (hub.isConfigured()) {
      hub.whenConnected(this::subscribe);
    }
  }

  @Override
  public void stop() {
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private synchronized void subscribe() {
    Optional<Connection> connection = hub.connected();
    if (connection.isEmpty()) {
      return;
    }
    // jnats restores subscriptions after a reconnect; subscribe once per connection object.
    if (connection.get() != subscribedOn) {
      Dispatcher dispatcher = connection.get().createDispatcher(this::onMessage);
      dispatcher.subscribe("$SYS.ACCOUNT.*.CONNECT", QUEUE_GROUP);
      dispatcher.subscribe("$SYS.ACCOUNT.*.DISCONNECT", QUEUE_GROUP);
      dispatcher.subscribe("$SYS.SERVER.*.SHUTDOWN", QUEUE_GROUP);
      subscribedOn = connection.get();
      log.info("Watching leaf connections on the hub");
    }
    reconciler.requestReconcile();
  }

  private void onMessage(Message message) {
    try {
      if (message.getSubject().endsWith(".SHUTDOWN")) {
        // A hub server is going away: its leafs reconnect elsewhere or are gone; look again soon.
        reconciler.requestReconcile();
        return;
      }
      LeafEvent.parse(json, message.getData()).ifPresent(this::record);
    } catch (RuntimeException e) {
      log.warn("Could not handle the hub event on {}: {}", message.getSubject(), e.getMessage());
    }
  }

  private void record(LeafEvent event) {
    var at = event.at().withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    switch (event.type()) {
      case CONNECT -> {
        Optional<UUID> site = health.connected(event.userKey(), event.nameTag(), at);
        health.linkStarted(event.userKey(), event.linkStartedAt());
        if (site.isEmpty()) {
          accounts
              .tenantOfAccount(event.account())
              .ifPresent(
                  tenant -> conditions.unknownLeaf(tenant, event.nameTag(), event.userKey(), at));
        }
        reconciler.requestReconcile();
      }
      case DISCONNECT ->
          health.linkClosed(event.userKey(), at, event.reason(), event.linkStartedAt());
    }
  }
}
