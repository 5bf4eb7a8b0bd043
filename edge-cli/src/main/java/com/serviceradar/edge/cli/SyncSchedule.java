package com.serviceradar.edge.cli;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * When {@code sync --watch} syncs next: one interval after the last sync ended, or sooner, soon
 * after a change notice. A notice is acted on at a random moment within a short spread, so a
 * tenant's thousands of sites, all told at once, do not all ask the control plane in the same
 * instant. A notice that arrives while a sync runs is kept for right after it: that sync may have
 * read the configuration before the change.
 */
final class SyncSchedule {

  private final long intervalNanos;
  private final long spreadNanos;
  private final RandomGenerator random;
  private boolean noticed;
  private long noticeDue;

  SyncSchedule(Duration interval, Duration spread, RandomGenerator random) {
    this.intervalNanos = interval.toNanos();
    this.spreadNanos = spread.toNanos();
    this.random = random;
  }

  /** A change notice arrived: sync within the spread, unless an earlier sync is due already. */
  synchronized void noticed() {
    long due = System.nanoTime() + (spreadNanos > 0 ? random.nextLong(spreadNanos) : 0);
    if (!noticed || due - noticeDue < 0) {
      noticed = true;
      noticeDue = due;
      notifyAll();
    }
  }

  /** Waits until the next sync is due: one interval from now, or a notice's moment if earlier. */
  synchronized void awaitNext() throws InterruptedException {
    long pollDue = System.nanoTime() + intervalNanos;
    while (true) {
      long due = noticed && noticeDue - pollDue < 0 ? noticeDue : pollDue;
      long left = due - System.nanoTime();
      if (left <= 0) {
        break;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    noticed = false;
  }
}
