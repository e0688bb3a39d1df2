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

    private ReferenceBuckets() {}

    /** All a point's values, oldest first, with what a bucket reads of each. */
    static List<Bucket> of(List<Sample> all, Instant from, Instant to, Duration step, Duration maxHold, Instant now) {
        long start = from.toEpochMilli();
        long end = to.toEpochMilli();
        long width = step.toMillis();
        List<Bucket> out = new ArrayList<>();
        for (long bs = start; bs < end; bs += width) {
            long be = Math.min(bs + width, end);
            long count = 0;
            List<Double> numbers = new ArrayList<>(); // of the values in the bucket
            List<Double> seen = new ArrayList<>(); // those and the numbers held in it
            double integral = 0;
            long held = 0;
            for (int k = 0; k < all.size(); k++) {
                Sample s = all.get(k);
                long t = s.time().toEpochMilli();
                double v = number(s.value());
                boolean in = t >= bs && t < be;
                count += in ? 1 : 0;
                if (in && !Double.isNaN(v)) {
                    numbers.add(v);
                    seen.add(v);
                }
                if (Double.isNaN(v) || s.quality() == Quality.BAD || s.reason() == QualityReason.STALE) {
                    continue;
                }
                long until = k + 1 < all.size() ? all.get(k + 1).time().toEpochMilli() : now.toEpochMilli();
                long overlap = Math.min(Math.min(until, t + maxHold.toMillis()), be) - Math.max(t, bs);
                if (overlap > 0) {
                    integral += v * overlap;
                    held += overlap;
                    seen.add(v);
                }
            }
            if (count > 0 || held > 0) {
                Double last = numbers.isEmpty() ? null : numbers.get(numbers.size() - 1);
                out.add(new Bucket(
                        Instant.ofEpochMilli(bs),
                        count,
                        numbers.size(),
                        seen.stream().min(Double::compare).orElse(null),
                        seen.stream().max(Double::compare).orElse(null),
                        held > 0 ? Double.valueOf(integral / held) : last,
                        last,
                        numbers.isEmpty() ? null : numbers.get(0),
                        held));
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
            assertEquals(
                    e,
                    new Bucket(
                            a.start(),
                            a.count(),
                            a.numeric(),
                            a.min(),
                            a.max(),
                            e.mean(),
                            a.last(),
                            a.first(),
                            a.heldMillis()),
                    what + ", bucket " + i);
            assertEquals(e.mean() == null, a.mean() == null, what + ", a mean of bucket " + i);
            if (e.mean() != null) {
                assertEquals(
                        e.mean(), a.mean(), 1e-9 * Math.max(1, Math.abs(e.mean())), what + ", mean of bucket " + i);
            }
        }
    }
}
