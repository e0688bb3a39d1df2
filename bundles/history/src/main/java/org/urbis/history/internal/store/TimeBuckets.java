package org.urbis.history.internal.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.urbis.api.history.Bucket;

/**
 * Summarises one point's values per bucket, taking them in time order one by one or a run at a time.
 * The mean is over time: each number holds until the next value of the point, for {@code maxHold} at
 * most and never beyond {@code now}, so a value that came before a bucket holds into it. Values before
 * {@code start} only say what holds at it; the buckets end at {@code end}.
 */
final class TimeBuckets {

    private final long start;
    private final long end;
    private final long width;
    private final long maxHold;
    private final long now;
    private final long[] count;
    private final long[] numeric;
    private final double[] min;
    private final double[] max;
    private final double[] first;
    private final double[] last;
    private final double[] integral;
    private final long[] held;

    /** The number holding since {@code holdFrom}, or NaN when none does. */
    private double holding = Double.NaN;

    private long holdFrom;

    TimeBuckets(long start, long end, long width, int n, long maxHold, long now) {
        this.start = start;
        this.end = end;
        this.width = width;
        this.maxHold = maxHold;
        this.now = now;
        count = new long[n];
        numeric = new long[n];
        min = new double[n];
        max = new double[n];
        first = new double[n];
        last = new double[n];
        integral = new double[n];
        held = new long[n];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(first, Double.NaN);
        java.util.Arrays.fill(last, Double.NaN);
    }

    /** The bucket a time falls in: -1 before the first, the number of buckets from {@code end} on. */
    int bucket(long time) {
        return time < start ? -1 : time >= end ? count.length : (int) ((time - start) / width);
    }

    /** Takes the next value: its number (NaN when none) and whether the number holds. */
    void value(long time, double number, boolean holds) {
        endHold(time);
        int i = bucket(time);
        if (i >= 0 && i < count.length) {
            count[i]++;
            if (!Double.isNaN(number)) {
                numeric[i]++;
                number(i, number);
                if (Double.isNaN(first[i])) {
                    first[i] = number;
                }
                last[i] = number;
            }
        }
        startHold(time, holds ? number : Double.NaN);
    }

    /** Whether a run can be taken whole: all its values in one bucket and none of its holds cut short. */
    boolean fits(RunStats r) {
        return bucket(r.firstTime) == bucket(r.lastTime) && r.widestHold <= maxHold;
    }

    /** Takes the next run of values, which {@link #fits}. */
    void run(RunStats r) {
        endHold(r.firstTime);
        int i = bucket(r.firstTime);
        if (i >= 0 && i < count.length) {
            count[i] += r.count;
            if (r.numeric > 0) {
                numeric[i] += r.numeric;
                min[i] = Math.min(min[i], r.min);
                max[i] = Math.max(max[i], r.max);
                if (Double.isNaN(first[i])) {
                    first[i] = r.firstNumber;
                }
                last[i] = r.lastNumber;
                integral[i] += r.integral;
                held[i] += r.held;
            }
        }
        startHold(r.lastTime, r.lastHolds ? r.lastNumber : Double.NaN);
    }

    private void startHold(long time, double number) {
        holding = number;
        holdFrom = time;
    }

    /** Spreads the number holding until {@code until} (at most its maximum hold) over the buckets it covers. */
    private void endHold(long until) {
        if (Double.isNaN(holding)) {
            return;
        }
        long to = Math.min(Math.min(until, holdFrom + maxHold), end);
        long from = Math.max(holdFrom, start);
        while (from < to) {
            int i = (int) ((from - start) / width);
            long bucketEnd = Math.min(start + (i + 1) * width, to);
            integral[i] += holding * (bucketEnd - from);
            held[i] += bucketEnd - from;
            number(i, holding);
            from = bucketEnd;
        }
        holding = Double.NaN;
    }

    private void number(int i, double v) {
        min[i] = Math.min(min[i], v);
        max[i] = Math.max(max[i], v);
    }

    /** The buckets in which a value came or a number held; the last value holds until now at most. */
    List<Bucket> result() {
        endHold(now);
        List<Bucket> out = new ArrayList<>();
        for (int i = 0; i < count.length; i++) {
            if (count[i] == 0 && held[i] == 0) {
                continue;
            }
            boolean any = min[i] <= max[i];
            // a number that held no time at all (the last one, just now) is its bucket's mean
            Double mean = held[i] > 0
                    ? Double.valueOf(integral[i] / held[i])
                    : numeric[i] > 0 ? Double.valueOf(last[i]) : null;
            out.add(new Bucket(
                    Instant.ofEpochMilli(start + i * width),
                    count[i],
                    numeric[i],
                    any ? min[i] : null,
                    any ? max[i] : null,
                    mean,
                    Double.isNaN(last[i]) ? null : last[i],
                    Double.isNaN(first[i]) ? null : first[i],
                    held[i]));
        }
        return out;
    }
}
