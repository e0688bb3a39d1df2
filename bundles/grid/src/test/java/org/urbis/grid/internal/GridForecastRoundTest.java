package org.urbis.grid.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.history.Bucket;
import org.urbis.api.history.History;
import org.urbis.api.value.Value;
import org.urbis.grid.internal.feeder.Feeder;
import org.urbis.grid.internal.feeder.Mode;
import org.urbis.grid.internal.forecast.DayAheadLog;
import org.urbis.testing.FakeRegistry;
import org.urbis.testing.SettableClock;

/**
 * A round forecasts its feeders on several threads and shares what they have in common (the clear sky of a place, the
 * calendar of a set of holidays): each feeder's forecast and day-ahead accuracy are the same as when it is forecast
 * alone, round after round.
 */
class GridForecastRoundTest {

    private static final ZoneId SITE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final int FEEDERS = 8;

    @Test
    void aRoundOnSeveralThreadsForecastsEveryFeederAsAloneDayAfterDay() {
        Instant now = LocalDate.of(2026, 2, 14).atStartOfDay(SITE).toInstant();
        SettableClock clock = new SettableClock(now);
        FakeRegistry registry = new FakeRegistry();
        History history = history();
        List<Feeder> feeders = new ArrayList<>();
        for (int i = 0; i < FEEDERS; i++) {
            // some with a holiday of their own (Tết's eve worked as a day off), some at another place
            Set<LocalDate> holidays = i % 3 == 0 ? Set.of(LocalDate.of(2026, 2, 13)) : Set.of();
            feeders.add(new Feeder(
                    "F" + i,
                    "f" + i + ".feeder.json",
                    "F" + i + "-TX",
                    i % 2 == 0 ? 10.93 : 17.47,
                    108.1,
                    i % 4 == 0 ? "WS" : null,
                    500,
                    200,
                    10,
                    Mode.ADVISE,
                    Mode.ADVISE,
                    4,
                    30,
                    holidays));
            Device inverter = new Device(
                    "F" + i + "-INV",
                    DeviceClass.of("pv"),
                    "pv",
                    "sim://F" + i + "-INV",
                    null,
                    Map.of("feeder", "F" + i),
                    List.of(Point.builder("acPower", DataType.FLOAT).unit("kW").build()),
                    null,
                    null);
            registry.put(
                    inverter,
                    new DeviceHealth(inverter.id(), HealthStatus.ONLINE, null, "", now, now, 0, 0),
                    Map.of("ratedPower", Value.good("ratedPower", 100.0 + i, now)));
        }
        Grid round = grid(registry, history, clock);
        round.setFeeders(feeders);
        Grid alone = grid(registry, history, clock);
        alone.setFeeders(feeders);
        for (int day = 0; day < 8; day++) {
            round.forecastAll();
            for (Feeder f : feeders) {
                FeederForecast expected = alone.forecast(f);
                FeederForecast got = round.forecast(f.id()).orElseThrow();
                assertArrayEquals(expected.load().values(), got.load().values(), f.id() + " load on day " + day);
                assertArrayEquals(expected.pv().values(), got.pv().values(), f.id() + " PV on day " + day);
                assertEquals(expected.accuracy(), got.accuracy(), f.id() + " day-ahead accuracy on day " + day);
            }
            clock.advance(Duration.ofHours(24));
        }
        // by then nearly a week of day-ahead forecasts is measured (a quarter hour in 97 is missing from the history)
        assertTrue(
                round.forecast("F1").orElseThrow().accuracy().slots() > 6 * 96,
                round.forecast("F1").orElseThrow().accuracy().toString());
    }

    @Test
    void aDayAheadForecastIsKeptOnceAndForgottenOnlyDaysLater() {
        DayAheadLog log = new DayAheadLog();
        long slot = 1_000_000;
        assertTrue(Double.isNaN(log.get(slot)));
        log.putIfAbsent(slot, Double.NaN);
        log.putIfAbsent(slot, 5);
        assertTrue(Double.isNaN(log.get(slot)), "an unknown forecast is kept as such: a later one does not replace it");
        log.putIfAbsent(slot + 1, 7);
        log.putIfAbsent(slot + 1, 8);
        assertEquals(7, log.get(slot + 1));
        long weekLater = slot + 1 + 7 * 96;
        log.putIfAbsent(weekLater, 9);
        assertEquals(7, log.get(slot + 1), "still kept a week later");
        log.putIfAbsent(slot + 1 + 10 * 96, 10);
        assertTrue(Double.isNaN(log.get(slot + 1)), "forgotten ten days later");
        assertEquals(10, log.get(slot + 1 + 10 * 96));
    }

    private static Grid grid(FakeRegistry registry, History history, SettableClock clock) {
        return new Grid(
                new GridSettings("scheduler", Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(15)),
                registry,
                () -> history,
                c -> null,
                () -> null,
                clock,
                SITE);
    }

    /** Quarter-hour means made up from the device's name and the slot: daily shapes, weekdays, noise, and sun. */
    private static History history() {
        return (History) Proxy.newProxyInstance(
                History.class.getClassLoader(),
                new Class<?>[] {History.class},
                (proxy, method, args) -> method.getName().equals("downsampled")
                        ? buckets((String) args[0], (String) args[1], (Instant) args[2], (Instant) args[3], (Duration)
                                args[4])
                        : method.getReturnType() == List.class ? List.of() : null);
    }

    private static List<Bucket> buckets(String deviceId, String point, Instant from, Instant to, Duration step) {
        List<Bucket> out = new ArrayList<>();
        int seed = deviceId.hashCode();
        for (Instant t = from; t.isBefore(to); t = t.plus(step)) {
            long slot = Duration.between(START, t).toMinutes() / 15;
            if (slot < 0 || Math.floorMod(seed + slot, 97) == 0) {
                continue; // before the store, or a quarter hour missed
            }
            double dayShare = Math.floorMod(slot, 96) / 96.0;
            double sun = Math.max(0, Math.sin(Math.PI * (dayShare - 0.25) * 2));
            double v = switch (point) {
                case "acPower" -> 60 * sun * (0.7 + 0.3 * Math.cos(slot * 0.013 + seed));
                case "solarRadiation" -> 900 * sun * (0.6 + 0.4 * Math.cos(slot * 0.011));
                default ->
                    300
                            + 150 * Math.sin(2 * Math.PI * dayShare + seed % 7)
                            + (Math.floorMod(slot / 96, 7) >= 5 ? -60 : 0)
                            + 20 * Math.sin(slot * 1.7 + seed)
                            - 60 * sun;
            };
            out.add(new Bucket(t, 1, 1, v, v, v, v));
        }
        return out;
    }
}
