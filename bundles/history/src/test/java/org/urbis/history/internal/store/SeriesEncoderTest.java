package org.urbis.history.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;

class SeriesEncoderTest {

    private record V(long time, Object value, Quality quality, QualityReason reason) {}

    private static List<V> roundTrip(List<V> in) {
        SeriesEncoder e = new SeriesEncoder(16);
        in.forEach(v -> e.append(v.time, v.value, v.quality, v.reason));
        SeriesDecoder d = new SeriesDecoder(e.body.array(), 0, e.body.size());
        List<V> out = new ArrayList<>();
        while (d.next()) {
            out.add(new V(d.time, d.value(), d.quality(), d.reason()));
        }
        return out;
    }

    @Test
    void everyKindOfValueComesBackAsItWent() {
        long t = 1_764_000_000_000L;
        List<V> in = List.of(
                new V(t, 230.4, Quality.GOOD, QualityReason.NONE),
                new V(t + 10_000, 230.0, Quality.GOOD, QualityReason.NONE),
                new V(t + 20_000, 229.85, Quality.GOOD, QualityReason.NONE),
                new V(t + 20_000, 1.0 / 3, Quality.GOOD, QualityReason.NONE),
                new V(t + 30_001, 42L, Quality.GOOD, QualityReason.NONE),
                new V(t + 40_000, -7L, Quality.UNCERTAIN, QualityReason.OUT_OF_RANGE),
                new V(t + 50_000, true, Quality.GOOD, QualityReason.NONE),
                new V(t + 60_000, false, Quality.GOOD, QualityReason.NONE),
                new V(t + 70_000, "Đèn hỏng", Quality.GOOD, QualityReason.NONE),
                new V(t + 80_000, null, Quality.BAD, QualityReason.TIMEOUT),
                new V(t + 90_000, Double.NaN, Quality.GOOD, QualityReason.NONE),
                new V(t + 95_000, -0.0, Quality.GOOD, QualityReason.NONE),
                new V(t + 99_000, 1e300, Quality.GOOD, QualityReason.NONE),
                new V(t + 99_500, Long.MIN_VALUE, Quality.GOOD, QualityReason.NONE),
                new V(t + 99_600, Long.MAX_VALUE, Quality.GOOD, QualityReason.NONE));
        List<V> out = roundTrip(in);
        assertEquals(in.size(), out.size());
        for (int i = 0; i < in.size(); i++) {
            V a = in.get(i);
            V b = out.get(i);
            assertEquals(a.time, b.time, "time of #" + i);
            if (a.value instanceof Double x) {
                assertEquals(
                        Double.doubleToLongBits(x),
                        Double.doubleToLongBits((Double) b.value),
                        "value of #" + i + ": " + b.value);
            } else {
                assertEquals(a.value, b.value, "value of #" + i);
            }
            assertEquals(a.quality, b.quality);
            assertEquals(a.reason, b.reason);
        }
    }

    @Test
    void randomReadingsComeBackExactly() {
        Random r = new Random(7);
        long t = 1_700_000_000_000L;
        List<V> in = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            t += r.nextInt(3) == 0 ? r.nextInt(100_000) : 10_000;
            Object v = switch (r.nextInt(4)) {
                case 0 -> Math.round(r.nextGaussian() * 1000) / 10.0;
                case 1 -> r.nextDouble() * 1e6;
                case 2 -> r.nextLong();
                default -> r.nextBoolean();
            };
            in.add(new V(t, v, Quality.GOOD, QualityReason.NONE));
        }
        assertEquals(in, roundTrip(in));
    }

    @Test
    void aSteadyDecimalReadingTakesAboutTwoBytes() {
        SeriesEncoder e = new SeriesEncoder(16);
        double v = 230.0;
        Random r = new Random(1);
        for (int i = 0; i < 8_640; i++) {
            v = Math.round((v + r.nextGaussian() * 0.3) * 10) / 10.0;
            e.append(1_764_000_000_000L + i * 10_000L, v, Quality.GOOD, QualityReason.NONE);
        }
        double perValue = (double) e.body.size() / e.count;
        assertTrue(perValue < 3, "bytes a value: " + perValue);
        assertEquals(8_640, e.stats.numeric);
    }
}
