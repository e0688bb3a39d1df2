package org.urbis.grid.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Value;
import org.urbis.grid.internal.Grid;
import org.urbis.grid.internal.GridSettings;
import org.urbis.grid.internal.feeder.Feeder;
import org.urbis.grid.internal.feeder.FeederFormat;
import org.urbis.testing.FakeRegistry;
import org.urbis.testing.SettableClock;

/** What urbis:forecast and urbis:grid-controllers print. */
class GridShellTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-04-14T05:00:00Z"));
    private final FakeRegistry registry = new FakeRegistry();

    private void put(String id, DeviceClass cls, List<Point> points, Map<String, Value> values) {
        registry.put(
                new Device(id, cls, cls.id(), "sim://" + id, null, Map.of("feeder", "PT-F1"), points, null, null),
                new DeviceHealth(id, HealthStatus.ONLINE, null, "", clock.instant(), clock.instant(), 0, 0),
                values);
    }

    @Test
    void forecastAndControllersAreListedWithADryRunThatSendsNothing() {
        Feeder f = FeederFormat.parse(
                "pt-f1.feeder.json",
                "{\"feeder\": \"PT-F1\", \"transformerMeter\": \"GM-PT-F1-TX\", "
                        + "\"importLimitKw\": 15, \"exportLimitKw\": 8, \"hysteresisKw\": 1, \"peakController\": \"off\", \"exportController\": \"automatic\"}");
        put(
                "PV-PT-001",
                DeviceClass.of("pv"),
                List.of(
                        Point.builder("acPower", DataType.FLOAT).build(),
                        Point.builder("powerLimitPct", DataType.FLOAT)
                                .access(Access.READ_WRITE)
                                .build(),
                        Point.builder("ratedPower", DataType.FLOAT).build()),
                Map.of(
                        "acPower",
                        Value.good("acPower", 20.0, clock.instant()),
                        "ratedPower",
                        Value.good("ratedPower", 23.0, clock.instant())));
        put(
                "GM-PT-F1-TX",
                DeviceClass.of("gridmeter"),
                List.of(Point.builder("activePower", DataType.FLOAT).build()),
                Map.of("activePower", Value.good("activePower", -12.0, clock.instant())));
        List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        Grid grid = new Grid(
                new GridSettings("scheduler", Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(15)),
                registry,
                () -> null,
                c -> {
                    sent.add(c.target() + " " + c.point() + "=" + c.value());
                    return CompletableFuture.completedFuture(
                            new CommandResult(c.id(), c.target(), CommandState.CONFIRMED, "", clock.instant(), null));
                },
                () -> null,
                clock,
                ZoneId.of("Asia/Ho_Chi_Minh"));
        grid.setFeeders(List.of(f));

        List<String> dry = GridControllersCommand.lines(
                grid, List.of("feeder file x.feeder.json refused: importLimitKw is missing"), null, true, 10);
        assertEquals("REFUSED feeder file x.feeder.json refused: importLimitKw is missing", dry.get(0));
        assertTrue(
                dry.get(1)
                        .startsWith(
                                "Feeder PT-F1 (pt-f1.feeder.json, meter GM-PT-F1-TX): peak off at 15.0 kW, export automatic at 8.0 kW"),
                dry.get(1));
        assertTrue(
                dry.get(2)
                        .startsWith(
                                "  would (export): [PV-PT-001 powerLimitPct=67.0] because export 12.0 kW over the limit 8.0 kW"),
                dry.get(2));
        assertTrue(sent.isEmpty(), "a dry run sends nothing");

        grid.evaluate(f, true);
        assertEquals(List.of("PV-PT-001 powerLimitPct=67.0"), sent);
        List<String> after = GridControllersCommand.lines(grid, List.of(), "PT-F1", false, 10);
        assertTrue(
                after.get(1)
                        .contains(
                                " export (automatic) 1 CONFIRMED: [PV-PT-001 powerLimitPct=67.0] because export 12.0 kW"),
                after.toString());

        List<String> forecast = ForecastCommand.lines(grid, f, grid.forecast(f), 6);
        assertTrue(
                forecast.get(0)
                        .startsWith(
                                "Feeder PT-F1: import limit 15.0 kW, export limit 8.0 kW, PV rated 23.0 kW; forecast of 2026-04-14T12:00"),
                forecast.get(0));
        assertEquals("Accuracy: no day-ahead forecast has met its day yet", forecast.get(1));
        assertTrue(forecast.get(2).startsWith("Basis: no history store installed"), forecast.get(2));
        assertEquals(4 + 6, forecast.size(), "a line per hour");
        assertTrue(forecast.get(4).startsWith("  Tue 14 12:00"), forecast.get(4));
    }
}
