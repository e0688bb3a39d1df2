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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

/** Zone runs reach a controller through the real command pipeline, as the system issuer, audited with their reason. */
class DispatcherPipelineTest {

    private static final ZoneId SITE = ZoneId.of("Asia/Ho_Chi_Minh");

    @TempDir
    Path dir;

    private final List<CommandResult> results = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
        timer.shutdownNow();
    }

    private final FakeRegistry registry = new FakeRegistry();
    private final FakeDeviceIO io = new FakeDeviceIO();

    private void controller(String id, boolean raining) {
        List<Point> points = new ArrayList<>();
        for (int z = 1; z <= 2; z++) {
            points.add(Point.builder("zone" + z + ".run", DataType.INTEGER)
                    .access(Access.READ_WRITE)
                    .unit("s")
                    .limits(0.0, 64_800.0)
                    .build());
        }
        points.add(Point.builder("rainSensor", DataType.BOOLEAN)
                .access(Access.READ)
                .build());
        Device d = new Device(
                id,
                DeviceClass.IRRIGATION,
                "irrigation",
                "http://" + id,
                null,
                Map.of("water-main", "PT-MAIN-1"),
                points,
                null,
                null);
        Instant now = Instant.now();
        registry.put(
                d,
                new DeviceHealth(id, HealthStatus.ONLINE, null, "", now, now, 0, 0),
                Map.of("rainSensor", Value.good("rainSensor", raining, now)));
    }

    @Test
    void runsGoThroughThePipelineAsTheSystemIssuerAndAreAudited() throws Exception {
        controller("IR-PT-001", false);
        controller("IR-PT-002", true);
        AuditLog audit = new AuditLog(dir.resolve("audit.log"), Clock.systemUTC());
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
        CommandPipeline pipeline =
                new CommandPipeline(registry, io, List::of, audit, settings, Clock.systemUTC(), executor);
        Irrigation irrigation = new Irrigation(SITE, new Irrigation.Conditions() {
            @Override
            public Optional<Boolean> rainSensor(String controller) {
                return registry.snapshot(controller)
                        .map(s -> (Boolean) s.values().get("rainSensor").value());
            }

            @Override
            public String waterMain(String controller) {
                return "PT-MAIN-1";
            }
        });
        Program program = ProgramFormat.parse(
                "park.program.json",
                "{\"id\": \"park\", \"weather\": {\"station\": \"WS-PT-001\", "
                        + "\"latitude\": 10.93}, \"starts\": [\"21:00\"], \"window\": {\"from\": \"20:00\", \"to\": \"06:00\"}, \"zones\": ["
                        + "{\"controller\": \"IR-PT-001\", \"zone\": 1, \"cropCoefficient\": 0.8, \"rootDepth\": 0.3, \"availableWater\": 100, \"precipitationRate\": 36},"
                        + "{\"controller\": \"IR-PT-001\", \"zone\": 2, \"cropCoefficient\": 0.8, \"rootDepth\": 0.3, \"availableWater\": 100, \"precipitationRate\": 36},"
                        + "{\"controller\": \"IR-PT-002\", \"zone\": 1, \"cropCoefficient\": 0.8, \"rootDepth\": 0.3, \"availableWater\": 100, \"precipitationRate\": 36}]}");
        LocalDate today = LocalDate.now(SITE);
        irrigation.setPrograms(List.of(program), today.minusDays(1));
        Instant soon = Instant.now().plusMillis(300);
        List<PlannedRun> runs = new ArrayList<>();
        int i = 0;
        for (Program.Zone z : program.zones()) {
            runs.add(new PlannedRun("park", z, soon.plusMillis(100L * i++), 360, 1, 1, "depletion 3.6 mm, test run"));
        }
        Dispatcher dispatcher = new Dispatcher(
                pipeline::submit,
                irrigation,
                "scheduler",
                Duration.ofMinutes(5),
                Clock.systemUTC(),
                timer,
                (run, result) -> results.add(result));
        dispatcher.schedule(new Planner.DayPlan(today, runs, Map.of()));
        Await.until("three results", Duration.ofSeconds(30), () -> results.size() == 3, results::toString);

        List<String> writes = io.writes.stream()
                .map(w -> w.device() + " " + w.point() + "=" + w.value())
                .sorted()
                .toList();
        assertEquals(
                List.of("IR-PT-001 zone1.run=360", "IR-PT-001 zone2.run=360"),
                writes,
                "IR-PT-002 reports rain: never sent");
        assertEquals(
                2,
                results.stream()
                        .filter(r -> r.state() == CommandState.CONFIRMED)
                        .count(),
                results.toString());
        assertTrue(results.stream()
                .anyMatch(r -> r.state() == CommandState.REJECTED && r.reason().contains("rain sensor of IR-PT-002")));
        String log = String.join("\n", audit.all());
        assertTrue(log.contains("\"issuer\":\"scheduler\""), log);
        assertTrue(log.contains("depletion 3.6 mm, test run"), "the reason for the length is in the audit log");
        assertEquals(
                3.6, irrigation.zones().get("IR-PT-001/1").applied().get(today), 1e-9, "360 s at 36 mm/h credited");

        dispatcher.schedule(new Planner.DayPlan(today, runs.subList(0, 1), Map.of()));
        Await.until("a fourth result", Duration.ofSeconds(30), () -> results.size() == 4, results::toString);
        assertEquals(CommandState.REJECTED, results.get(3).state(), "a run planned again is never started twice");
        assertEquals(2, io.writes.size());
        audit.close();
    }
}
