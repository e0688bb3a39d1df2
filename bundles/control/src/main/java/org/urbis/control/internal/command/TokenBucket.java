package org.urbis.control.internal.command;

import java.time.Instant;

/** A token bucket: {@code burst} tokens, refilled at {@code ratePerSecond}. */
final class TokenBucket {

    private final double ratePerSecond;
    private final double burst;
    private double tokens;
    private Instant refilled;

    TokenBucket(double ratePerSecond, int burst, Instant now) {
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.tokens = burst;
        this.refilled = now;
    }

    synchronized boolean tryTake(Instant now) {
        if (now.isAfter(refilled)) {
            double seconds = java.time.Duration.between(refilled, now).toNanos() / 1e9;
            tokens = Math.min(burst, tokens + seconds * ratePerSecond);
            refilled = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
