package org.urbis.api.history;

import java.time.Instant;

/**
 * The values of one point in one time bucket, summarised. Booleans count as 0 and 1; strings and BAD
 * values without a value count only in {@code count}.
 *
 * @param start   the bucket's start (inclusive); it ends where the next begins
 * @param count   values in the bucket
 * @param numeric values in the bucket that are numbers
 * @param min     the smallest number, or {@code null} when there is none
 * @param max     the largest number, or {@code null}
 * @param mean    the mean of the numbers, or {@code null}
 * @param last    the last number, or {@code null}
 */
public record Bucket(Instant start, long count, long numeric, Double min, Double max, Double mean, Double last) {
}
