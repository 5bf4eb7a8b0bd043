package com.serviceradar.edge.server.system;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Leases that let exactly one replica run a periodic job at a time, through the database every
 * replica shares. A replica takes a lease that is free or expired, or renews its own; a crashed
 * holder's lease simply runs out. Each update is one statement, so two replicas cannot both win.
 */
@Component
public class JobLeases {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final String replica = "replica-" + UUID.randomUUID();

  JobLeases(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** This replica's name in the lease table. */
  public String replica() {
    return replica;
  }

  /**
   * Takes or renews the lease on {@code job} for {@code length}.
   *
   * @return true when this replica holds it now and may run the job
   */
  public boolean tryHold(String job, Duration length) {
    OffsetDateTime now = Timestamps.now(clock);
    OffsetDateTime until = now.plus(length);
    int renewed =
        jdbc.sql(
                """
                UPDATE job_leases SET holder = :holder, expires_at = :until
                 WHERE name = :job AND (holder = :holder OR expires_at < :now)
                """)
            .param("holder", replica)
            .param("until", until)
            .param("job", job)
            .param("now", now)
            .update();
    if (renewed == 1) {
      return true;
    }
    try {
      jdbc.sql("INSERT INTO job_leases (name, holder, expires_at) VALUES (:job, :holder, :until)")
          .param("job", job)
          .param("holder", replica)
          .param("until", until)
          .update();
      return true;
    } catch (DuplicateKeyException heldByAnotherReplica) {
      return false;
    }
  }

  /** Gives the lease up early, so another replica can take over at once (on shutdown). */
  public void release(String job) {
    jdbc.sql("DELETE FROM job_leases WHERE name = :job AND holder = :holder")
        .param("job", job)
        .param("holder", replica)
        .update();
  }
}
