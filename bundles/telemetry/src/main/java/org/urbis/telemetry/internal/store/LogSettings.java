package org.urbis.telemetry.internal.store;

import java.time.Duration;

/**
 * Bounds and durability of the store-and-forward log.
 *
 * @param maxBytes      the most disk the log may use; appends beyond it follow the overflow policy
 * @param segmentBytes  a segment is closed and a new one begun past this size
 * @param overflow      what happens when the log is full
 * @param blockFor      with {@link Overflow#BLOCK}, how long an append waits for room before dropping
 * @param syncInterval  group commit: how often written records are forced to the device (zero: never
 *                      forced by the log; records still survive a crash of the process at once)
 */
public record LogSettings(
        long maxBytes, long segmentBytes, Overflow overflow, Duration blockFor, Duration syncInterval) {

    /** What an append does when the log is full. */
    public enum Overflow {
        /** Wait for the uplink to free room, up to {@code blockFor}; then drop the new records (counted). */
        BLOCK,
        /** Delete the oldest undelivered segment to make room (its records counted as dropped). */
        DROP_OLDEST,
        /** Refuse the new records (counted as dropped). */
        DROP_NEWEST
    }

    public LogSettings {
        if (segmentBytes < 4096 || maxBytes < 2 * segmentBytes) {
            throw new IllegalArgumentException(
                    "store.segmentBytes must be >= 4096 and store.maxBytes at least twice it");
        }
        if (overflow == null) {
            throw new IllegalArgumentException("store.overflow must be BLOCK, DROP_OLDEST or DROP_NEWEST");
        }
        blockFor = blockFor == null ? Duration.ZERO : blockFor;
        syncInterval = syncInterval == null ? Duration.ZERO : syncInterval;
    }

    public static LogSettings defaults() {
        return new LogSettings(256L << 20, 16L << 20, Overflow.BLOCK, Duration.ofSeconds(5), Duration.ofMillis(200));
    }
}
