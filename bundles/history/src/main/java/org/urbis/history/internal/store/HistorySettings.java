package org.urbis.history.internal.store;

import java.time.Duration;

/**
 * How the history store keeps its data, from the configuration or a test.
 *
 * @param retention how long values and changes are kept
 * @param maxBytes  history data kept at most; the oldest is dropped beyond it
 * @param sealAfter how long a point's newest values stay in the write-ahead log before being sealed
 * @param sealBytes open runs kept in memory at most before the oldest are sealed early
 * @param maxHold   how long a number holds at most in a bucket's time-weighted mean when no value follows it
 */
public record HistorySettings(Duration retention, long maxBytes, Duration sealAfter, long sealBytes, Duration maxHold) {
    public HistorySettings {
        if (retention.isNegative()
                || retention.isZero()
                || maxBytes <= 0
                || sealAfter.isNegative()
                || sealBytes <= 0
                || maxHold.isNegative()
                || maxHold.isZero()) {
            throw new IllegalArgumentException("retention, size bound, seal bounds and maximum hold must be positive: "
                    + retention + ", " + maxBytes + ", " + sealAfter + ", " + sealBytes + ", " + maxHold);
        }
    }

    public static HistorySettings defaults() {
        return new HistorySettings(
                Duration.ofDays(30), 1L << 30, Duration.ofMinutes(10), 64L << 20, HistoryStore.DEFAULT_MAX_HOLD);
    }
}
