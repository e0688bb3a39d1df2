package org.urbis.history.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.urbis.api.history.Bucket;
import org.urbis.api.history.Sample;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;

/**
 * Time-weighted buckets worked out the slow way, bucket by bucket over every raw value of a point, to check
 * what the store answers from chunks, their summaries and roll-ups.
 */
final class ReferenceBuckets {

    private ReferenceBuckets() {
    }

    /** All a point's values, oldest first, with what a bucket reads of each. */
    static List<Bucket> of(List<Sample> all, Instant from, Instant to, Duration step, Duration maxHold, Instant now) {
        long start = from.toEpochMilli();
        long end = to.toEpochMilli();
        long width = step.toMillis();
        List<Bucket> out = new ArrayList<>();
        for (long bs = start; bs < end; bs += width) {
            long be = Math.min(bs + width, end);
            long count = 0;
            long numeric = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            Double first = null;
            Double last = null;
            double integral = 0;
            long held = 0;
            for (int k = 0; k < all.size(); k++) {
                Sample s = all.get(k);
                long t = s.time().toEpochMilli();
                double v = number(s.value());
                if (t >= bs && t < be) {
                    count++;
                    if (!Double.isNaN(v)) {
                        numeric++;
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                        first = first == null ? v : first;
                        last = v;
                    }
                }
                if (Double.isNaN(v) || s.quality() == Quality.BAD || s.reason() == QualityReason.STALE) {
                    continue;
                }
                long until = k + 1 < all.size() ? all.get(k + 1).time().toEpochMilli() : now.toEpochMilli();
                long overlap = Math.min(Math.min(until, t + maxHold.toMillis()), be) - Math.max(t, bs);
                if (overlap > 0) {
                    integral += v * overlap;
                    held += overlap;
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
            if (count > 0 || held > 0) {
                boolean any = min <= max;
                out.add(new Bucket(Instant.ofEpochMilli(bs), count, numeric, any ? min : null, any ? max : null,
                        held > 0 ? Double.valueOf(integral / held) : last, last, first, held));
            }
        }
        return out;
    }

    private static double number(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** Buckets equal but for the rounding of sums taken in another order. */
    static void assertSame(List<Bucket> expected, List<Bucket> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": buckets " + expected + " vs " + actual);
        for (int i = 0; i < expected.size(); i++) {
            Bucket e = expected.get(i);
            Bucket a = actual.get(i);
            assertEquals(e, new Bucket(a.start(), a.count(), a.numeric(), a.min(), a.max(), e.mean(), a.last(), a.first(),
                    a.heldMillis()), what + ", bucket " + i);
            assertEquals(e.mean() == null, a.mean() == null, what + ", a mean of bucket " + i);
            if (e.mean() != null) {
                assertEquals(e.mean(), a.mean(), 1e-9 * Math.max(1, Math.abs(e.mean())), what + ", mean of bucket " + i);
            }
        }
    }
}
