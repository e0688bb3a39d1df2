package org.urbis.benchmarks.rest;

import java.util.Arrays;
import java.util.Locale;

/** Latencies in nanoseconds of one measured phase, and the failures beside them. */
final class Latencies {

    private long[] nanos = new long[1024];
    private int count;
    private int failures;
    private String firstFailure = "";

    synchronized void add(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    synchronized void fail(String why) {
        if (failures++ == 0) {
            firstFailure = why;
        }
    }

    synchronized int count() {
        return count;
    }

    synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, i))] / 1e6;
    }

    /** {@code name_p50_ms}, {@code name_p99_ms} and friends, one per line. */
    synchronized String lines(String name, String what) {
        return String.format(
                Locale.ROOT,
                "%s_count %d   # %s%n%s_failures %d%s%n%s_p50_ms %.2f%n%s_p99_ms %.2f%n%s_max_ms %.2f",
                name,
                count,
                what,
                name,
                failures,
                failures == 0 ? "" : "   # first: " + firstFailure,
                name,
                percentileMillis(50),
                name,
                percentileMillis(99),
                name,
                percentileMillis(100));
    }

    @Override
    public synchronized String toString() {
        return String.format(
                Locale.ROOT,
                "%d ok, %d failed, p50 %.2f ms, p99 %.2f ms, max %.2f ms%s",
                count,
                failures,
                percentileMillis(50),
                percentileMillis(99),
                percentileMillis(100),
                failures == 0 ? "" : " (first failure: " + firstFailure + ")");
    }
}
