package com.serviceradar.edge.server.natsauth;

import com.serviceradar.edge.natsauth.NatsIdentityException;
import com.serviceradar.edge.server.system.Timestamps;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the hub's copy of every tenant account JWT current, through {@code $SYS.REQ.CLAIMS.UPDATE}.
 *
 * <p>The hub answers 200 even for a stale or untrusted JWT and has no ordering check
 * (NATS-FACTS.md, "Full resolver on the hub"), so: pushes run one at a time on one thread; each
 * push sends the newest JWT read from the database just before; its signature chain is verified
 * first; and the result is read back with {@code CLAIMS.LOOKUP}. A JWT counts as delivered only
 * when the hub returns exactly it; what could not be delivered (hub down) is retried on reconnect
 * and every 30 seconds.
 */
@Component
class HubAccountSync implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HubAccountSync.class);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
  private static final long RETRY_SECONDS = 30;

  private record PendingAccount(UUID tenantId, String publicKey, String jwt, String sha256) {}

  private final HubConnection hub;
  private final PlatformOperator platformOperator;
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final AtomicBoolean queued = new AtomicBoolean();
  private ScheduledExecutorService worker;

  HubAccountSync(
      HubConnection hub,
      PlatformOperator platformOperator,
      JdbcClient jdbc,
      JsonMapper json,
      Clock clock) {
    this.hub = hub;
    this.platformOperator = platformOperator;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void start() {
    if (!hub.isConfigured()) {
      return;
    }
    worker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "hub-account-sync");
              thread.setDaemon(true);
              return thread;
            });
    hub.whenConnected(this::requestSync);
    worker.scheduleWithFixedDelay(
        this::requestSync, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void stop() {
    if (worker != null) {
      worker.shutdownNow();
      worker = null;
    }
  }

  @Override
  public boolean isRunning() {
    return worker != null;
  }

  /** After a new or re-issued account JWT is committed: get it to the hub now. */
  @TransactionalEventListener
  void accountJwtChanged(AccountJwtChanged changed) {
    requestSync();
  }

  /** Queues one sync; requests that arrive while one is queued join it. */
  void requestSync() {
    ScheduledExecutorService current = worker;
    if (current != null && queued.compareAndSet(false, true)) {
      current.execute(
          () -> {
            queued.set(false);
            syncAll();
          });
    }
  }

  private void syncAll() {
    Connection connection = hub.connected().orElse(null);
    if (connection == null) {
      return;
    }
    for (PendingAccount account : pending()) {
      try {
        push(connection, account);
      } catch (RuntimeException e) {
        log.warn(
            "Could not push the account JWT of {} to the hub: {}",
            account.publicKey(),
            e.getMessage());
        recordFailure(account, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private List<PendingAccount> pending() {
    return jdbc.sql(
            """
            SELECT tenant_id, public_key, jwt, jwt_sha256 FROM nats_accounts
             WHERE hub_jwt_sha256 IS NULL OR hub_jwt_sha256 <> jwt_sha256
             ORDER BY updated_at
            """)
        .query(
            (rs, row) ->
                new PendingAccount(
                    rs.getObject("tenant_id", UUID.class),
                    rs.getString("public_key"),
                    rs.getString("jwt"),
                    rs.getString("jwt_sha256")))
        .list();
  }

  private void push(Connection connection, PendingAccount account) throws InterruptedException {
    try {
      platformOperator.operator().verifyAccountJwt(account.jwt());
    } catch (NatsIdentityException e) {
      throw new IllegalStateException(
          "refusing to push an account JWT the operator did not sign: " + e.getMessage(), e);
    }
    Message reply =
        connection.request(
            "$SYS.REQ.CLAIMS.UPDATE",
            account.jwt().getBytes(StandardCharsets.UTF_8),
            REQUEST_TIMEOUT);
    requireReply(reply, "CLAIMS.UPDATE");
    JsonNode data = json.readTree(reply.getData()).path("data");
    if (data.path("code").asInt() != 200) {
      throw new IllegalStateException(
          "the hub refused the account JWT: "
              + data.path("description").asString(data.path("message").asString("")));
    }
    Message lookup =
        connection.request(
            "$SYS.REQ.ACCOUNT." + account.publicKey() + ".CLAIMS.LOOKUP",
            new byte[0],
            REQUEST_TIMEOUT);
    requireReply(lookup, "CLAIMS.LOOKUP");
    String stored = new String(lookup.getData(), StandardCharsets.UTF_8).strip();
    if (!stored.equals(account.jwt())) {
      throw new IllegalStateException(
          "the hub holds another JWT for the account than the one pushed");
    }
    // Only the JWT that was pushed counts: if a newer one was committed meanwhile, it stays
    // pending.
    jdbc.sql(
            """
            UPDATE nats_accounts SET hub_jwt_sha256 = :sha256, hub_pushed_at = :now, hub_push_error = NULL
             WHERE tenant_id = :tenantId AND jwt_sha256 = :sha256
            """)
        .param("sha256", account.sha256())
        .param("now", Timestamps.now(clock))
        .param("tenantId", account.tenantId())
        .update();
    log.info("Pushed the account JWT of {} to the hub", account.publicKey());
  }

  private static void requireReply(Message reply, String request) {
    if (reply == null) {
      throw new IllegalStateException("the hub did not answer " + request + " in time");
    }
    if (reply.isStatusMessage()) {
      throw new IllegalStateException(
          "the hub answered " + request + " with status " + reply.getStatus().getCode());
    }
  }

  private void recordFailure(PendingAccount account, String error) {
    String shortened =
        error == null ? "unknown error" : error.substring(0, Math.min(error.length(), 1000));
    jdbc.sql("UPDATE nats_accounts SET hub_push_error = :error WHERE tenant_id = :tenantId")
        .param("error", shortened)
        .param("tenantId", account.tenantId())
        .update();
  }
}
