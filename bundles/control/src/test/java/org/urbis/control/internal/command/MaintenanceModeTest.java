package org.urbis.control.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.api.command.CommandState;
import org.urbis.api.device.Device;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.value.Value;
import org.urbis.control.internal.audit.AuditLog;
import org.urbis.control.internal.maintenance.MaintenanceBook;
import org.urbis.control.internal.schedule.ScheduleEngine;
import org.urbis.control.internal.schedule.ScheduleFormat;
import org.urbis.control.internal.schedule.ScheduleStore;
import org.urbis.control.internal.schedule.Site;
import org.urbis.control.internal.schedule.Timeline;
import org.urbis.testing.Await;
import org.urbis.testing.FakeDeviceIO;
import org.urbis.testing.FakeRegistry;
import org.urbis.testing.Luminaires;
import org.urbis.testing.SettableClock;

/** Maintenance windows against the real command pipeline and schedule engine. */
class MaintenanceModeTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private static final Set<String> OPERATOR = Set.of("operator");

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final FakeDeviceIO io = new FakeDeviceIO();
    private final FakeRegistry registry = new FakeRegistry();
    private final SettableClock clock = new SettableClock(T0);

    @TempDir
    Path dir;

    private final List<String> changes = Collections.synchronizedList(new ArrayList<>());
    private AuditLog audit;
    private MaintenanceBook book;
    private CommandPipeline pipeline;

    @BeforeEach
    void setUp() throws IOException {
        audit = new AuditLog(dir.resolve("audit.log"), clock);
        book = book();
        ControlSettings settings = new ControlSettings(
                Set.of("operator", "admin"),
                Map.of(),
                Duration.ofMinutes(10),
                1000,
                Duration.ofHours(24),
                Duration.ofSeconds(30),
                100,
                100,
                100,
                100,
                Duration.ofSeconds(2),
                Duration.ofMillis(300),
                Duration.ofMillis(50),
                4);
        pipeline =
                new CommandPipeline(registry, io, List::of, audit, settings, clock, executor, e -> {}, book::windowFor);
        for (int i = 1; i <= 3; i++) {
            registry.putOnline(
                    Luminaires.luminaire("SL-" + i, Map.of("cabinet", i <= 2 ? "CAB-07" : "CAB-08")),
                    T0,
                    Map.of("dim", Value.good("dim", 0.0, T0.minusSeconds(3600))));
        }
    }

    private MaintenanceBook book() throws IOException {
        return new MaintenanceBook(
                dir.resolve("maintenance").resolve("windows.json"),
                registry,
                clock,
                (change, w, actor) -> changes.add(change + " " + w.target() + " " + actor));
    }

    @AfterEach
    void tearDown() throws Exception {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        audit.close();
    }

    private Device device(String id) {
        return registry.snapshot(id).orElseThrow().device();
    }

    private CommandResult run(Command c) {
        return pipeline.submit(c, OPERATOR)
                .toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    private static Command dim(String id, String target, boolean force) {
        return new Command(id, target, "dim", 40, "anna", "test", T0.plusSeconds(600), Command.Operation.DIRECT, force);
    }

    @Test
    void aBadWindowIsRefusedNamingEachField() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> book.set("group:cabinet=CAB-99", " ", "minh", T0.minusSeconds(1)));
        assertTrue(e.getMessage().contains("no device is in group 'cabinet=CAB-99'"), e.getMessage());
        assertTrue(e.getMessage().contains("reason:"), e.getMessage());
        assertTrue(e.getMessage().contains("end: must lie in the future"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> book.set("SL-9", "lamp swap", "minh", T0.plusSeconds(60)));
        assertTrue(e.getMessage().contains("no device 'SL-9'"), e.getMessage());
        assertTrue(book.windows().isEmpty());
    }

    @Test
    void aGroupWindowCoversItsDevicesSurvivesARestartAndEndsOnItsOwn() throws IOException {
        Instant end = T0.plus(Duration.ofHours(2));
        book.set("group:cabinet=CAB-07", "cabinet rewiring", "minh", end);
        assertTrue(book.windowFor(device("SL-1")).isPresent());
        assertTrue(book.windowFor(device("SL-2")).isPresent());
        assertFalse(book.windowFor(device("SL-3")).isPresent());

        MaintenanceBook again = book();
        assertEquals(
                List.of(new MaintenanceWindow("group:cabinet=CAB-07", "cabinet rewiring", "minh", T0, end)),
                again.windows(),
                "the window is read back after a restart");

        clock.set(end);
        assertFalse(again.windowFor(device("SL-1")).isPresent(), "the window ends at its end time");
        assertTrue(again.windows().isEmpty());
        assertEquals(java.util.Optional.empty(), again.expire());
        assertTrue(changes.contains("ENDED group:cabinet=CAB-07 "), changes.toString());
        assertTrue(book().windows().isEmpty());
        assertFalse(
                Files.readString(dir.resolve("maintenance").resolve("windows.json"))
                        .contains("CAB-07"),
                "an ended window leaves the file");
    }

    @Test
    void aCommandToADeviceInMaintenanceIsRefusedUnlessForcedAndTheForcedOneIsAudited() throws IOException {
        book.set("group:cabinet=CAB-07", "cabinet rewiring", "minh", T0.plus(Duration.ofHours(2)));

        CommandResult refused = run(dim("c1", "SL-1", false));
        assertEquals(CommandState.REJECTED, refused.state());
        assertTrue(
                refused.reason().startsWith("IN_MAINTENANCE: device SL-1 is in maintenance with group:cabinet=CAB-07"),
                refused.reason());
        assertTrue(io.writes.isEmpty(), "a refused command never reaches the device");

        CommandResult forced = run(dim("c2", "SL-1", true));
        assertEquals(CommandState.CONFIRMED, forced.state(), forced.reason());
        assertEquals(List.of(new FakeDeviceIO.Write("SL-1", "dim", 40.0)), io.writes);
        String log = String.join("\n", audit.all());
        assertTrue(log.contains("\"force\":\"true\"") || log.contains("\"force\":true"), log);
        assertTrue(log.contains("FORCED past maintenance of group:cabinet=CAB-07 by minh (cabinet rewiring)"), log);

        book.clear("group:cabinet=CAB-07", "minh");
        assertEquals(CommandState.CONFIRMED, run(dim("c3", "SL-2", false)).state(), "after the window, commands pass");
    }

    @Test
    void aGroupCommandReachesOnlyTheDevicesNotInMaintenance() {
        book.set("SL-2", "pole knocked over", "minh", T0.plus(Duration.ofHours(1)));
        CommandResult r = run(dim("g1", "group:cabinet=CAB-07", false));
        Map<String, CommandState> each = new java.util.TreeMap<>();
        r.perDevice().forEach(d -> each.put(d.deviceId(), d.state()));
        assertEquals(Map.of("SL-1", CommandState.CONFIRMED, "SL-2", CommandState.REJECTED), each);
        assertEquals(List.of(new FakeDeviceIO.Write("SL-1", "dim", 40.0)), io.writes);
    }

    @Test
    void schedulesSkipTheDevicesInMaintenance() throws Exception {
        book.set("SL-2", "pole knocked over", "minh", T0.plus(Duration.ofHours(1)));
        CommandService service = new CommandService() {
            @Override
            public CompletionStage<CommandResult> submit(Command command) {
                return pipeline.submit(command, OPERATOR);
            }

            @Override
            public CompletionStage<CommandResult> submit(Command command, Set<String> roles) {
                return pipeline.submit(command, roles);
            }
        };
        ScheduleEngine engine = new ScheduleEngine(
                new ScheduleStore(dir.resolve("schedules")),
                service,
                registry,
                new Timeline(new Site(ZoneId.of("Asia/Ho_Chi_Minh"), 10.93, 108.10)),
                clock,
                (delay, task) -> () -> {});
        engine.start();
        // Always on at 80 % from midnight: 19:00 local holds it.
        engine.save(ScheduleFormat.parse("""
                {"id": "cab7", "group": "cabinet=CAB-07",
                 "programs": {"all": {"steps": [{"at": "00:00", "level": 80}]}},
                 "calendar": {"rules": [], "default": "all"}}
                """));
        Await.until("the schedule's commands to SL-1", Duration.ofSeconds(20), () -> io.writes.size() >= 2);
        Await.until("the audit of SL-2's refusals", Duration.ofSeconds(20), () -> {
            try {
                return String.join("\n", audit.all()).split("IN_MAINTENANCE", -1).length - 1 >= 2;
            } catch (IOException e) {
                return false;
            }
        });
        assertEquals(
                Set.of("SL-1"),
                io.writes.stream().map(FakeDeviceIO.Write::device).collect(java.util.stream.Collectors.toSet()),
                "the device in maintenance is left alone: " + io.writes);
        engine.stop();
    }
}
