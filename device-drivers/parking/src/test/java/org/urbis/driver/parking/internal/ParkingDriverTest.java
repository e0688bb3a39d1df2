package org.urbis.driver.parking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandEvent;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceIO;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.control.internal.audit.AuditLog;
import org.urbis.control.internal.command.CommandPipeline;
import org.urbis.control.internal.command.ControlSettings;
import org.urbis.parking.codec.internal.BoschTps110Codec;
import org.urbis.parking.codec.internal.DingtekDo201Codec;
import org.urbis.parking.codec.internal.NwaveNps405Codec;
import org.urbis.simulator.parking.LoraNetworkSimulator;
import org.urbis.simulator.parking.SensorModel;
import org.urbis.simulator.parking.StreetOfBays;
import org.urbis.testing.Await;
import org.urbis.testing.MosquittoPerClass;
import org.urbis.testkit.DriverRuntime;

/**
 * The driver and the simulated network server over a real mosquitto, with the platform's device
 * runtime (the test kit's) on top: bays come ONLINE, cars arrive and leave, faults of the air and
 * of the server are absorbed, overdue bays go UNKNOWN, recalibration waits for an empty bay.
 */
class ParkingDriverTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final AtomicInteger RIGS = new AtomicInteger();

    @RegisterExtension
    static final MosquittoPerClass broker = new MosquittoPerClass();

    private LoraNetworkSimulator sim;
    private NetworkServerConnection connection;
    private ParkingDriver driver;
    private DriverRuntime runtime;

    @AfterEach
    void stopRig() {
        if (runtime != null) {
            runtime.close();
        }
        if (driver != null) {
            driver.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    /** {@code n} bays of one model behind one server, with their own application so that rigs do not hear each other. */
    private List<String> rig(
            LoraNetworkSimulator.Server server, SensorModel model, int n, ParkingDriverSettings settings) {
        String app = server == LoraNetworkSimulator.Server.CHIRPSTACK
                ? "app" + RIGS.incrementAndGet()
                : "parking" + RIGS.incrementAndGet() + "@phanthiet";
        sim = new LoraNetworkSimulator(broker.url(), server, app, Clock.systemUTC());
        List<String> euis = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String eui = StreetOfBays.devEui(i);
            sim.add(eui, model);
            euis.add(eui);
        }
        assertTrue(sim.start(10), "the simulator connects");
        connection = new NetworkServerConnection(ConnectionSettings.of(
                "ns", server == LoraNetworkSimulator.Server.CHIRPSTACK ? "chirpstack" : "tts", broker.url()));
        driver = new ParkingDriver(settings, Clock.systemUTC());
        driver.addCodec(new NwaveNps405Codec());
        driver.addCodec(new BoschTps110Codec());
        driver.addCodec(new DingtekDo201Codec());
        driver.addConnection(connection);
        // subscribed, not only connected: a frame sent before the subscription is granted is never heard
        Await.until("the connection's subscriptions", WAIT, connection::subscribed);
        runtime = DriverRuntime.builder().build().add(driver);
        List<Device> devices = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            // the inventory's DevEUIs in lower case: identity does not depend on it
            devices.add(
                    Bays.device("PK-T-" + (i + 1), euis.get(i).toLowerCase(java.util.Locale.ROOT), model.id(), "ns"));
        }
        runtime.apply(devices);
        return euis;
    }

    private static ParkingDriverSettings quiet() {
        return ParkingDriverSettings.defaults().withHeartbeat(Duration.ofMinutes(10), Duration.ofMillis(200));
    }

    private Optional<Object> value(String device, String point) {
        return runtime.value(device, point)
                .filter(v -> v.quality() == Quality.GOOD)
                .map(Value::value);
    }

    @Test
    void baysComeOnlineAndFollowArrivalsAndDepartures() {
        List<String> euis = rig(LoraNetworkSimulator.Server.CHIRPSTACK, SensorModel.NWAVE_NPS405, 3, quiet());
        sim.startupAll();
        for (int i = 1; i <= 3; i++) {
            String id = "PK-T-" + i;
            runtime.await(
                    id + " ONLINE and free",
                    () -> runtime.health(id).status() == HealthStatus.ONLINE
                            && value(id, "occupied").equals(Optional.of(false)));
        }
        sim.park(euis.get(1), true);
        runtime.await("PK-T-2 occupied", () -> value("PK-T-2", "occupied").equals(Optional.of(true)));
        assertFalse(((String) value("PK-T-2", "occupiedSince").orElseThrow()).isEmpty(), "occupied since a time");
        assertTrue(value("PK-T-2", "rssi").isPresent() && value("PK-T-2", "snr").isPresent(), "radio quality");
        sim.park(euis.get(1), false);
        runtime.await("PK-T-2 free again", () -> value("PK-T-2", "occupied").equals(Optional.of(false)));
        assertEquals(Optional.of(""), value("PK-T-2", "occupiedSince"));
        sim.heartbeat(euis.get(0));
        runtime.await(
                "the heartbeat's battery and temperature",
                () -> value("PK-T-1", "batteryVoltage").isPresent()
                        && value("PK-T-1", "temperature").isPresent());
    }

    /** A vacancy frame lost on the air leaves the bay occupied until the next heartbeat says otherwise. */
    @Test
    void aLostVacancyFrameIsReconciledByTheNextHeartbeat() {
        List<String> euis = rig(LoraNetworkSimulator.Server.CHIRPSTACK, SensorModel.NWAVE_NPS405, 1, quiet());
        String eui = euis.get(0);
        sim.park(eui, true);
        runtime.await("occupied", () -> value("PK-T-1", "occupied").equals(Optional.of(true)));
        sim.loseNext(eui);
        sim.park(eui, false);
        // the lost frame is not guessed: the bay still reads what it last heard
        assertEquals(Optional.of(true), value("PK-T-1", "occupied"));
        sim.heartbeat(eui);
        runtime.await(
                "the heartbeat reconciles the bay",
                () -> value("PK-T-1", "occupied").equals(Optional.of(false)));
    }

    @Test
    void duplicatesAreDroppedAndACounterGoingBackIsARestart() {
        List<String> euis = rig(LoraNetworkSimulator.Server.CHIRPSTACK, SensorModel.BOSCH_TPS110, 1, quiet());
        String eui = euis.get(0);
        sim.startupAll();
        runtime.await("heard", () -> value("PK-T-1", "occupied").isPresent());
        sim.duplicateNext(eui);
        sim.park(eui, true);
        sim.heartbeat(eui);
        runtime.await(
                "the heartbeat after the duplicate",
                () -> value("PK-T-1", "temperature").isPresent());
        Await.until("the duplicate counted", WAIT, () -> driver.statistics().duplicates() == 1);
        sim.restart(eui, false);
        sim.park(eui, false);
        runtime.await(
                "a frame after the restart is used",
                () -> value("PK-T-1", "occupied").equals(Optional.of(false)));
        assertEquals(1, driver.statistics().duplicates(), "nothing after the restart was taken for a duplicate");
        assertEquals(1, driver.statistics().restarts(), "the counter going back was a restart");
        sim.restart(eui, true);
        sim.park(eui, true);
        runtime.await(
                "a frame after a rejoin is used",
                () -> value("PK-T-1", "occupied").equals(Optional.of(true)));
        assertEquals(1, driver.statistics().duplicates());
    }

    @Test
    void garbageIsRefusedAndCountedAndChangesNothing() {
        List<String> euis = rig(LoraNetworkSimulator.Server.CHIRPSTACK, SensorModel.BOSCH_TPS110, 1, quiet());
        sim.park(euis.get(0), true);
        runtime.await("occupied", () -> value("PK-T-1", "occupied").equals(Optional.of(true)));
        sim.garbage(euis.get(0));
        Await.until("the garbage refused", WAIT, () -> driver.statistics().refusedFrames() == 1);
        assertEquals(Optional.of(true), value("PK-T-1", "occupied"));
        // JSON that is not the server's is refused by the connection
        sim.publishRaw(
                "application/x/device/" + euis.get(0).toLowerCase(java.util.Locale.ROOT) + "/event/up",
                "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Await.until("the bad JSON refused", WAIT, () -> connection.refused() == 1);
    }

    @Test
    void anOverdueHeartbeatMakesTheBayUnknown() {
        List<String> euis = rig(
                LoraNetworkSimulator.Server.CHIRPSTACK,
                SensorModel.NWAVE_NPS405,
                1,
                ParkingDriverSettings.defaults().withHeartbeat(Duration.ofSeconds(1), Duration.ofMillis(100)));
        sim.park(euis.get(0), true);
        runtime.await("MISSED_HEARTBEAT", () -> runtime.alarmActive("PK-T-1", BayMonitor.ALARM_MISSED_HEARTBEAT));
        runtime.await(
                "occupied UNCERTAIN",
                () -> runtime.value("PK-T-1", "occupied").orElseThrow().quality() == Quality.UNCERTAIN);
        Value occupied = runtime.value("PK-T-1", "occupied").orElseThrow();
        assertEquals(QualityReason.STALE, occupied.reason());
        assertEquals(true, occupied.value(), "the last value heard, not a guess of free");
        runtime.await("DEGRADED / SILENT", () -> runtime.health("PK-T-1").detail() == HealthDetail.SILENT);
        sim.heartbeat(euis.get(0));
        runtime.await(
                "good again after a heartbeat",
                () -> value("PK-T-1", "occupied").equals(Optional.of(true))
                        && !runtime.alarmActive("PK-T-1", BayMonitor.ALARM_MISSED_HEARTBEAT));
    }

    @Test
    void aLowBatteryRaisesItsAlarm() {
        List<String> euis = rig(LoraNetworkSimulator.Server.CHIRPSTACK, SensorModel.NWAVE_NPS405, 1, quiet());
        sim.battery(euis.get(0), 2.9);
        sim.heartbeat(euis.get(0));
        runtime.await(
                "LOW_BATTERY",
                () -> runtime.alarmActive("PK-T-1", BayMonitor.ALARM_LOW_BATTERY)
                        && runtime.health("PK-T-1").detail() == HealthDetail.LOW_BATTERY);
        sim.battery(euis.get(0), 3.6);
        sim.heartbeat(euis.get(0));
        runtime.await("LOW_BATTERY cleared", () -> !runtime.alarmActive("PK-T-1", BayMonitor.ALARM_LOW_BATTERY));
    }

    @Test
    void theThingsStackIsReadTheSameWay() {
        List<String> euis = rig(LoraNetworkSimulator.Server.TTS, SensorModel.DINGTEK_DO201, 2, quiet());
        sim.startupAll();
        sim.park(euis.get(1), true);
        runtime.await(
                "both heard, PK-T-2 occupied",
                () -> value("PK-T-1", "occupied").equals(Optional.of(false))
                        && value("PK-T-2", "occupied").equals(Optional.of(true)));
        runtime.await("ONLINE", () -> runtime.health("PK-T-2").status() == HealthStatus.ONLINE);
    }

    /**
     * Recalibration through the real command pipeline: refused on an occupied bay; on an empty one
     * the command is SENT once the network server has the downlink, stays SENT well past the
     * pipeline's default confirmation window while the class-A downlink waits for the sensor's
     * next uplink, and is CONFIRMED once the server reported it delivered and a frame shows it.
     */
    @Test
    void recalibrationWaitsForAnEmptyBayAndForTheNextFrames() throws Exception {
        for (LoraNetworkSimulator.Server server : LoraNetworkSimulator.Server.values()) {
            List<String> euis = rig(server, SensorModel.NWAVE_NPS405, 1, quiet());
            runtime.apply(List.of(withRecalibration(runtime.snapshot("PK-T-1").device(), "PT24H")));
            Commands commands = new Commands(runtime);
            String eui = euis.get(0);
            sim.park(eui, true);
            runtime.await("occupied", () -> value("PK-T-1", "occupied").equals(Optional.of(true)));
            CommandResult refused =
                    commands.recalibrate("PK-T-1").toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertEquals(CommandState.REJECTED, refused.state());
            assertTrue(
                    refused.reason().startsWith("INTERLOCK") && refused.reason().contains("occupied"),
                    refused.reason());
            assertTrue(sim.downlinksReceived().isEmpty(), "nothing reached the server");

            sim.park(eui, false);
            runtime.await("free", () -> value("PK-T-1", "occupied").equals(Optional.of(false)));
            CompletableFuture<CommandResult> recalibrate =
                    commands.recalibrate("PK-T-1").toCompletableFuture();
            Await.until(
                    "the downlink at the server",
                    WAIT,
                    () -> sim.downlinksReceived().size() == 1);
            runtime.await("SENT", () -> value("PK-T-1", "recalibration").equals(Optional.of("SENT")));
            assertEquals(CommandState.SENT, commands.last(), "queued at the server: SENT");
            Await.until("several readbacks", WAIT, () -> commands.readbacks() >= 4);
            assertFalse(
                    recalibrate.isDone(),
                    "past the default window of " + Commands.DEFAULT_WINDOW + " the command waits");
            sim.heartbeat(eui); // carries the downlink down; the server reports it sent and acknowledged
            runtime.await("DELIVERED", () -> value("PK-T-1", "recalibration").equals(Optional.of("DELIVERED")));
            assertFalse(recalibrate.isDone(), "delivered is not yet shown by the sensor");
            sim.heartbeat(eui);
            runtime.await("CONFIRMED", () -> value("PK-T-1", "recalibration").equals(Optional.of("CONFIRMED")));
            CommandResult done = recalibrate.get(90, TimeUnit.SECONDS);
            assertEquals(CommandState.CONFIRMED, done.state(), done.reason());
            assertTrue(commands.audited("CONFIRMED"), "audited");
            commands.close();
            stopRig();
        }
    }

    /** A sensor that never answers: the command and the recalibration point end UNKNOWN when the point's window passes. */
    @Test
    void anUndeliveredRecalibrationBecomesUnknown() throws Exception {
        rig(LoraNetworkSimulator.Server.CHIRPSTACK, SensorModel.NWAVE_NPS405, 1, quiet());
        runtime.apply(List.of(withRecalibration(runtime.snapshot("PK-T-1").device(), "PT2S")));
        sim.startupAll();
        runtime.await("free", () -> value("PK-T-1", "occupied").equals(Optional.of(false)));
        try (Commands commands = new Commands(runtime)) {
            CommandResult r =
                    commands.recalibrate("PK-T-1").toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertEquals(CommandState.UNKNOWN, r.state(), r.reason());
            assertTrue(r.reason().contains("PT2S"), r.reason());
            runtime.await(
                    "UNKNOWN when the sensor never answers",
                    () -> value("PK-T-1", "recalibration").equals(Optional.of("UNKNOWN")));
        }
    }

    @Test
    void aRecalibratePointWithoutItsWindowIsAConfigurationProblem() {
        Device d = Bays.device("PK-T-9", StreetOfBays.devEui(9), "nwave-nps405", "ns");
        Device bad = withRecalibration(d, "a day");
        List<String> problems = new ParkingDriver(quiet(), Clock.systemUTC()).validate(bad);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("confirmWithin") && problems.get(0).contains("'a day'"), problems.get(0));
    }

    /** The command pipeline on the test's runtime, with the parking interlock and a default confirmation window of 300 ms. */
    private static final class Commands implements AutoCloseable {
        static final Duration DEFAULT_WINDOW = Duration.ofMillis(300);

        private final java.nio.file.Path dir = Files.createTempDirectory("audit-");
        private final AuditLog audit = new AuditLog(dir.resolve("audit.log"), Clock.systemUTC());
        private final ExecutorService executor = Executors.newFixedThreadPool(2);
        private final List<CommandEvent> events = new CopyOnWriteArrayList<>();
        private final AtomicInteger reads = new AtomicInteger();
        private final CommandPipeline pipeline;
        private int ids;

        Commands(DriverRuntime runtime) throws java.io.IOException {
            DeviceIO counted = new DeviceIO() {
                @Override
                public CompletionStage<Void> write(String device, String point, Object value, Duration timeout) {
                    return runtime.io().write(device, point, value, timeout);
                }

                @Override
                public CompletionStage<List<Value>> read(String device, List<String> points, Duration timeout) {
                    reads.incrementAndGet();
                    return runtime.io().read(device, points, timeout);
                }
            };
            ControlSettings settings = new ControlSettings(
                    Set.of("operator"),
                    Map.of(),
                    Duration.ofMinutes(10),
                    1000,
                    Duration.ofHours(25),
                    Duration.ofSeconds(30),
                    10,
                    10,
                    10,
                    10,
                    Duration.ofSeconds(3),
                    DEFAULT_WINDOW,
                    Duration.ofMillis(100),
                    4);
            pipeline = new CommandPipeline(
                    runtime.registry(),
                    counted,
                    () -> List.of(new ParkingInterlock()),
                    audit,
                    settings,
                    Clock.systemUTC(),
                    executor,
                    events::add);
        }

        CompletionStage<CommandResult> recalibrate(String device) {
            return pipeline.submit(
                    new Command(
                            "recal-" + ++ids,
                            device,
                            "recalibrate",
                            true,
                            "maintainer",
                            "drifted",
                            java.time.Instant.now().plus(Duration.ofHours(25)),
                            Command.Operation.DIRECT),
                    Set.of("operator"));
        }

        CommandState last() {
            return events.get(events.size() - 1).state();
        }

        int readbacks() {
            return reads.get();
        }

        boolean audited(String state) throws java.io.IOException {
            return String.join("\n", audit.all()).contains("\"event\":\"" + state + "\"");
        }

        @Override
        public void close() throws Exception {
            executor.shutdownNow();
            audit.close();
        }
    }

    /** The bay with a recalibration downlink of its own and its recalibrate point's confirmation window. */
    private static Device withRecalibration(Device d, String confirmWithin) {
        Map<String, String> options = new java.util.HashMap<>(d.options());
        options.put("recalibration", "10:01");
        List<Point> points = d.points().stream()
                .map(p -> !p.name().equals("recalibrate")
                        ? p
                        : Point.builder(p.name(), p.type())
                                .access(p.access())
                                .address(p.address())
                                .options(Map.of("confirmWithin", confirmWithin))
                                .build())
                .toList();
        return new Device(
                d.id(),
                d.deviceClass(),
                d.driver(),
                d.address(),
                d.location(),
                d.tags(),
                points,
                d.pollInterval(),
                options);
    }
}
