package org.urbis.grid.internal.forecast;

import java.util.Arrays;

/**
 * A feeder's day-ahead load forecasts: per quarter hour, the value forecast for it at the start of its day. Kept in
 * a ring over the last {@value #DAYS} days, indexed by slot number, so that keeping and looking up allocate nothing:
 * a slot's entry is overwritten only by the slot {@value #DAYS} days later, long after its accuracy was measured
 * (over the last week).
 */
public final class DayAheadLog {

    static final int DAYS = 10;
    private static final int CAPACITY = DAYS * Series.DAY;
    private static final long NONE = Long.MIN_VALUE;

    private final long[] slots = new long[CAPACITY];
    private final double[] values = new double[CAPACITY];

    public DayAheadLog() {
        Arrays.fill(slots, NONE);
    }

    /** Keeps a slot's forecast unless one is kept for it already (even an unknown one). */
    public void putIfAbsent(long slot, double value) {
        int i = (int) Math.floorMod(slot, (long) CAPACITY);
        if (slots[i] != slot) {
            slots[i] = slot;
            values[i] = value;
        }
    }

    /** The forecast kept for a slot, {@code NaN} when none is. */
    public double get(long slot) {
        int i = (int) Math.floorMod(slot, (long) CAPACITY);
        return slots[i] == slot ? values[i] : Double.NaN;
    }
}
