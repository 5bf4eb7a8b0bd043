package com.serviceradar.edge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SyncScheduleTest {

  private final SyncSchedule schedule =
      new SyncSchedule(Duration.ofMinutes(5), Duration.ofMillis(300), new SplittableRandom(7));

  @Test
  void aNoticeEndsTheWaitWithinTheSpreadInsteadOfTheInterval() throws Exception {
    Thread notifier =
        new Thread(
            () -> {
              sleep(100);
              schedule.noticed();
            });
    long start = System.nanoTime();
    notifier.start();

    schedule.awaitNext();

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(100))
        .isLessThan(Duration.ofSeconds(3));
  }

  /** That sync may have read the configuration before the change. */
  @Test
  void aNoticeDuringASyncMakesTheNextOneFollowAtOnce() throws Exception {
    schedule.noticed();
    long start = System.nanoTime();

    schedule.awaitNext();

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void withoutANoticeItWaitsTheInterval() throws Exception {
    SyncSchedule polling =
        new SyncSchedule(Duration.ofMillis(400), Duration.ofSeconds(2), new SplittableRandom(7));
    long start = System.nanoTime();

    polling.awaitNext();

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
