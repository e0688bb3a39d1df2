package org.urbis.grid.internal.forecast;

import java.time.Duration;
import java.time.Instant;

/**
 * Values at a fixed 15-minute step from an aligned start, {@code NaN} where nothing is known: the shape forecasts
 * read their history in and write their forecast in.
 *
 * @param start  the first slot's start, aligned to a quarter hour
 * @param values one per slot
 */
public record Series(Instant start, double[] values) {

    public static final Duration STEP = Duration.ofMinutes(15);
    public static final long STEP_MILLIS = STEP.toMillis();
    /** Slots in a day and in a week. */
    public static final int DAY = 96;

    public static final int WEEK = 7 * DAY;

    /** The start of the quarter hour an instant falls in. */
    public static Instant slotOf(Instant t) {
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), STEP_MILLIS) * STEP_MILLIS);
    }

    /** The quarter hours since the epoch to an aligned instant: a slot's number, the same in every series. */
    public static long slotNumber(Instant t) {
        return Math.floorDiv(t.toEpochMilli(), STEP_MILLIS);
    }

    public int length() {
        return values.length;
    }

    public Instant time(int i) {
        return start.plusMillis(i * STEP_MILLIS);
    }

    /** The value at a slot index, {@code NaN} outside the series. */
    public double at(int i) {
        return i >= 0 && i < values.length ? values[i] : Double.NaN;
    }

    /** The index of the slot an instant falls in (may lie outside the series). */
    public int index(Instant t) {
        return (int) Math.floorDiv(t.toEpochMilli() - start.toEpochMilli(), STEP_MILLIS);
    }

    /** A series of {@code n} unknown slots. */
    public static Series empty(Instant start, int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, Double.NaN);
        return new Series(start, v);
    }
}
