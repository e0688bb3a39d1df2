package org.urbis.history.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.history.Bucket;
import org.urbis.api.history.Sample;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;

/** Bucket means over time, and roll-ups that answer as the values themselves do. */
class TimeWeightedBucketsTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant END = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration QUARTER = Duration.ofMinutes(15);

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(T0.toEpochMilli());

    private HistoryStore open(Duration maxHold) throws Exception {
        return HistoryStore.open(
                dir.resolve("history.mv.db"),
                new HistorySettings(Duration.ofDays(3650), 1L << 30, Duration.ofMinutes(10), 64L << 20, maxHold),
                now::get);
    }

    private static void put(HistoryStore s, String point, Instant t, Object v) {
        assertTrue(s.append("meter-1", point, t, v, Quality.GOOD, QualityReason.NONE));
    }

    @Test
    void aLoadSteadyMostOfTheQuarterIsNotOutweighedByABurstOfChangesAtItsEnd() throws Exception {
        try (HistoryStore s = open(HistoryStore.DEFAULT_MAX_HOLD)) {
            put(s, "load", T0, 1.2);
            for (int i = 0; i < 11; i++) { // ten readings of 10 kW in the quarter's last minute, then back to 1.2
                put(s, "load", T0.plus(Duration.ofMinutes(14)).plusSeconds(5L * i), i < 10 ? 10.0 : 1.2);
            }
            now.set(T0.plus(Duration.ofMinutes(45)).toEpochMilli());
            List<Bucket> b = s.downsampled("meter-1", "load", T0, T0.plus(Duration.ofHours(1)), QUARTER);
            assertEquals(3, b.size(), "the quarter hours up to now: " + b);
            assertEquals((1.2 * 840 + 10.0 * 50 + 1.2 * 10) / 900, b.get(0).mean(), 1e-9);
            assertEquals(12, b.get(0).count());
            assertEquals(1.2, b.get(0).first());
            assertEquals(1.2, b.get(0).last());
            assertEquals(1.2, b.get(0).min());
            assertEquals(10.0, b.get(0).max());
            assertEquals(900_000, b.get(0).heldMillis());
            // no reading in the next quarters: the 1.2 kW holds into them, until now
            assertEquals(new Bucket(T0.plus(QUARTER), 0, 0, 1.2, 1.2, 1.2, null, null, 900_000), b.get(1));
            assertEquals(
                    new Bucket(T0.plus(QUARTER.multipliedBy(2)), 0, 0, 1.2, 1.2, 1.2, null, null, 900_000), b.get(2));
        }
    }

    @Test
    void aHoldEndsAtItsMaximumAtABadValueAndAtAValueMarkedStale() throws Exception {
        try (HistoryStore s = open(Duration.ofHours(2))) {
            put(s, "level", T0, 4.0);
            assertTrue(s.append(
                    "meter-1", "level", T0.plus(Duration.ofHours(5)), 6.0, Quality.UNCERTAIN, QualityReason.NONE));
            assertTrue(s.append(
                    "meter-1",
                    "level",
                    T0.plus(Duration.ofHours(5).plusMinutes(30)),
                    6.0,
                    Quality.UNCERTAIN,
                    QualityReason.STALE));
            put(s, "level", T0.plus(Duration.ofHours(7)), 2.0);
            assertTrue(s.append(
                    "meter-1",
                    "level",
                    T0.plus(Duration.ofHours(7).plusMinutes(30)),
                    null,
                    Quality.BAD,
                    QualityReason.DEVICE_ERROR));
            now.set(T0.plus(Duration.ofHours(10)).toEpochMilli());
            List<Bucket> b = s.downsampled("meter-1", "level", T0, T0.plus(Duration.ofHours(10)), Duration.ofHours(1));
            assertEquals(
                    List.of(0, 1, 5, 7),
                    b.stream()
                            .map(x -> (int) Duration.between(T0, x.start()).toHours())
                            .toList());
            assertEquals(4.0, b.get(1).mean());
            assertEquals(1_800_000, b.get(2).heldMillis(), "the stale mark ends the 6.0");
            assertEquals(6.0, b.get(2).mean());
            assertEquals(1_800_000, b.get(3).heldMillis(), "the BAD value ends the 2.0");
            assertEquals(2, b.get(3).count());
            assertEquals(1, b.get(3).numeric());
            assertNull(
                    s
                            .downsampled(
                                    "meter-1",
                                    "level",
                                    T0.plus(Duration.ofHours(8)),
                                    T0.plus(Duration.ofHours(9)),
                                    Duration.ofHours(1))
                            .stream()
                            .findAny()
                            .orElse(null),
                    "nothing holds after a BAD value");
        }
    }

    /**
     * Random points with gaps longer than the maximum hold, repeated times, BAD and stale values and text,
     * over five days, queried at random edges: what the store answers, with its roll-ups, without them and
     * once they are rebuilt, is what the values give bucket by bucket.
     */
    @Test
    void rollUpsAndChunkSummariesAnswerAsTheRawValuesDo() throws Exception {
        for (long seed = 1; seed <= 6; seed++) {
            Random r = new Random(seed);
            Duration maxHold = List.of(Duration.ofMinutes(5), Duration.ofMinutes(40), Duration.ofHours(6))
                    .get((int) (seed % 3));
            java.nio.file.Files.deleteIfExists(dir.resolve("history.mv.db"));
            now.set(T0.toEpochMilli());
            try (HistoryStore s = open(maxHold)) {
                Instant t = T0.plusMillis(r.nextInt(3_600_000));
                String[] points = {"a", "b", "c"};
                Instant[] last = {t, t, t};
                int appended = 0;
                while (appended < 6_000) {
                    int p = r.nextInt(points.length);
                    int gap = r.nextInt(100);
                    long millis = gap < 2
                            ? 0
                            : gap < 5
                                    ? 3_600_000L * (1 + r.nextInt(9))
                                    : gap < 30 ? r.nextInt(900_000) : 1_000L * (1 + r.nextInt(120));
                    last[p] = last[p].plusMillis(millis);
                    int kind = r.nextInt(40);
                    boolean ok = switch (kind) {
                        case 0 ->
                            s.append("meter-1", points[p], last[p], null, Quality.BAD, QualityReason.DEVICE_ERROR);
                        case 1 -> s.append("meter-1", points[p], last[p], 7.5, Quality.UNCERTAIN, QualityReason.STALE);
                        case 2 -> s.append("meter-1", points[p], last[p], "jammed", Quality.GOOD, QualityReason.NONE);
                        case 3 ->
                            s.append("meter-1", points[p], last[p], r.nextBoolean(), Quality.GOOD, QualityReason.NONE);
                        default ->
                            s.append(
                                    "meter-1",
                                    points[p],
                                    last[p],
                                    Math.round(r.nextGaussian() * 1000) / 10.0,
                                    Quality.GOOD,
                                    QualityReason.NONE);
                    };
                    assertTrue(ok);
                    appended++;
                    Instant latest = last[0].isAfter(last[1]) ? last[0] : last[1];
                    latest = latest.isAfter(last[2]) ? latest : last[2];
                    if (latest.toEpochMilli() > now.get()) {
                        now.set(latest.toEpochMilli());
                    }
                    if (appended % 50 == 0) {
                        s.commit(); // seals what is ten minutes old on the store's clock
                    }
                }
                now.addAndGet(Duration.ofMinutes(30).toMillis());
                s.commit();
                assertTrue(s.stats().rollupDays() > 0, "days were rolled up as they were sealed");
                Instant latest = Instant.ofEpochMilli(now.get());
                for (int q = 0; q < 40; q++) {
                    String point = points[r.nextInt(points.length)];
                    boolean aligned = q % 2 == 0;
                    Instant from;
                    Duration step;
                    if (aligned) {
                        from = T0.plus(QUARTER.multipliedBy(r.nextInt(4 * 24 * 5) - 8));
                        step = QUARTER.multipliedBy(1 + r.nextInt(12));
                    } else {
                        from = T0.plusMillis(r.nextLong(Duration.ofDays(5).toMillis()) - 3_600_000);
                        step = Duration.ofMillis(
                                60_000 + r.nextLong(Duration.ofHours(4).toMillis()));
                    }
                    Instant to = from.plus(step.multipliedBy(1 + r.nextInt(200)));
                    if (q % 5 == 0) {
                        to = to.plusMillis(r.nextInt(1_000_000)); // a last bucket cut short
                    }
                    List<Sample> all = s.values("meter-1", point, T0.minus(Duration.ofDays(1)), END, 1_000_000);
                    List<Bucket> expected = ReferenceBuckets.of(all, from, to, step, maxHold, latest);
                    String what = "seed " + seed + ", point " + point + ", " + from + " to " + to + " by " + step;
                    ReferenceBuckets.assertSame(expected, s.downsampled("meter-1", point, from, to, step), what);
                    if (q % 8 == 0) {
                        long before = s.stats().rollupDays();
                        s.dropRollups();
                        ReferenceBuckets.assertSame(
                                expected, s.downsampled("meter-1", point, from, to, step), what + ", without roll-ups");
                        for (String each : points) {
                            s.downsampled(
                                    "meter-1",
                                    each,
                                    T0.minus(Duration.ofDays(1)),
                                    T0.plus(Duration.ofDays(30)),
                                    Duration.ofDays(1));
                        }
                        s.commit();
                        assertTrue(
                                s.stats().rollupDays() >= before,
                                "the days asked for are rolled up again: "
                                        + s.stats().rollupDays() + " of " + before);
                        ReferenceBuckets.assertSame(
                                expected,
                                s.downsampled("meter-1", point, from, to, step),
                                what + ", with rebuilt roll-ups");
                    }
                }
            }
        }
    }

    @Test
    void retentionDropsADaysRollUpWithItsChunksAndTheBucketsStillAnswerAsTheValuesLeft() throws Exception {
        try (HistoryStore s = HistoryStore.open(
                dir.resolve("history.mv.db"),
                new HistorySettings(
                        Duration.ofDays(2), 1L << 30, Duration.ofMinutes(10), 64L << 20, HistoryStore.DEFAULT_MAX_HOLD),
                now::get)) {
            for (int i = 0; i < 4 * 24 * 60; i++) {
                Instant t = T0.plus(Duration.ofMinutes(i));
                now.set(t.toEpochMilli());
                put(s, "flow", t, (double) (i % 97));
                if (i % 10 == 9) {
                    s.commit();
                }
            }
            long before = s.stats().rollupDays();
            assertTrue(before >= 1, "the days within the retention are rolled up: " + before);
            now.addAndGet(Duration.ofDays(1).toMillis());
            assertTrue(s.maintain().chunksDropped() > 0);
            assertTrue(
                    s.stats().rollupDays() < before,
                    "a day whose chunks went lost its roll-up: " + s.stats().rollupDays());
            List<Sample> left = s.values("meter-1", "flow", T0, END, 1_000_000);
            Instant from = T0.plus(Duration.ofDays(1));
            Instant to = T0.plus(Duration.ofDays(5));
            ReferenceBuckets.assertSame(
                    ReferenceBuckets.of(
                            left,
                            from,
                            to,
                            Duration.ofHours(1),
                            HistoryStore.DEFAULT_MAX_HOLD,
                            Instant.ofEpochMilli(now.get())),
                    s.downsampled("meter-1", "flow", from, to, Duration.ofHours(1)),
                    "after retention");
        }
    }
}
