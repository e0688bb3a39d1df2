package org.urbis.history.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.history.Bucket;
import org.urbis.api.history.Sample;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.testing.Await;

/** A kill -9 of a process writing history loses nothing it had committed and leaves a store that opens and goes on. */
class HistoryCrashTest {

    @TempDir
    Path dir;

    @Test
    void everythingCommittedBeforeAKillIsThereAfterwards() throws Exception {
        Path file = dir.resolve("history.mv.db");
        Process writer = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashingWriter.class.getName(),
                        file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        AtomicLong acknowledged = new AtomicLong(-1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in =
                    new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("committed ")) {
                        acknowledged.set(Long.parseLong(line.substring(10).trim()));
                    }
                }
            } catch (java.io.IOException e) {
                // the pipe closes with the kill
            }
        });
        reader.start();
        try {
            // Enough rounds that runs were sealed (every second) and the log has moved on more than once.
            long start = System.nanoTime();
            Await.until(
                    "the writer to commit 5,000 rounds over 3 s",
                    Duration.ofSeconds(120),
                    () -> acknowledged.get() >= 5_000 && System.nanoTime() - start > 3_000_000_000L);
        } finally {
            writer.destroyForcibly(); // SIGKILL, mid-write
            assertTrue(writer.waitFor(20, TimeUnit.SECONDS));
            reader.join(10_000);
        }
        long committed = acknowledged.get();

        Instant now = Instant.now();
        try (HistoryStore store = HistoryStore.open(file, CrashingWriter.SETTINGS, now::toEpochMilli)) {
            // Far beyond what any machine writes before the kill: a fast one writes a minute of data per round,
            // and so months of it in the seconds the test lets the writer run.
            Instant horizon = CrashingWriter.T0.plus(Duration.ofDays(3650));
            long shortest = Long.MAX_VALUE;
            long longest = 0;
            for (int k = 0; k < CrashingWriter.SERIES; k++) {
                List<Sample> values = store.values("lamp-" + k, "power", CrashingWriter.T0, horizon, 10_000_000);
                assertTrue(
                        values.size() > committed,
                        "lamp-" + k + " has " + values.size() + " values, " + (committed + 1) + " were committed");
                for (int i = 0; i < values.size(); i++) {
                    Sample s = values.get(i);
                    assertEquals((long) i, s.value(), "value #" + i + " of lamp-" + k);
                    assertEquals(
                            CrashingWriter.T0.plusSeconds(i * CrashingWriter.STEP_SECONDS),
                            s.time(),
                            "time #" + i + " of lamp-" + k);
                }
                shortest = Math.min(shortest, values.size());
                longest = Math.max(longest, values.size());
            }
            // The buckets end with the 3-hour bucket holding the last value written.
            Duration step = Duration.ofHours(3);
            Instant end = CrashingWriter.T0.plus(
                    step.multipliedBy(longest * CrashingWriter.STEP_SECONDS / step.toSeconds() + 1));
            assertTrue(store.stats().rollupDays() > 0, "days rolled up before the kill are there");
            // The buckets, from the roll-ups the kill left, then from those rebuilt for the days it left without:
            // every value counted once.
            for (int round = 0; round < 2; round++) {
                for (int k = 0; k < CrashingWriter.SERIES; k += 9) {
                    List<Sample> values = store.values("lamp-" + k, "power", CrashingWriter.T0, end, 10_000_000);
                    List<Bucket> buckets = store.downsampled("lamp-" + k, "power", CrashingWriter.T0, end, step);
                    assertEquals(
                            values.size(),
                            buckets.stream().mapToLong(Bucket::count).sum(),
                            "lamp-" + k + ", round " + round);
                    ReferenceBuckets.assertSame(
                            ReferenceBuckets.of(
                                    values, CrashingWriter.T0, end, step, HistoryStore.DEFAULT_MAX_HOLD, now),
                            buckets,
                            "lamp-" + k + ", round " + round);
                }
                store.commit();
            }
            // The store goes on where it stopped.
            Instant next = CrashingWriter.T0.plusSeconds((shortest + 10_000) * CrashingWriter.STEP_SECONDS);
            assertTrue(store.append("lamp-0", "power", next, 1L, Quality.GOOD, QualityReason.NONE));
            store.commit();
            assertEquals(
                    List.of(new Sample(next, 1L, Quality.GOOD, QualityReason.NONE)),
                    store.values("lamp-0", "power", next, horizon, 10));
        }
    }
}
