package org.urbis.grid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.control.internal.audit.AuditLog;
import org.urbis.control.internal.command.CommandPipeline;
import org.urbis.control.internal.command.ControlSettings;
import org.urbis.grid.internal.control.Decision;
import org.urbis.grid.internal.feeder.Feeder;
import org.urbis.grid.internal.feeder.FeederFormat;
import org.urbis.testing.Await;
import org.urbis.testing.FakeDeviceIO;
import org.urbis.testing.FakeRegistry;
import org.urbis.testing.SettableClock;

/**
 * The controllers on recorded days, through the real command pipeline as the system issuer: a sunny low-load day
 * with reverse power (curtail, hold, release), a peak evening (shed, deepen, cancel), a meter reporting nonsense
 * (no decision, an alarm), and advise mode (nothing sent until an operator approves).
 */
class GridControllersPipelineTest {

    private static final ZoneId SITE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final FakeRegistry registry = new FakeRegistry();
    private final FakeDeviceIO io = new FakeDeviceIO();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-04-14T00:00:00Z"));
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<String> alarms = new CopyOnWriteArrayList<>();
    private AuditLog audit;
    private CommandPipeline pipeline;

    @BeforeEach
    void setUp() throws Exception {
        audit = new AuditLog(dir.resolve("audit.log"), clock);
        ControlSettings settings = new ControlSettings(
                Set.of("operator", "admin"),
                Map.of("scheduler", Set.of("operator")),
                Duration.ofHours(1),
                1000,
                Duration.ofHours(24),
                Duration.ofSeconds(30),
                5,
                20,
                1,
                5,
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofMillis(20),
                8,
                ControlSettings.parseIssuerRates(new String[] {"scheduler=200/1000"}));
        pipeline = new CommandPipeline(registry, io, List::of, audit, settings, clock, executor);
    }

    @AfterEach
    void tearDown() throws Exception {
        audit.close();
        executor.shutdownNow();
    }

    private Grid grid(Feeder feeder) {
        PlatformAlarms recorder = new PlatformAlarms() {
            @Override
            public void raise(String source, String type, AlarmSeverity severity, String message) {
                alarms.add("RAISE " + source + " " + type + ": " + message);
            }

            @Override
            public void clear(String source, String type, String message) {
                alarms.add("CLEAR " + source + " " + type);
            }
        };
        Grid grid = new Grid(
                new GridSettings("scheduler", Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(15)),
                registry,
                () -> null,
                service(),
                () -> recorder,
                clock,
                SITE);
        grid.setFeeders(List.of(feeder));
        return grid;
    }

    /** The pipeline as the command service: submitted as the system issuer, or with a session's roles. */
    private CommandService service() {
        return new CommandService() {
            @Override
            public CompletionStage<CommandResult> submit(Command command) {
                return pipeline.submit(command);
            }

            @Override
            public CompletionStage<CommandResult> submit(Command command, Set<String> roles) {
                return pipeline.submit(command, roles);
            }
        };
    }

    private static Feeder feeder(String peak, String export, int eventMinutes) {
        return FeederFormat.parse(
                "pt-f1.feeder.json",
                "{\"feeder\": \"PT-F1\", \"transformerMeter\": \"GM-PT-F1-TX\", "
                        + "\"importLimitKw\": 400, \"exportLimitKw\": 100, \"hysteresisKw\": 10, \"peakController\": \""
                        + peak + "\", "
                        + "\"exportController\": \"" + export + "\", \"eventMinutes\": " + eventMinutes + "}");
    }

    private void put(String id, DeviceClass cls, List<Point> points, Map<String, Value> values) {
        Device d = new Device(id, cls, cls.id(), "sim://" + id, null, Map.of("feeder", "PT-F1"), points, null, null);
        Instant now = clock.instant();
        registry.put(d, new DeviceHealth(id, HealthStatus.ONLINE, null, "", now, now, 0, 0), values);
    }

    private void meter(String id, double kw, boolean flexible) {
        List<Point> points = new ArrayList<>(
                List.of(Point.builder("activePower", DataType.FLOAT).unit("kW").build()));
        if (flexible) {
            points.add(Point.builder("loadControl", DataType.STRING)
                    .access(Access.READ_WRITE)
                    .build());
        }
        put(
                id,
                DeviceClass.of("gridmeter"),
                points,
                Map.of("activePower", Value.good("activePower", kw, clock.instant())));
    }

    private void inverter(String id, double rated, double ac) {
        List<Point> points = List.of(
                Point.builder("acPower", DataType.FLOAT).unit("kW").build(),
                Point.builder("powerLimitPct", DataType.FLOAT)
                        .unit("%")
                        .access(Access.READ_WRITE)
                        .limits(0.0, 100.0)
                        .build(),
                Point.builder("ratedPower", DataType.FLOAT).unit("kW").build());
        put(
                id,
                DeviceClass.of("pv"),
                points,
                Map.of(
                        "acPower",
                        Value.good("acPower", ac, clock.instant()),
                        "ratedPower",
                        Value.good("ratedPower", rated, clock.instant())));
    }

    private double commandedPct(String inverter) {
        Object v = io.stored.get(inverter + "/powerLimitPct");
        return v == null ? 100 : ((Number) v).doubleValue();
    }

    private List<String> writesAfter(int from) {
        synchronized (io.writes) {
            return io.writes.subList(from, io.writes.size()).stream()
                    .map(w -> w.device() + " " + w.point() + "=" + w.value())
                    .sorted()
                    .toList();
        }
    }

    /** A sunny low-load day: 20 kW of load under 150 kW of rooftop PV (INV-1 100 kW, INV-2 50 kW). */
    @Test
    void sunnyLowLoadDayCurtailsTheInvertersFairlyAndReleasesThemWhenTheExportFalls() throws Exception {
        Grid grid = grid(feeder("off", "automatic", 30));
        // available PV as a share of the rated power, hour by hour from 09:00 local time
        double[] sun = {0.60, 0.85, 0.95, 1.00, 0.90, 0.70, 0.40};
        List<List<String>> expected = List.of(
                List.of(),
                List.of("INV-1 powerLimitPct=76.0", "INV-2 powerLimitPct=76.0"),
                List.of(),
                List.of(),
                List.of(),
                List.of("INV-1 powerLimitPct=83.0", "INV-2 powerLimitPct=83.0"),
                List.of("INV-1 powerLimitPct=100.0", "INV-2 powerLimitPct=100.0"));
        double maxExportAfterControl = 0;
        for (int h = 0; h < sun.length; h++) {
            clock.set(Instant.parse("2026-04-14T02:00:00Z").plus(Duration.ofHours(h)));
            double pv1 = Math.min(100 * sun[h], commandedPct("INV-1"));
            double pv2 = Math.min(50 * sun[h], 0.5 * commandedPct("INV-2"));
            inverter("INV-1", 100, pv1);
            inverter("INV-2", 50, pv2);
            meter("GM-PT-F1-TX", 20 - pv1 - pv2, false);
            int before = io.writes.size();
            grid.evaluate(grid.feeder("PT-F1").orElseThrow(), true);
            int hour = h;
            Await.until(
                    "the commands of hour " + h,
                    Duration.ofSeconds(30),
                    () -> io.writes.size() - before == expected.get(hour).size()
                            && grid.actions().stream()
                                    .noneMatch(a -> a.outcome().equals("sent")),
                    () -> writesAfter(before).toString());
            assertEquals(expected.get(h), writesAfter(before), "hour " + (9 + h) + ":00");
            if (h > 1) {
                maxExportAfterControl = Math.max(
                        maxExportAfterControl,
                        Math.min(100 * sun[h], commandedPct("INV-1"))
                                + Math.min(50 * sun[h], 0.5 * commandedPct("INV-2"))
                                - 20);
            }
        }
        assertTrue(
                maxExportAfterControl <= 100, "export kept under the limit once curtailed: " + maxExportAfterControl);
        String log = String.join("\n", audit.all());
        assertTrue(log.contains("\"issuer\":\"scheduler\""), log);
        assertTrue(log.contains("export 107.5 kW over the limit 100.0 kW"), "the reason is audited: " + log);
        assertTrue(
                grid.actions().stream().allMatch(a -> a.outcome().equals("2 CONFIRMED")),
                grid.actions().toString());
        assertTrue(
                alarms.contains("RAISE grid:PT-F1 EXPORT_LIMIT: feeder PT-F1 exports 107.5 kW, limit 100.0 kW"),
                alarms.toString());
    }

    /** A peak evening: the feeder draws over its 400 kW limit; two flexible loads (60 and 40 kW) can shed. */
    @Test
    void peakEveningShedsFlexibleLoadsDeepensAndCancelsTheEvent() throws Exception {
        Grid grid = grid(feeder("automatic", "off", 120));
        // uncontrolled load of the feeder at 17:00, 18:00, 18:30, 19:00, 20:00 local time; flexible 100 kW of it
        String[] times = {"10:00", "11:00", "11:30", "12:00", "13:00"};
        double[] load = {350, 430, 460, 420, 360};
        List<Map<String, Object>> sent = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            clock.set(Instant.parse("2026-04-14T" + times[i] + ":00Z"));
            double share = sharedTarget() / 100;
            meter("LD-1", 60 * share, true);
            meter("LD-2", 40 * share, true);
            meter("GM-PT-F1-TX", load[i] - 100 * (1 - share), false);
            int before = io.writes.size();
            grid.evaluate(grid.feeder("PT-F1").orElseThrow(), true);
            Await.until(
                    "the pipeline is through",
                    Duration.ofSeconds(30),
                    () -> grid.actions().stream().noneMatch(a -> a.outcome().equals("sent")),
                    grid.actions()::toString);
            Map<String, Object> step = new HashMap<>();
            for (String w : writesAfter(before)) {
                step.put(w.substring(0, w.indexOf(' ')), JSON.readValue(w.substring(w.indexOf('=') + 1), Map.class));
            }
            sent.add(step);
        }
        assertEquals(Map.of(), sent.get(0), "350 kW: nothing to do");
        assertEquals(sent.get(1).get("LD-1"), sent.get(1).get("LD-2"), "every flexible load gets the same event");
        Map<?, ?> first = (Map<?, ?>) sent.get(1).get("LD-1");
        assertEquals(62, first.get("target"), "430 kW: shed 38 kW of 100 kW to aim at 392 kW (2 % under the limit)");
        assertEquals(3, first.get("criticality"));
        assertEquals(120, first.get("duration"));
        assertEquals(0, first.get("start"));
        Map<?, ?> deeper = (Map<?, ?>) sent.get(2).get("LD-2");
        assertEquals(32, deeper.get("target"), "460 kW: 30 kW more to shed, 68 of 100 kW");
        assertEquals(4, deeper.get("criticality"));
        assertTrue(
                ((Number) deeper.get("event")).longValue() != ((Number) first.get("event")).longValue(),
                "a new event replaces it");
        assertEquals(Map.of(), sent.get(3), "352 kW with 68 kW shed: holding");
        assertEquals(
                Map.of("cancel", String.valueOf(deeper.get("event"))),
                sent.get(4).get("LD-1"),
                "360 kW even with the shed load back: cancel");
        assertTrue(grid.event("PT-F1").isEmpty());
        String log = String.join("\n", audit.all());
        assertTrue(log.contains("load 430.0 kW over the limit 400.0 kW"), log);
        assertTrue(alarms.stream().anyMatch(a -> a.startsWith("RAISE grid:PT-F1 PEAK_LIMIT")), alarms.toString());
    }

    private double sharedTarget() {
        Object v = io.stored.get("LD-1/loadControl");
        if (v == null || v.toString().contains("cancel")) {
            return 100;
        }
        try {
            JsonNode n = JSON.readTree(v.toString());
            return n.get("target").asDouble();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aMeterReportingNonsenseGetsNoDecisionButAnAlarm() {
        Grid grid = grid(feeder("automatic", "automatic", 30));
        inverter("INV-1", 100, 100);
        meter("LD-1", 50, true);
        Feeder f = grid.feeder("PT-F1").orElseThrow();
        put(
                "GM-PT-F1-TX",
                DeviceClass.of("gridmeter"),
                List.of(Point.builder("activePower", DataType.FLOAT).build()),
                Map.of(
                        "activePower",
                        Value.bad("activePower", QualityReason.OUT_OF_RANGE, "negative energy", clock.instant())));
        List<Decision> bad = grid.evaluate(f, true);
        assertTrue(
                bad.stream()
                        .allMatch(
                                d -> !d.acts() && d.reason().startsWith("no decision: transformer meter GM-PT-F1-TX")),
                bad.toString());
        assertTrue(alarms.stream().anyMatch(a -> a.startsWith("RAISE grid:PT-F1 METER_UNTRUSTED")), alarms.toString());

        // a reading far over the limit that then never moves: acted on at first, then distrusted once frozen
        meter("GM-PT-F1-TX", -150, false);
        assertTrue(grid.evaluate(f, false).stream().anyMatch(Decision::acts));
        clock.advance(Duration.ofMinutes(11));
        List<Decision> frozen = grid.evaluate(f, true);
        assertTrue(
                frozen.stream().allMatch(d -> !d.acts() && d.reason().contains("frozen at -150.0 kW")),
                frozen.toString());
        meter("GM-PT-F1-TX", 90_000, false);
        assertTrue(grid.evaluate(f, false).get(0).reason().contains("beyond anything the transformer carries"));
        assertEquals(0, io.writes.size(), "nothing was sent on an untrusted reading");
    }

    @Test
    void adviseModeProposesAndSendsOnlyWhenAnOperatorApprovesAsThatOperator() throws Exception {
        Grid grid = grid(feeder("off", "advise", 30));
        inverter("INV-1", 100, 100);
        inverter("INV-2", 50, 50);
        meter("GM-PT-F1-TX", -130, false);
        Feeder f = grid.feeder("PT-F1").orElseThrow();
        List<Decision> dry = grid.evaluate(f, false);
        assertEquals(
                "[INV-1 powerLimitPct=76.0, INV-2 powerLimitPct=76.0]",
                dry.get(0).orders().toString(),
                "the dry run shows it");
        assertTrue(grid.proposals().isEmpty(), "a dry run proposes nothing");
        grid.evaluate(f, true);
        assertEquals(0, io.writes.size(), "advise sends nothing");
        Grid.Proposal p = grid.proposals().get(0);
        var results = grid.approve(p.id(), "an", Set.of("operator"))
                .toCompletableFuture()
                .get();
        assertEquals(2, results.size());
        assertTrue(results.stream().allMatch(r -> r.state().name().equals("CONFIRMED")), results.toString());
        assertTrue(String.join("\n", audit.all()).contains("\"issuer\":\"an\""), "sent as the approving operator");
        assertTrue(grid.proposals().isEmpty());
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> grid.approve(p.id(), "an", Set.of("operator")));
    }

    /** An inverter of the pv driver, which drops a limit by itself {@code limitRevertSeconds} after it was written. */
    private void revertingInverter(String id, double rated, double ac, Boolean limitActive, Instant reported) {
        List<Point> points = List.of(
                Point.builder("acPower", DataType.FLOAT).unit("kW").build(),
                Point.builder("powerLimitPct", DataType.FLOAT)
                        .unit("%")
                        .access(Access.READ_WRITE)
                        .limits(0.0, 100.0)
                        .build(),
                Point.builder("powerLimitActive", DataType.BOOLEAN).build(),
                Point.builder("ratedPower", DataType.FLOAT).unit("kW").build());
        Device d = new Device(
                id,
                DeviceClass.of("pv"),
                "pv",
                "sim://" + id,
                null,
                Map.of("feeder", "PT-F1"),
                points,
                Duration.ofSeconds(5),
                Map.of("limitRevertSeconds", "900", "limitRampSeconds", "10"));
        Instant now = clock.instant();
        Map<String, Value> values = new java.util.HashMap<>(
                Map.of("acPower", Value.good("acPower", ac, now), "ratedPower", Value.good("ratedPower", rated, now)));
        if (limitActive != null) {
            values.put("powerLimitPct", Value.good("powerLimitPct", commandedPct(id), reported));
            values.put("powerLimitActive", Value.good("powerLimitActive", limitActive, reported));
        }
        registry.put(d, new DeviceHealth(id, HealthStatus.ONLINE, null, "", now, now, 0, 0), values);
    }

    /** The two inverters (100 and 50 kW, INV-2 giving half of INV-1) and the transformer meter at {@code t}. */
    private void feederAt(Instant t, double inv1Kw, Boolean limitActive, Instant reported, double netKw) {
        clock.set(t);
        revertingInverter("INV-1", 100, inv1Kw, limitActive, reported);
        revertingInverter("INV-2", 50, inv1Kw / 2, limitActive, reported);
        meter("GM-PT-F1-TX", netKw, false);
    }

    /** The commands one look at the feeder sends, once they are through the pipeline. */
    private List<String> look(Grid grid, int expected) throws Exception {
        int before = io.writes.size();
        grid.evaluate(grid.feeder("PT-F1").orElseThrow(), true);
        Await.until(
                expected + " command(s)",
                Duration.ofSeconds(30),
                () -> io.writes.size() - before == expected
                        && grid.actions().stream().noneMatch(a -> a.outcome().equals("sent")),
                () -> writesAfter(before).toString());
        return writesAfter(before);
    }

    /** A curtailment held past half the inverters' revert time is sent again; one the inverters dropped counts as none. */
    @Test
    void aHeldCurtailmentIsRenewedBeforeTheInvertersDropItAndADroppedOneCountsAsNone() throws Exception {
        Grid grid = grid(feeder("off", "automatic", 30));
        Instant t0 = Instant.parse("2026-04-14T05:00:00Z");
        feederAt(t0, 85, null, t0, 20 - 127.5);
        List<String> curtail = List.of("INV-1 powerLimitPct=76.0", "INV-2 powerLimitPct=76.0");
        assertEquals(curtail, look(grid, 2));

        feederAt(t0.plusSeconds(300), 76, true, t0.plusSeconds(5), 20 - 114);
        assertEquals(List.of(), look(grid, 0), "export 94 kW under the limit: holding");

        clock.set(t0.plusSeconds(460));
        meter("GM-PT-F1-TX", 20 - 113.9, false);
        assertEquals(curtail, look(grid, 2), "past half of the 900 s revert time: the same limit again");
        assertTrue(
                grid.actions().get(0).reason().contains("renewed before the inverters' revert time"),
                grid.actions().get(0).reason());

        // the platform fell silent: the inverters dropped the limit, though powerLimitPct still holds 76
        feederAt(t0.plusSeconds(1500), 85, false, t0.plusSeconds(1460), 20 - 127.5);
        assertEquals(curtail, look(grid, 2), "no limit in force: curtailed again");
    }

    /**
     * Inverters ramping to a new limit, read every 5 s: nothing is raised or cut deeper until the limit sent can show,
     * and inverter readings older than the meter's never make the controller cut more than the export asks.
     */
    @Test
    void theControllerWaitsForTheInvertersToReachALimitBeforeDecidingAgain() throws Exception {
        Grid grid = grid(feeder("off", "automatic", 30));
        Instant t0 = Instant.parse("2026-04-14T05:00:00Z");
        // the sun is up at the meter, the inverters' last readings are still the night's
        feederAt(t0, 0, null, t0, -107.5);
        assertEquals(
                List.of("INV-1 powerLimitPct=63.0", "INV-2 powerLimitPct=63.0"),
                look(grid, 2),
                "curtailed as the export asks, not to 0 % for PV read as none");

        clock.set(t0.plusSeconds(5));
        meter("GM-PT-F1-TX", -104, false);
        assertEquals(List.of(), look(grid, 0), "still ramping down: the limit sent will do");
        clock.set(t0.plusSeconds(10));
        meter("GM-PT-F1-TX", -80, false);
        assertEquals(
                List.of(),
                look(grid, 0),
                "under the limit before the ramp and two readings are over: nothing raised yet");

        feederAt(t0.plusSeconds(25), 63, true, t0.plusSeconds(24), -80);
        assertEquals(
                List.of("INV-1 powerLimitPct=73.0", "INV-2 powerLimitPct=73.0"),
                look(grid, 2),
                "settled: raised by the room left");
    }
}
