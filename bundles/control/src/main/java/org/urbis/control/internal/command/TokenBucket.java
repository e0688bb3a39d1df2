package org.urbis.control.internal.command;

import java.time.Instant;

/**
 * A token bucket: {@code burst} tokens, refilled at {@code ratePerSecond}.
 *
 * <p>Times are kept as nanoseconds of the epoch and compared here, not with {@link Instant#isAfter}: that comparison's
 * branches are profiled once for the whole JVM, so a city's first command (every bucket new, taken at the instant it
 * was made) would break what the JIT compiled for the whole per-device path on the warm-up's profile.
 */
final class TokenBucket {

    private final double ratePerSecond;
    private final double burst;
    private double tokens;
    private long refilledNanos;

    TokenBucket(double ratePerSecond, int burst, Instant now) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.refilledNanos = epochNanos(now);
    }

    synchronized boolean tryTake(Instant now) {
        long elapsed = epochNanos(now) - refilledNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed / 1e9 * ratePerSecond);
            refilledNanos += elapsed;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /** Good for the next 290 years, as a long of nanoseconds since 1970 is. */
    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
