package com.serviceradar.edge.server.site;

import com.serviceradar.edge.server.system.Actor;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent events of site health changes for pages and the CLI. Changes are read from the
 * timeline in the database (not from this replica's memory), so a client sees every change
 * whichever replica handled it.
 */
@Component
public class SiteStream implements SmartLifecycle {

  static final Duration POLL = Duration.ofMillis(500);
  private static final Logger log = LoggerFactory.getLogger(SiteStream.class);

  /** A subscriber: one tenant's sites, or every site for a platform operator (tenant null). */
  private record Subscriber(UUID tenantId, SseEmitter emitter) {}

  private final JdbcClient jdbc;
  private final EdgeSiteRepository repository;
  private final SiteConditions conditions;
  private final SiteBuffers buffers;
  private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
  private volatile long lastEventId;
  private ScheduledExecutorService poller;

  SiteStream(
      JdbcClient jdbc,
      EdgeSiteRepository repository,
      SiteConditions conditions,
      SiteBuffers buffers) {
    this.buffers = buffers;
    this.jdbc = jdbc;
    this.repository = repository;
    this.conditions = conditions;
  }

  public SseEmitter subscribe(Actor actor) {
    SseEmitter emitter = new SseEmitter(0L);
    Subscriber subscriber = new Subscriber(actor.tenantId(), emitter);
    subscribers.add(subscriber);
    emitter.onCompletion(() -> subscribers.remove(subscriber));
    emitter.onTimeout(() -> subscribers.remove(subscriber));
    emitter.onError(error -> subscribers.remove(subscriber));
    try {
      emitter.send(SseEmitter.event().comment("subscribed"));
    } catch (IOException gone) {
      subscribers.remove(subscriber);
    }
    return emitter;
  }

  @Override
  public void start() {
    lastEventId =
        jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM site_events").query(Long.class).single();
    poller =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "site-stream");
              thread.setDaemon(true);
              return thread;
            });
    poller.scheduleWithFixedDelay(
        this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
    subscribers.forEach(subscriber -> subscriber.emitter().complete());
    subscribers.clear();
  }

  @Override
  public boolean isRunning() {
    return poller != null;
  }

  private void poll() {
    try {
      record Change(long id, UUID siteId, UUID tenantId, String kind) {}
      List<Change> changes =
          jdbc.sql(
                  "SELECT id, edge_site_id, tenant_id, kind FROM site_events WHERE id > :last ORDER BY id")
              .param("last", lastEventId)
              .query(
                  (rs, row) ->
                      new Change(
                          rs.getLong(1),
                          rs.getObject(2, UUID.class),
                          rs.getObject(3, UUID.class),
                          rs.getString(4)))
              .list();
      for (Change change : changes) {
        lastEventId = change.id();
        if (!subscribers.isEmpty()) {
          repository
              .find(change.tenantId(), change.siteId())
              .ifPresent(
                  site ->
                      publish(
                          change.tenantId(),
                          change.kind(),
                          SiteJson.of(
                              site, conditions.conditions(site.id()), buffers.find(site.id()))));
        }
      }
    } catch (RuntimeException e) {
      log.warn("Reading site changes for the live stream failed: {}", e.getMessage());
    }
  }

  private void publish(UUID tenantId, String kind, SiteJson site) {
    for (Subscriber subscriber : subscribers) {
      if (subscriber.tenantId() == null || subscriber.tenantId().equals(tenantId)) {
        try {
          subscriber.emitter().send(SseEmitter.event().name("site").comment(kind).data(site));
        } catch (IOException | IllegalStateException gone) {
          subscribers.remove(subscriber);
        }
      }
    }
  }
}
