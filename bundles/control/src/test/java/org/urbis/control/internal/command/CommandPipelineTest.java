package org.urbis.control.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.command.Interlock;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.EngineeringLimits;
import org.urbis.api.device.Point;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceIOException;
import org.urbis.api.value.Value;
import org.urbis.control.internal.audit.AuditLog;
import org.urbis.control.internal.audit.AuditVerifier;
import org.urbis.testing.Await;
import org.urbis.testing.FakeDeviceIO;
import org.urbis.testing.FakeRegistry;
import org.urbis.testing.SettableClock;

class CommandPipelineTest {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private static final Set<String> OPERATOR = Set.of("operator");

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(T0);
    private final FakeRegistry registry = new FakeRegistry();
    private final FakeDeviceIO io = new FakeDeviceIO();
    private final List<Interlock> interlocks = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private AuditLog audit;
    private CommandPipeline pipeline;
    private int ids;

    @BeforeEach
    void setUp() throws IOException {
        audit = new AuditLog(dir.resolve("audit.log"), clock);
        pipeline = pipeline(settings(20, 20, 4));
        for (int i = 1; i <= 6; i++) {
            light("SL-" + i, i <= 4 ? "Tran Phu" : "Le Loi");
        }
        Point position = Point.builder("position", DataType.FLOAT)
                .access(Access.READ_WRITE)
                .unit("%")
                .limits(0.0, 100.0)
                .selectBeforeOperate(true)
                .build();
        Point mode = Point.builder("mode", DataType.STRING).access(Access.READ).build();
        Device valve = new Device(
                "WV-1",
                DeviceClass.WATER,
                "water",
                "10.0.0.9:502",
                null,
                Map.of("zone", "Z1"),
                List.of(position, mode),
                null,
                null);
        registry.put(valve, health("WV-1", HealthStatus.ONLINE), Map.of("mode", Value.good("mode", "REMOTE", T0)));
    }

    @AfterEach
    void tearDown() throws Exception {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        audit.close();
    }

    private ControlSettings settings(int issuerBurst, int deviceBurst, int parallelism) {
        return new ControlSettings(
                Set.of("operator", "admin"),
                Map.of("ioc", Set.of("operator")),
                Duration.ofMinutes(10),
                1000,
                Duration.ofHours(24),
                Duration.ofSeconds(30),
                1,
                issuerBurst,
                1,
                deviceBurst,
                Duration.ofSeconds(2),
                Duration.ofMillis(300),
                Duration.ofMillis(50),
                parallelism);
    }

    private CommandPipeline pipeline(ControlSettings s) {
        return new CommandPipeline(registry, io, () -> interlocks, audit, s, clock, executor);
    }

    private void light(String id, String street) {
        Point dim = Point.builder("dim", DataType.FLOAT)
                .access(Access.READ_WRITE)
                .unit("%")
                .limits(new EngineeringLimits(0.0, 100.0, 10.0))
                .build();
        Device d = new Device(
                id,
                DeviceClass.STREETLIGHT,
                "streetlight",
                "node/" + id,
                null,
                Map.of("street", street),
                List.of(dim),
                null,
                null);
        registry.put(d, health(id, HealthStatus.ONLINE), Map.of("dim", Value.good("dim", 50.0, T0.minusSeconds(3600))));
    }

    private static DeviceHealth health(String id, HealthStatus status) {
        return new DeviceHealth(id, status, null, "", T0, T0, 0, 0);
    }

    private Command cmd(String target, String point, Object value) {
        return cmd("c" + (++ids), target, point, value, "alice", Command.Operation.DIRECT);
    }

    private Command cmd(String id, String target, String point, Object value, String issuer, Command.Operation op) {
        return new Command(id, target, point, value, issuer, "test", T0.plusSeconds(600), op);
    }

    private CommandResult run(Command c) {
        return run(c, OPERATOR);
    }

    private CommandResult run(Command c, Set<String> roles) {
        return pipeline.submit(c, roles)
                .toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    private String readAudit() {
        try {
            return String.join("\n", audit.all());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertRejected(CommandResult r, Refusal why) {
        assertEquals(CommandState.REJECTED, r.state(), r.toString());
        assertTrue(r.reason().startsWith(why.name() + ":"), r.reason());
    }

    @Test
    void aValidCommandIsSentAndConfirmedByReadback() throws IOException {
        CommandResult r = run(cmd("SL-1", "dim", 55));
        assertEquals(CommandState.CONFIRMED, r.state(), r.reason());
        assertEquals(List.of(new FakeDeviceIO.Write("SL-1", "dim", 55.0)), io.writes);
        String log = String.join("\n", audit.all());
        for (String state : List.of("RECEIVED", "ACCEPTED", "SENT", "CONFIRMED")) {
            assertTrue(log.contains("\"event\":\"" + state + "\""), state + " audited: " + log);
        }
        assertTrue(log.contains("\"old\":\"50.0\"") && log.contains("\"value\":\"55.0\""), log);
        assertTrue(AuditVerifier.verify(audit.file()).intact());
    }

    @Test
    void aCommandWhoseRecordCouldNotBeWrittenIsNeverSent() throws IOException {
        // Its RECEIVED record fails alone (the value's text cannot be had), as one may on a full disk for a moment,
        // while the records after it, which hold the value as the point takes it, are written.
        CommandResult r = run(cmd("SL-1", "dim", new Unprintable(55)));
        assertEquals(CommandState.FAILED, r.state(), r.toString());
        assertEquals("NOT_AUDITED: not sent: the audit log could not record its RECEIVED record", r.reason());
        assertEquals(List.of(), io.writes, "never sent");
        String log = readAudit();
        assertTrue(log.contains("\"event\":\"FAILED\",\"from\":\"SENT\""), "its end audited: " + log);
        assertTrue(AuditVerifier.verify(audit.file()).intact());
    }

    /** A number that cannot be written down. */
    private static final class Unprintable extends Number {
        private static final long serialVersionUID = 1L;
        private final double value;

        Unprintable(double value) {
            this.value = value;
        }

        @Override
        public int intValue() {
            return (int) value;
        }

        @Override
        public long longValue() {
            return (long) value;
        }

        @Override
        public float floatValue() {
            return (float) value;
        }

        @Override
        public double doubleValue() {
            return value;
        }

        @Override
        public String toString() {
            throw new IllegalStateException("no text for this value");
        }
    }

    @Test
    void anIssuerWithoutTheOperatorRoleIsRefused() {
        assertRejected(run(cmd("SL-1", "dim", 55), Set.of("maintenance")), Refusal.NOT_AUTHORISED);
        assertRejected(
                pipeline.submit(cmd("c-x", "SL-1", "dim", 55, "stranger", Command.Operation.DIRECT))
                        .toCompletableFuture()
                        .join(),
                Refusal.NOT_AUTHORISED);
        assertTrue(io.writes.isEmpty());
    }

    @Test
    void theOperationsCentreGetsItsRolesFromConfiguration() {
        CommandResult r = pipeline.submit(cmd("ioc-1", "SL-1", "dim", 55, "ioc", Command.Operation.DIRECT))
                .toCompletableFuture()
                .join();
        assertEquals(CommandState.CONFIRMED, r.state(), r.reason());
    }

    @Test
    void valuesOutsideTypeOrLimitsAreRefused() {
        assertRejected(run(cmd("SL-1", "dim", 101)), Refusal.OUT_OF_LIMITS);
        assertRejected(run(cmd("SL-1", "dim", "bright")), Refusal.INVALID_VALUE);
        assertRejected(run(cmd("SL-1", "nope", 1)), Refusal.UNKNOWN_POINT);
        assertRejected(run(cmd("WV-1", "mode", "LOCAL")), Refusal.NOT_WRITABLE);
        assertRejected(run(cmd("SL-99", "dim", 1)), Refusal.UNKNOWN_DEVICE);
        assertTrue(io.writes.isEmpty());
    }

    @Test
    void aChangeFasterThanTheMaximumRateIsRefused() {
        assertEquals(CommandState.CONFIRMED, run(cmd("SL-1", "dim", 60)).state());
        clock.advance(Duration.ofSeconds(1));
        // 60 -> 90 in one second is 30 %/s; the point allows 10 %/s
        assertRejected(run(cmd("SL-1", "dim", 90)), Refusal.RATE_OF_CHANGE);
        clock.advance(Duration.ofSeconds(3));
        assertEquals(CommandState.CONFIRMED, run(cmd("SL-1", "dim", 90)).state());
        assertEquals(2, io.writes.size());
    }

    @Test
    void anInterlockOfTheDeviceClassRefuses() {
        interlocks.add(new Interlock() {
            @Override
            public DeviceClass deviceClass() {
                return DeviceClass.WATER;
            }

            @Override
            public Optional<String> check(
                    Device device, Point point, Object setpoint, org.urbis.api.runtime.DeviceSnapshot current) {
                Value mode = current.values().get("mode");
                return mode != null && "LOCAL".equals(mode.value())
                        ? Optional.of("valve is in LOCAL mode")
                        : Optional.empty();
            }
        });
        Device valve = registry.devices.get("WV-1").device();
        registry.put(valve, health("WV-1", HealthStatus.ONLINE), Map.of("mode", Value.good("mode", "LOCAL", T0)));
        CommandResult r = run(cmd("s1", "WV-1", "position", 20, "alice", Command.Operation.SELECT));
        assertRejected(r, Refusal.INTERLOCK);
        assertTrue(r.reason().contains("LOCAL"));
        // the streetlight class is not concerned
        assertEquals(CommandState.CONFIRMED, run(cmd("SL-1", "dim", 55)).state());
        assertEquals(1, io.writes.size());
    }

    @Test
    void aCommandReachesTheDeviceOnlyOnceItsSentRecordIsInTheAuditLog() {
        List<String> atWrite = new java.util.concurrent.CopyOnWriteArrayList<>();
        io.writer = w -> {
            try {
                atWrite.add(String.join("\n", audit.all()));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return CompletableFuture.completedFuture(null);
        };
        CommandResult r = run(cmd("group:street=Tran Phu", "dim", 40));
        assertEquals(CommandState.CONFIRMED, r.state(), r.reason());
        assertEquals(4, atWrite.size());
        for (CommandResult device : r.perDevice()) {
            String sent = "\"event\":\"SENT\",\"from\":\"ACCEPTED\",\"command\":\"" + r.commandId() + "\"";
            assertTrue(
                    atWrite.stream()
                            .anyMatch(log -> log.lines()
                                    .anyMatch(l -> l.contains(sent)
                                            && l.contains("\"device\":\"" + device.deviceId() + "\""))),
                    device.deviceId() + " written before audited");
        }
        // and the result comes once the summary is written too
        String log = readAudit();
        assertTrue(log.contains("\"event\":\"SUMMARY\""), log);
    }

    @Test
    void aLargeGroupCommandAuditsEveryDevicesStateChangesOnceAndInOrder() throws IOException {
        for (int i = 0; i < 600; i++) {
            light("SL-G" + i, "Hai Ba Trung");
        }
        // Acknowledged on a thread of the "driver", as over MQTT: the readback must not depend on which thread that is.
        ExecutorService driver = Executors.newSingleThreadExecutor();
        try {
            io.writer = w -> CompletableFuture.runAsync(() -> {}, driver);
            pipeline = pipeline(settings(20, 20, 64));
            CommandResult r = run(cmd("group:street=Hai Ba Trung", "dim", 35));
            assertEquals(CommandState.CONFIRMED, r.state(), r.reason());
            assertEquals(600, r.perDevice().size());
        } finally {
            driver.shutdownNow();
        }
        List<String> records = audit.all();
        String command = "\"command\":\"c" + ids + "\"";
        List<String> mine = records.stream().filter(l -> l.contains(command)).toList();
        assertTrue(mine.get(0).contains("\"event\":\"RECEIVED\""), mine.get(0));
        assertTrue(mine.get(mine.size() - 1).contains("\"event\":\"SUMMARY\""), mine.get(mine.size() - 1));
        assertEquals(
                2 + 600 * 3, mine.size(), "RECEIVED, then ACCEPTED, SENT and CONFIRMED of every device, then SUMMARY");
        for (int i = 0; i < 600; i++) {
            String device = "\"device\":\"SL-G" + i + "\"";
            List<String> events = mine.stream()
                    .filter(l -> l.contains(device))
                    .map(l -> l.replaceAll(".*\"event\":\"([A-Z]+)\".*", "$1"))
                    .toList();
            assertEquals(List.of("ACCEPTED", "SENT", "CONFIRMED"), events, "SL-G" + i);
        }
        assertTrue(AuditVerifier.verify(audit.file()).intact());
    }

    @Test
    void aRepeatedIdIsNeverExecutedTwice() {
        Command c = cmd("SL-1", "dim", 55);
        assertEquals(CommandState.CONFIRMED, run(c).state());
        clock.advance(Duration.ofSeconds(30));
        assertRejected(run(c), Refusal.DUPLICATE);
        assertRejected(run(new Command(c.id(), "SL-2", "dim", 52, "bob", "", c.expiry(), null)), Refusal.DUPLICATE);
        assertEquals(1, io.writes.size());
    }

    @Test
    void aRepeatedIdIsRefusedAfterARestartToo() throws IOException {
        Command c = cmd("id \"quoted\"", "SL-1", "dim", 55, "alice", Command.Operation.DIRECT);
        assertEquals(CommandState.CONFIRMED, run(c).state());
        audit.close();
        audit = new AuditLog(dir.resolve("audit.log"), clock);
        pipeline = pipeline(settings(20, 20, 4));
        assertEquals(1, pipeline.restoreIds());
        clock.advance(Duration.ofMinutes(1));
        assertRejected(run(c), Refusal.DUPLICATE);
        assertEquals(1, io.writes.size());
        // outside the window and past its expiry the id is forgotten, and a repeat is refused as expired
        clock.advance(Duration.ofMinutes(20));
        CommandPipeline later = pipeline(settings(20, 20, 4));
        assertEquals(0, later.restoreIds());
    }

    @Test
    void anExpiredCommandIsNeverSent() {
        Command c = new Command("old", "SL-1", "dim", 55, "alice", "", T0.minusSeconds(1), null);
        assertRejected(run(c), Refusal.EXPIRED);
        Command far = new Command("far", "SL-1", "dim", 55, "alice", "", T0.plus(Duration.ofDays(3)), null);
        assertRejected(run(far), Refusal.EXPIRY_TOO_FAR);
        assertTrue(io.writes.isEmpty());
    }

    @Test
    void selectThenOperateBySameIssuerIsSent() {
        CommandResult sel = run(cmd("s1", "WV-1", "position", 20, "alice", Command.Operation.SELECT));
        assertEquals(CommandState.ACCEPTED, sel.state(), sel.reason());
        assertTrue(io.writes.isEmpty(), "a SELECT sends nothing");
        CommandResult op = run(cmd("s1", "WV-1", "position", 20, "alice", Command.Operation.OPERATE));
        assertEquals(CommandState.CONFIRMED, op.state(), op.reason());
        assertEquals(1, io.writes.size());
    }

    @Test
    void selectBeforeOperateRefusals() {
        assertRejected(
                run(cmd("d1", "WV-1", "position", 20, "alice", Command.Operation.DIRECT)), Refusal.SELECT_REQUIRED);
        assertRejected(
                run(cmd("o0", "WV-1", "position", 20, "alice", Command.Operation.OPERATE)), Refusal.NOT_SELECTED);
        assertRejected(run(cmd("x1", "SL-1", "dim", 20, "alice", Command.Operation.SELECT)), Refusal.SELECT_NOT_USED);

        run(cmd("s1", "WV-1", "position", 20, "alice", Command.Operation.SELECT));
        assertRejected(
                run(cmd("s2", "WV-1", "position", 20, "bob", Command.Operation.SELECT)), Refusal.SELECT_MISMATCH);
        assertRejected(
                run(cmd("o1", "WV-1", "position", 20, "bob", Command.Operation.OPERATE)), Refusal.SELECT_MISMATCH);
        assertRejected(
                run(cmd("o2", "WV-1", "position", 30, "alice", Command.Operation.OPERATE)), Refusal.SELECT_MISMATCH);

        run(cmd("s3", "WV-1", "position", 20, "alice", Command.Operation.SELECT));
        clock.advance(Duration.ofSeconds(31));
        assertRejected(
                run(cmd("o3", "WV-1", "position", 20, "alice", Command.Operation.OPERATE)), Refusal.SELECT_TIMEOUT);
        assertTrue(io.writes.isEmpty());
    }

    @Test
    void issuersAndDevicesAreRateLimited() {
        pipeline = pipeline(settings(3, 20, 4));
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    CommandState.CONFIRMED, run(cmd("SL-" + (i + 1), "dim", 50)).state());
        }
        assertRejected(run(cmd("SL-4", "dim", 50)), Refusal.RATE_LIMITED);
        clock.advance(Duration.ofSeconds(1));
        assertEquals(CommandState.CONFIRMED, run(cmd("SL-4", "dim", 50)).state(), "a token came back after a second");

        pipeline = pipeline(settings(20, 2, 4));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(CommandState.CONFIRMED, run(cmd("SL-5", "dim", 50)).state());
        assertEquals(CommandState.CONFIRMED, run(cmd("SL-5", "dim", 50)).state());
        CommandResult third = run(cmd("SL-5", "dim", 50));
        assertRejected(third, Refusal.RATE_LIMITED);
        assertTrue(third.reason().contains("SL-5"));
        assertEquals(6, io.writes.size());
    }

    /** The scheduler's night programs start many devices at once: its own rate lets them through, others keep the default. */
    @Test
    void aNamedIssuerHasItsOwnRate() {
        ControlSettings s = settings(3, 20, 4);
        pipeline = pipeline(new ControlSettings(
                s.commandRoles(),
                Map.of("scheduler", Set.of("operator")),
                s.dedupWindow(),
                s.dedupMaxIds(),
                s.maxExpiry(),
                s.selectTimeout(),
                s.issuerRatePerSecond(),
                s.issuerBurst(),
                s.deviceRatePerSecond(),
                s.deviceBurst(),
                s.ioTimeout(),
                s.confirmTimeout(),
                s.confirmInterval(),
                s.groupParallelism(),
                ControlSettings.parseIssuerRates(new String[] {"scheduler=200/1000"})));
        for (int i = 0; i < 6; i++) {
            assertEquals(
                    CommandState.CONFIRMED,
                    pipeline.submit(cmd("s" + i, "SL-" + (i + 1), "dim", 50, "scheduler", Command.Operation.DIRECT))
                            .toCompletableFuture()
                            .orTimeout(10, TimeUnit.SECONDS)
                            .join()
                            .state());
        }
        for (int i = 0; i < 3; i++) {
            run(cmd("SL-" + (i + 1), "dim", 60));
        }
        assertRejected(run(cmd("SL-4", "dim", 60)), Refusal.RATE_LIMITED);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> ControlSettings.parseIssuerRates(new String[] {"scheduler=fast"}));
        assertTrue(e.getMessage().contains("'scheduler=fast'"), e.getMessage());
    }

    @Test
    void aReadbackThatDisagreesFails() {
        io.readback = key -> 42.0;
        CommandResult r = run(cmd("SL-1", "dim", 55));
        assertEquals(CommandState.FAILED, r.state());
        assertTrue(r.reason().startsWith(Refusal.READBACK_MISMATCH.name()), r.reason());
    }

    /** A sensor that acts on its command at its next uplink: a point declaring its own window waits for it. */
    private void lateSensor(String id, String confirmWithin) {
        Point recalibrate = Point.builder("recalibrate", DataType.BOOLEAN)
                .access(Access.READ_WRITE)
                .options(Map.of(Readback.CONFIRM_WITHIN, confirmWithin))
                .build();
        Device d = new Device(
                id,
                DeviceClass.PARKING,
                "parking",
                "eui:70B3D57ED0051A01",
                null,
                Map.of(),
                List.of(recalibrate),
                null,
                null);
        registry.put(d, health(id, HealthStatus.ONLINE), Map.of());
    }

    @Test
    void aPointThatConfirmsLateIsWaitedForPastTheDefaultWindowAndADisagreeingReadbackIsNotYetAFailure() {
        lateSensor("PK-1", "PT1H");
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<Void> shown = new CompletableFuture<>();
        // "not yet" until the device shows it: the default window (300 ms here) passes meanwhile
        io.readback = key -> {
            reads.incrementAndGet();
            return shown.isDone();
        };
        CompletableFuture<CommandResult> pending =
                pipeline.submit(cmd("PK-1", "recalibrate", true), OPERATOR).toCompletableFuture();
        Await.until("readbacks past the default window", Duration.ofSeconds(10), () -> reads.get() >= 5);
        assertTrue(!pending.isDone(), "still waiting: " + (pending.isDone() ? pending.join() : ""));
        shown.complete(null);
        CommandResult r = pending.orTimeout(20, TimeUnit.SECONDS).join();
        assertEquals(CommandState.CONFIRMED, r.state(), r.reason());
        assertTrue(reads.get() < 30, "the readbacks grew apart: " + reads.get());
    }

    @Test
    void aPointThatConfirmsLateEndsUnknownWhenItsWindowPasses() {
        lateSensor("PK-2", "PT1S");
        io.readback = key -> false;
        CommandResult r = run(cmd("PK-2", "recalibrate", true));
        assertEquals(CommandState.UNKNOWN, r.state(), r.reason());
        assertTrue(
                r.reason().startsWith(Refusal.NO_READBACK.name())
                        && r.reason().contains("PT1S")
                        && r.reason().contains("read back false"),
                r.reason());
        assertTrue(readAudit().contains("\"event\":\"UNKNOWN\""), "audited");
    }

    @Test
    void aBadConfirmationWindowIsRefusedBeforeAnythingIsSent() {
        lateSensor("PK-3", "24 hours");
        CommandResult r = run(cmd("PK-3", "recalibrate", true));
        assertRejected(r, Refusal.INVALID_POINT);
        assertTrue(r.reason().contains("confirmWithin '24 hours'"), r.reason());
        assertTrue(io.writes.isEmpty());
    }

    @Test
    void aReadbackWithinToleranceConfirms() {
        io.readback = key -> 55.00001;
        assertEquals(CommandState.CONFIRMED, run(cmd("SL-1", "dim", 55)).state());
    }

    @Test
    void aWriteThatTimesOutIsTimedOutAndAFailingOneFailed() {
        io.writer = w ->
                CompletableFuture.failedFuture(new DeviceIOException(DeviceIOException.Reason.TIMEOUT, "no answer"));
        assertEquals(CommandState.TIMED_OUT, run(cmd("SL-1", "dim", 55)).state());
        io.writer = w ->
                CompletableFuture.failedFuture(new DeviceIOException(DeviceIOException.Reason.DRIVER_ERROR, "nak"));
        CommandResult r = run(cmd("SL-2", "dim", 55));
        assertEquals(CommandState.FAILED, r.state());
        assertTrue(r.reason().contains("DRIVER_ERROR"), r.reason());
    }

    @Test
    void aDeviceWithoutDriverIsRefused() {
        Device d = registry.devices.get("SL-1").device();
        registry.put(d, health("SL-1", HealthStatus.DRIVER_MISSING), Map.of());
        assertRejected(run(cmd("SL-1", "dim", 55)), Refusal.DRIVER_MISSING);
        assertTrue(io.writes.isEmpty());
    }

    @Test
    void aGroupMemberIsCheckedOnItsStateWhenItsTurnComesNotWhenTheCommandArrived() {
        pipeline = pipeline(settings(20, 20, 1));
        CompletableFuture<Void> gate = new CompletableFuture<>();
        io.writer = w -> gate;
        CompletableFuture<CommandResult> pending = pipeline.submit(cmd("group:street=Tran Phu", "dim", 55), OPERATOR)
                .toCompletableFuture();
        Await.until("SL-1 written", Duration.ofSeconds(5), () -> io.inFlight.get() == 1);
        // While SL-1 is being written, SL-3 leaves the inventory and SL-4 loses its driver.
        registry.devices.remove("SL-3");
        Device sl4 = registry.devices.get("SL-4").device();
        registry.put(sl4, health("SL-4", HealthStatus.DRIVER_MISSING), Map.of());
        gate.complete(null);

        CommandResult r = pending.orTimeout(10, TimeUnit.SECONDS).join();

        Map<String, CommandResult> byDevice =
                r.perDevice().stream().collect(Collectors.toMap(CommandResult::deviceId, x -> x));
        assertEquals(CommandState.CONFIRMED, byDevice.get("SL-1").state());
        assertEquals(CommandState.CONFIRMED, byDevice.get("SL-2").state());
        assertRejected(byDevice.get("SL-3"), Refusal.UNKNOWN_DEVICE);
        assertTrue(
                byDevice.get("SL-3").reason().contains("left the inventory"),
                byDevice.get("SL-3").reason());
        assertRejected(byDevice.get("SL-4"), Refusal.DRIVER_MISSING);
        assertEquals(
                List.of("SL-1", "SL-2"),
                io.writes.stream().map(FakeDeviceIO.Write::device).toList());
    }

    @Test
    void aGroupCommandFansOutWithBoundedParallelismAndSummarises() {
        pipeline = pipeline(settings(20, 20, 2));
        CompletableFuture<Void> gate = new CompletableFuture<>();
        io.writer = w -> gate;
        Device d = registry.devices.get("SL-3").device();
        registry.put(d, health("SL-3", HealthStatus.DRIVER_MISSING), Map.of());
        CompletableFuture<CommandResult> pending = pipeline.submit(cmd("group:street=Tran Phu", "dim", 55), OPERATOR)
                .toCompletableFuture();
        Await.until("two writes in flight", Duration.ofSeconds(5), () -> io.inFlight.get() == 2);
        gate.complete(null);
        CommandResult r = pending.orTimeout(10, TimeUnit.SECONDS).join();
        assertEquals(4, r.perDevice().size());
        assertEquals(
                List.of("SL-1", "SL-2", "SL-3", "SL-4"),
                r.perDevice().stream().map(CommandResult::deviceId).toList());
        assertEquals(Map.of(CommandState.CONFIRMED, 3, CommandState.REJECTED, 1), r.counts());
        assertTrue(io.maxInFlight.get() <= 2, "at most two devices at once, saw " + io.maxInFlight.get());
        assertEquals(CommandState.FAILED, r.state());
        assertTrue(r.reason().contains("3 CONFIRMED") && r.reason().contains("1 REJECTED"), r.reason());
        assertRejected(run(cmd("group:street=Nowhere", "dim", 55)), Refusal.EMPTY_GROUP);
    }
}
