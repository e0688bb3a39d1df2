package org.urbis.irrigation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.AlarmState;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Value;
import org.urbis.control.internal.audit.AuditLog;
import org.urbis.control.internal.command.CommandPipeline;
import org.urbis.control.internal.command.ControlSettings;
import org.urbis.irrigation.internal.program.PlannedRun;
import org.urbis.irrigation.internal.program.Planner;
import org.urbis.irrigation.internal.program.Program;
import org.urbis.irrigation.internal.program.ProgramFormat;
import org.urbis.testing.Await;
import org.urbis.testing.FakeDeviceIO;
import org.urbis.testing.FakeRegistry;
import org.urbis.testing.SettableClock;

/** Zone starts through the real command pipeline meet the irrigation interlock: mainline breaks and water main budgets. */
class IrrigationInterlockTest {

    private static final ZoneId SITE = ZoneId.of("Asia/Ho_Chi_Minh");

    @TempDir
    Path dir;

    private final List<Alarm> alarms = new CopyOnWriteArrayList<>();
    private final List<CommandResult> results = new CopyOnWriteArrayList<>();
    private final FakeRegistry registry = new FakeRegistry() {
        @Override
        public List<Alarm> activeAlarms() {
            return alarms;
        }
    };
    private final FakeDeviceIO io = new FakeDeviceIO();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final SettableClock clock = new SettableClock(Instant.now());
    private final AtomicInteger ids = new AtomicInteger();
    private AuditLog audit;
    private CommandPipeline pipeline;

    /** The park's main carries 60 l/min: the lawn (45) and a bed (10) together, not the lawn and the hedge (20). */
    private final Program program = ProgramFormat.parse(
            "park.program.json",
            "{\"id\": \"park\", \"weather\": {\"station\": \"WS-1\", "
                    + "\"latitude\": 10.93}, \"starts\": [\"21:00\"], \"window\": {\"from\": \"20:00\", \"to\": \"06:00\"}, "
                    + "\"flowBudgets\": {\"MAIN-1\": 60}, \"zones\": ["
                    + zone("IR-A", 1, 45) + "," + zone("IR-A", 2, 10) + "," + zone("IR-B", 1, 20) + ","
                    + zone("IR-B", 2, 0) + "]}");

    private static String zone(String controller, int zone, double flow) {
        return "{\"controller\": \"" + controller + "\", \"zone\": " + zone
                + ", \"cropCoefficient\": 0.8, \"rootDepth\": 0.3, "
                + "\"availableWater\": 100, \"precipitationRate\": 36" + (flow > 0 ? ", \"flow\": " + flow : "") + "}";
    }

    @BeforeEach
    void setUp() throws Exception {
        controller("IR-A", Map.of());
        controller("IR-B", Map.of());
        audit = new AuditLog(dir.resolve("audit.log"), Clock.systemUTC());
        ControlSettings settings = new ControlSettings(
                Set.of("operator", "admin"),
                Map.of(),
                Duration.ofHours(1),
                1000,
                Duration.ofHours(24),
                Duration.ofSeconds(30),
                100,
                100,
                100,
                100,
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofMillis(20),
                8);
        IrrigationInterlock interlock = new IrrigationInterlock(registry, () -> List.of(program), clock);
        pipeline = new CommandPipeline(
                registry, io, () -> List.of(interlock), audit, settings, Clock.systemUTC(), executor);
    }

    @AfterEach
    void tearDown() throws Exception {
        audit.close();
        timer.shutdownNow();
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A controller of two zones on MAIN-1, with the readings given (point name to value, read at the clock's now). */
    private void controller(String id, Map<String, Object> readings) {
        List<Point> points = new ArrayList<>();
        for (int z = 1; z <= 2; z++) {
            points.add(Point.builder("zone" + z + ".run", DataType.INTEGER)
                    .access(Access.READ_WRITE)
                    .unit("s")
                    .limits(0.0, 64_800.0)
                    .build());
            points.add(Point.builder("zone" + z + ".open", DataType.BOOLEAN)
                    .access(Access.READ)
                    .build());
            points.add(Point.builder("zone" + z + ".remaining", DataType.INTEGER)
                    .access(Access.READ)
                    .unit("s")
                    .build());
        }
        Map<String, Value> values = new HashMap<>();
        readings.forEach((point, v) -> values.put(point, Value.good(point, v, clock.instant())));
        registry.put(
                new Device(
                        id,
                        DeviceClass.IRRIGATION,
                        "irrigation",
                        "http://" + id,
                        null,
                        Map.of("water-main", "MAIN-1"),
                        points,
                        null,
                        null),
                new DeviceHealth(id, HealthStatus.ONLINE, null, "", clock.instant(), clock.instant(), 0, 0),
                values);
    }

    private CommandResult run(String controller, int zone, long seconds) throws Exception {
        Command c = new Command(
                "test-" + ids.incrementAndGet(),
                controller,
                "zone" + zone + ".run",
                seconds,
                "ops",
                "test",
                Instant.now().plusSeconds(60),
                Command.Operation.DIRECT);
        return pipeline.submit(c, Set.of("operator")).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void noMoreZonesOpenOnAMainThanItsFlowBudgetCarries() throws Exception {
        assertEquals(CommandState.CONFIRMED, run("IR-A", 1, 600).state());
        CommandResult hedge = run("IR-B", 1, 600);
        assertEquals(CommandState.REJECTED, hedge.state());
        assertTrue(
                hedge.reason().startsWith("INTERLOCK")
                        && hedge.reason()
                                .contains("zone 1 of IR-B (20 l/min) is not started: with "
                                        + "the 1 zone(s) open on water main MAIN-1 (IR-A/1, 45 l/min) it would draw 65 l/min, more than the main's flow "
                                        + "budget of 60 l/min"),
                hedge.reason());
        assertTrue(String.join("\n", audit.all()).contains("\"event\":\"REJECTED\""), "the refusal is audited");
        assertTrue(io.writes.stream().noneMatch(w -> w.device().equals("IR-B")), "never sent");
        assertEquals(CommandState.CONFIRMED, run("IR-A", 2, 300).state(), "45 + 10 l/min fit");
        assertEquals(
                CommandState.CONFIRMED, run("IR-B", 2, 300).state(), "a zone whose flow is not known is not held back");

        // The controller says the lawn is shut, in a read well after its start (stopped by hand): it no longer counts.
        clock.advance(Duration.ofSeconds(30));
        controller("IR-A", Map.of("zone1.open", false, "zone1.remaining", 0));
        assertEquals(CommandState.CONFIRMED, run("IR-B", 1, 600).state(), "10 + 20 l/min fit");
        // Stopping is always allowed, and frees the zone's flow.
        assertEquals(CommandState.CONFIRMED, run("IR-B", 1, 0).state());

        // A zone opened at the controller itself counts from its reads, until its run is about to end.
        controller("IR-A", Map.of("zone1.open", true, "zone1.remaining", 900));
        assertEquals(CommandState.REJECTED, run("IR-B", 1, 600).state(), "45 + 10 + 20 l/min do not fit");
        controller("IR-A", Map.of("zone1.open", true, "zone1.remaining", 5));
        assertEquals(CommandState.CONFIRMED, run("IR-B", 1, 600).state(), "the lawn hands over within seconds");
    }

    @Test
    void noZoneStartsWhileItsControllerReportsAMainlineBreak() throws Exception {
        alarms.add(new Alarm(
                "IR-B",
                "MAINLINE_BREAK",
                AlarmSeverity.CRITICAL,
                AlarmState.ACKNOWLEDGED,
                "63.0 l/min flowing with every valve shut: leak or mainline break; the master valve was shut",
                clock.instant(),
                clock.instant(),
                "crew"));
        CommandResult r = run("IR-B", 2, 300);
        assertEquals(CommandState.REJECTED, r.state());
        assertTrue(
                r.reason().contains("zone 2 of IR-B is not started: IR-B reports a mainline break since")
                        && r.reason().contains("the master valve was shut")
                        && r.reason().contains("until the break is repaired"),
                r.reason());
        assertEquals(CommandState.CONFIRMED, run("IR-B", 2, 0).state(), "a zone may always be stopped");
        assertEquals(CommandState.CONFIRMED, run("IR-A", 2, 300).state(), "another controller's zones are not held");
        alarms.clear();
        assertEquals(CommandState.CONFIRMED, run("IR-B", 2, 300).state(), "once the alarm clears");
    }

    @Test
    void aScheduledRunTheInterlockRefusesIsTriedAgainOnceItClears() throws Exception {
        Dispatcher dispatcher = dispatcherWithBreakOnB();
        Program.Zone bed = program.zones().get(3);
        PlannedRun run = new PlannedRun("park", bed, Instant.now().plusMillis(100), 300, 1, 1, "test run");
        dispatcher.schedule(new Planner.DayPlan(LocalDate.now(SITE), List.of(run), Map.of()));
        Await.until(
                "the interlock's refusal in the audit log and the run waiting to be tried again",
                Duration.ofSeconds(30),
                () -> auditLog().contains("mainline break") && dispatcher.waiting() == 1,
                this::auditLog);
        alarms.clear();
        Await.until("the run's result", Duration.ofSeconds(30), () -> !results.isEmpty(), results::toString);
        assertEquals(CommandState.CONFIRMED, results.get(0).state(), results.toString());
        assertEquals(1, results.size(), "the refusal is audited, not reported as the run's end");
        assertEquals(
                List.of("IR-B zone2.run=300"),
                io.writes.stream()
                        .map(w -> w.device() + " " + w.point() + "=" + w.value())
                        .toList());
        assertTrue(auditLog().contains("tried again at"), "the audit says why it started late");
        dispatcher.cancel();
    }

    @Test
    void aRefusedRunWithNoTimeLeftInItsWindowIsReportedSkipped() throws Exception {
        Dispatcher dispatcher = dispatcherWithBreakOnB();
        // a run at the last 05:58 gone by, site time: its window closes at 06:00, in less than its 5 min
        java.time.ZonedDateTime last = java.time.ZonedDateTime.now(SITE).with(java.time.LocalTime.of(5, 58));
        if (last.isAfter(java.time.ZonedDateTime.now(SITE))) {
            last = last.minusDays(1);
        }
        dispatcher.start(
                new PlannedRun("park", program.zones().get(3), last.toInstant(), 300, 1, 1, "test run"),
                last.toLocalDate());
        Await.until("the run's result", Duration.ofSeconds(30), () -> !results.isEmpty(), results::toString);
        CommandResult r = results.get(0);
        assertEquals(CommandState.REJECTED, r.state());
        assertTrue(
                r.reason().startsWith("SKIPPED: INTERLOCK")
                        && r.reason().contains("mainline break")
                        && r.reason().contains("no time was left before its watering window closes at 06:00"),
                r.reason());
        assertTrue(io.writes.isEmpty());
    }

    private String auditLog() {
        try {
            return String.join("\n", audit.all());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A dispatcher that tries a refused run again after 1 s, its commands valid for 23 h after their start (the
     * pipeline takes at most 24 h ahead, and a timer may fire a moment before the start), its
     * runs' results to {@link #results}; IR-B reports a mainline break.
     */
    private Dispatcher dispatcherWithBreakOnB() {
        alarms.add(new Alarm(
                "IR-B",
                "MAINLINE_BREAK",
                AlarmSeverity.CRITICAL,
                AlarmState.RAISED,
                "flow with every valve shut",
                clock.instant(),
                clock.instant(),
                null));
        Irrigation irrigation = new Irrigation(SITE, new Irrigation.Conditions() {});
        irrigation.setPrograms(List.of(program), LocalDate.now(SITE).minusDays(2));
        return new Dispatcher(
                c -> pipeline.submit(c, Set.of("operator")),
                irrigation,
                "scheduler",
                Duration.ofHours(23),
                Clock.systemUTC(),
                timer,
                (r, result) -> results.add(result),
                Duration.ofSeconds(1));
    }
}
