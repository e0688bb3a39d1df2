package org.urbis.api.history;

import java.time.Instant;

/**
 * The values of one point in one time bucket, summarised. Booleans count as 0 and 1; strings and BAD
 * values without a value count only in {@code count}.
 *
 * <p>The mean is over time, since a point's values are kept when they change: each number holds until
 * the point's next value, so a number that came before the bucket holds into it. A hold ends at a BAD
 * value, at a value the platform marked stale, and after the store's maximum hold (a sensor that stopped
 * reporting holds no longer); the last value holds until now at most.
 *
 * @param start      the bucket's start (inclusive); it ends where the next begins
 * @param count      values in the bucket
 * @param numeric    values in the bucket that are numbers
 * @param min        the smallest number in the bucket or held into it, or {@code null} when there is none
 * @param max        the largest, or {@code null}
 * @param mean       the time-weighted mean of the numbers held during the bucket; when none held for any
 *                   time, the bucket's last number; {@code null} when there is neither
 * @param last       the last number in the bucket, or {@code null}
 * @param first      the first number in the bucket, or {@code null}
 * @param heldMillis how much of the bucket, in milliseconds, a number held: what the mean rests on
 */
public record Bucket(
        Instant start,
        long count,
        long numeric,
        Double min,
        Double max,
        Double mean,
        Double last,
        Double first,
        long heldMillis) {

    /** A bucket without its first number, and with no time held. */
    public Bucket(Instant start, long count, long numeric, Double min, Double max, Double mean, Double last) {
        this(start, count, numeric, min, max, mean, last, null, 0);
    }
}
