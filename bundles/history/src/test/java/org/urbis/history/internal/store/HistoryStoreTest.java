package org.urbis.history.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.AlarmState;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.history.Sample;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;

class HistoryStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant END = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final AtomicLong now = new AtomicLong(T0.toEpochMilli());

    private HistoryStore open(HistorySettings settings) throws Exception {
        return HistoryStore.open(dir.resolve("history.mv.db"), settings, now::get);
    }

    private static HistorySettings settings(Duration retention, long maxBytes) {
        return new HistorySettings(
                retention, maxBytes, Duration.ofMinutes(10), 64L << 20, HistoryStore.DEFAULT_MAX_HOLD);
    }

    /** Lamps' power every 10 s from T0, moving on the store's clock, committing every five minutes. */
    private void power(HistoryStore s, int count, String... devices) {
        for (int i = 0; i < count; i++) {
            Instant t = T0.plusSeconds(10L * i);
            now.set(t.toEpochMilli());
            for (String device : devices) {
                assertTrue(s.append(device, "power", t, 100.0 + i % 50 / 10.0, Quality.GOOD, QualityReason.NONE));
            }
            if (i % 30 == 29) {
                s.commit();
            }
        }
    }

    @Test
    void aDayOfValuesComesBackRawFromSealedChunksAndTheOpenRunAndAfterReopening() throws Exception {
        int day = 8_640;
        try (HistoryStore s = open(HistorySettings.defaults())) {
            power(s, 10, "lamp-2");
            power(s, day, "lamp-1");
            List<Sample> all = s.values("lamp-1", "power", T0, END, 100_000);
            assertEquals(day, all.size());
            for (int i = 0; i < day; i++) {
                assertEquals(T0.plusSeconds(10L * i), all.get(i).time());
                assertEquals(100.0 + i % 50 / 10.0, all.get(i).value());
            }
            List<Sample> hour = s.values("lamp-1", "power", T0.plusSeconds(3600), T0.plusSeconds(7200), 100_000);
            assertEquals(360, hour.size());
            assertEquals(T0.plusSeconds(3600), hour.get(0).time());
            assertEquals(5, s.values("lamp-1", "power", T0, END, 5).size());
            assertTrue(s.stats().dataBytes() > 0, "sealed chunks are counted");
        }
        try (HistoryStore s = open(HistorySettings.defaults())) {
            assertEquals(day, s.values("lamp-1", "power", T0, END, 100_000).size());
            assertEquals(10, s.values("lamp-2", "power", T0, END, 100_000).size());
            assertEquals(List.of(), s.values("lamp-3", "power", T0, END, 10));
            assertEquals(List.of(), s.values("lamp-1", "dim", T0, END, 10));
        }
    }

    @Test
    void valuesBeforeThePointsLastAreRefusedAsLate() throws Exception {
        try (HistoryStore s = open(HistorySettings.defaults())) {
            assertTrue(s.append("meter-1", "flow", T0.plusSeconds(10), 5L, Quality.GOOD, QualityReason.NONE));
            assertFalse(s.append("meter-1", "flow", T0, 4L, Quality.GOOD, QualityReason.NONE));
            assertTrue(s.append("meter-1", "flow", T0.plusSeconds(10), 6L, Quality.GOOD, QualityReason.NONE));
            assertEquals(1, s.stats().late());
            assertEquals(
                    List.of(5L, 6L),
                    s.values("meter-1", "flow", T0, END, 10).stream()
                            .map(Sample::value)
                            .toList());
        }
    }

    @Test
    void retentionDropsWhatIsOlderAndTheRestStays() throws Exception {
        try (HistoryStore s = open(settings(Duration.ofHours(6), 1L << 30))) {
            power(s, 8_640, "lamp-1");
            s.commit();
            HistoryStore.Maintenance m = s.maintain();
            assertFalse(m.sizeBoundHit());
            assertTrue(m.chunksDropped() > 0);
            List<Sample> left = s.values("lamp-1", "power", T0, END, 100_000);
            Instant cutoff = Instant.ofEpochMilli(now.get()).minus(Duration.ofHours(6));
            assertFalse(
                    left.get(0).time().isBefore(cutoff.minus(Duration.ofMinutes(20))),
                    "oldest left " + left.get(0).time());
            assertEquals(T0.plusSeconds(10L * 8_639), left.get(left.size() - 1).time());
        }
    }

    @Test
    void theSizeBoundDropsTheOldestHoursFirstAndSaysSo() throws Exception {
        long bound = 100_000;
        try (HistoryStore s = open(settings(Duration.ofDays(30), bound))) {
            power(s, 8_640, "lamp-0", "lamp-1", "lamp-2", "lamp-3", "lamp-4", "lamp-5", "lamp-6", "lamp-7");
            s.commit();
            assertTrue(
                    s.stats().dataBytes() > bound,
                    "filled beyond the bound: " + s.stats().dataBytes());
            HistoryStore.Maintenance m = s.maintain();
            assertTrue(m.sizeBoundHit());
            assertTrue(
                    s.stats().dataBytes() <= bound,
                    "back under the bound: " + s.stats().dataBytes());
            List<Sample> left = s.values("lamp-0", "power", T0, END, 100_000);
            assertFalse(left.isEmpty());
            assertFalse(left.get(0).time().isBefore(m.cutoff().minus(Duration.ofMinutes(20))));
            assertEquals(T0.plusSeconds(10L * 8_639), left.get(left.size() - 1).time(), "the newest stays");
        }
        try (HistoryStore s = open(settings(Duration.ofDays(30), bound))) {
            assertTrue(s.stats().dataBytes() <= bound, "the count of bytes survives reopening");
            assertFalse(s.maintain().sizeBoundHit());
        }
    }

    @Test
    void compactingShrinksTheFileAndQueriesGoOnMeanwhile() throws Exception {
        String[] lamps = new String[20];
        for (int i = 0; i < lamps.length; i++) {
            lamps[i] = "lamp-" + i;
        }
        try (HistoryStore s = open(HistorySettings.defaults())) {
            power(s, 8_640, lamps); // a day of 20 lamps, sealed every ten minutes
            s.sealAll();
            s.commit();
            long before = s.stats().fileBytes();
            AtomicLong queries = new AtomicLong();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread reader = new Thread(() -> {
                while (!done.get()) {
                    try {
                        assertEquals(
                                8_640,
                                s.values("lamp-7", "power", T0, END, 100_000).size());
                        queries.incrementAndGet();
                    } catch (Throwable e) {
                        failures.add(e);
                        return;
                    }
                }
            });
            reader.start();
            try {
                assertTrue(s.compact(), "a file mostly dead is compacted");
            } finally {
                done.set(true);
                reader.join();
            }
            assertEquals(List.of(), failures);
            long after = s.stats().fileBytes();
            assertTrue(after < before * 9 / 10, "the file shrank from " + before + " to " + after + " bytes");
            assertFalse(s.compact(), "a compact file is left alone");
            for (String lamp : lamps) {
                List<Sample> all = s.values(lamp, "power", T0, END, 100_000);
                assertEquals(8_640, all.size(), lamp);
                assertEquals(100.0 + 8_639 % 50 / 10.0, all.get(8_639).value(), lamp);
            }
        }
        try (HistoryStore s = open(HistorySettings.defaults())) {
            assertEquals(8_640, s.values("lamp-19", "power", T0, END, 100_000).size(), "and after reopening");
        }
    }

    @Test
    void healthAndAlarmChangesAreKeptPerDevice() throws Exception {
        DeviceHealth offline = new DeviceHealth(
                "lamp-1", HealthStatus.OFFLINE, HealthDetail.TIMEOUT, "no answer", T0.plusSeconds(5), T0, 3, 3);
        DeviceHealth online =
                new DeviceHealth("lamp-1", HealthStatus.ONLINE, HealthDetail.NONE, "", T0.plusSeconds(60), null, 3, 0);
        Alarm raised = new Alarm(
                "lamp-1",
                "LAMP_FAILURE",
                AlarmSeverity.MAJOR,
                AlarmState.RAISED,
                "lamp out",
                T0.plusSeconds(5),
                T0.plusSeconds(5),
                "");
        Alarm acked = new Alarm(
                "lamp-1",
                "LAMP_FAILURE",
                AlarmSeverity.MAJOR,
                AlarmState.ACKNOWLEDGED,
                "lamp out",
                T0.plusSeconds(5),
                T0.plusSeconds(30),
                "crew-7");
        try (HistoryStore s = open(HistorySettings.defaults())) {
            s.health(offline);
            s.alarm(raised);
            s.health(online);
            s.alarm(acked);
            s.health(new DeviceHealth("lamp-2", HealthStatus.ONLINE, HealthDetail.NONE, "", T0, null, 0, 0));
        }
        try (HistoryStore s = open(HistorySettings.defaults())) {
            assertEquals(List.of(offline, online), s.health("lamp-1", T0, END));
            assertEquals(List.of(raised, acked), s.alarms("lamp-1", T0, END));
            assertEquals(List.of(online), s.health("lamp-1", T0.plusSeconds(6), END));
            assertEquals(List.of(), s.alarms("lamp-9", T0, END));
        }
    }
}
