package com.serviceradar.edge.pki;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * When a certificate is valid: {@code notBefore} inclusive to {@code notAfter} inclusive, both
 * truncated to whole seconds because X.509 has no finer precision.
 *
 * <p>{@link #from(Instant, Period)} starts {@link #CLOCK_SKEW_ALLOWANCE} before the given instant,
 * so that a certificate installed on an edge host whose clock runs a little behind is already
 * valid.
 */
public record Validity(Instant notBefore, Instant notAfter) {

  /** How far {@link #from} backdates {@code notBefore}. */
  public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

  public Validity {
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
    notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException(
          "validity notAfter (" + notAfter + ") must be after notBefore (" + notBefore + ")");
    }
  }

  /**
   * Valid from {@link #CLOCK_SKEW_ALLOWANCE} before {@code now} until {@code now} plus {@code
   * length}, counted in UTC calendar terms (one year after 29 February is 28 February).
   */
  public static Validity from(Instant now, Period length) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(length, "length");
    return new Validity(
        now.minus(CLOCK_SKEW_ALLOWANCE), now.atOffset(ZoneOffset.UTC).plus(length).toInstant());
  }

  /** Valid from {@link #CLOCK_SKEW_ALLOWANCE} before {@code now} until {@code now + length}. */
  public static Validity from(Instant now, Duration length) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(length, "length");
    return new Validity(now.minus(CLOCK_SKEW_ALLOWANCE), now.plus(length));
  }

  /** This validity with {@code notAfter} moved back to {@code latest} if it ends later. */
  Validity endingNoLaterThan(Instant latest) {
    return notAfter.isAfter(latest) ? new Validity(notBefore, latest) : this;
  }
}
