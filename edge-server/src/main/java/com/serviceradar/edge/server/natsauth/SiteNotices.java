package com.serviceradar.edge.server.natsauth;

import com.serviceradar.edge.names.NoticeSubjects;
import io.nats.client.Connection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Tells a tenant's site agents at once when its account JWT changed, so a revoked collector is
 * refused at the leafs within seconds instead of at each agent's next poll: each operator-mode leaf
 * holds the account JWT and learns of a revocation only from its agent's sync (NATS-FACTS.md,
 * "Operator-mode leaf"). Published at the hub in the tenant's account on {@link
 * NoticeSubjects#CONFIG_CHANGED}; it crosses every connected leaf link to the agents listening
 * there. Best effort: a notice lost (hub down, leaf offline) costs only the poll interval.
 */
@Component
class SiteNotices implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SiteNotices.class);
  private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(5);

  private final HubConnection hub;
  private final TenantAccounts accounts;
  private final Clock clock;
  // Off the committing request's thread: a slow hub must not hold up the API call that revoked.
  private final ExecutorService publisher =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "site-notices");
            thread.setDaemon(true);
            return thread;
          });

  SiteNotices(HubConnection hub, TenantAccounts accounts, Clock clock) {
    this.hub = hub;
    this.accounts = accounts;
    this.clock = clock;
  }

  /**
   * After the new account JWT is committed, so the sync a notice starts already finds it (at once
   * when there was no transaction: then it is committed already).
   */
  @TransactionalEventListener(fallbackExecution = true)
  void accountJwtChanged(AccountJwtChanged changed) {
    if (hub.isConfigured()) {
      publisher.execute(() -> announce(changed));
    }
  }

  private void announce(AccountJwtChanged changed) {
    // A user of its own, issued for this one connection: the tenant's account is reached only
    // from inside it, and announcing needs nothing but the notice subject.
    String creds = accounts.issueNoticePublisher(changed.tenantId(), changed.tenant()).credsText();
    try (Connection connection = hub.connectAs(creds, "serviceradar-edge-notices")) {
      connection.publish(NoticeSubjects.CONFIG_CHANGED, notice(changed));
      connection.flush(FLUSH_TIMEOUT);
    } catch (IOException | TimeoutException | RuntimeException e) {
      log.warn(
          "Could not tell the site agents of tenant {} that its account changed ({}); they"
              + " sync at their next poll",
          changed.tenant().value(),
          e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** What changed and when, for the agent's log; nothing in it is secret. */
  private byte[] notice(AccountJwtChanged changed) {
    return ("{\"change\":\"account-jwt\",\"account\":\""
            + changed.accountPublicKey()
            + "\",\"at\":\""
            + clock.instant()
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    publisher.shutdownNow();
  }
}
