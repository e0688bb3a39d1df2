package org.urbis.driver.gridmeter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceIOException;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;
import org.urbis.dnp3.AssociationState;
import org.urbis.dnp3.CommandStatus;
import org.urbis.simulator.gridmeter.Dnp3Meter;
import org.urbis.simulator.gridmeter.Sdm630Meter;
import org.urbis.testkit.DriverRuntime;

/** The driver in the platform's device runtime with simulated meters over real sockets, with the profiles its bundle ships. */
class GridMeterDriverSimulatorTest {

    /** The outstation's clock runs an hour behind, so its timestamps cannot be mistaken for the time of receipt. */
    private static final Duration OUTSTATION_LAG = Duration.ofHours(1);

    private Dnp3Meter meter;
    private DriverRuntime runtime;
    private GridMeterDriver driver;
    private final GridMeterInterlock interlock = new GridMeterInterlock();

    @BeforeEach
    void start() throws IOException {
        meter = Dnp3Meter.listen(
                new InetSocketAddress("127.0.0.1", 0),
                10,
                1,
                Clock.offset(Clock.systemUTC(), OUTSTATION_LAG.negated()));
        runtime = DriverRuntime.builder().ioTimeout(Duration.ofSeconds(3)).build();
        driver = Meters.driver(null);
        runtime.add(driver);
    }

    @AfterEach
    void stop() {
        runtime.close();
        driver.deactivate();
        meter.close();
    }

    private Device feeder(String id) {
        return Meters.dnp3(id, "dnp3", "127.0.0.1:" + meter.port(), 10, Meters.feeder());
    }

    private Optional<Value> value(String device, String point) {
        return runtime.value(device, point);
    }

    private boolean reads(String device, String point, Object expected) {
        return value(device, point)
                .map(v -> v.quality() == Quality.GOOD && expected.equals(v.value()))
                .orElse(false);
    }

    /** A readback as the command pipeline does it: a read of the point now. */
    private boolean readBack(String device, String point, Object expected) {
        try {
            return expected.equals(runtime.read(device, point).value());
        } catch (DeviceIOException e) {
            return false;
        }
    }

    private Optional<String> check(String device, String point, Object setpoint) {
        Device d = runtime.snapshot(device).device();
        return interlock.check(d, d.point(point).orElseThrow(), setpoint, runtime.snapshot(device));
    }

    @Test
    void reportsMeasurementsWithTheOutstationsTimestamps() {
        runtime.close();
        driver.deactivate();
        runtime = DriverRuntime.builder().ioTimeout(Duration.ofSeconds(3)).build();
        // No class 0 poll within the test: a static value carries no time, so the voltage change
        // must come from an event poll, with the outstation's time.
        driver = Meters.driver(null, Duration.ofHours(1), Duration.ofSeconds(1));
        runtime.add(driver);
        runtime.apply(feeder("GM-T-01"));
        runtime.await(
                "ONLINE with every measured point GOOD",
                () -> runtime.health("GM-T-01").status() == HealthStatus.ONLINE
                        && Meters.measured(Meters.feeder()).stream()
                                .filter(p -> p.address().length() > 0)
                                .allMatch(p -> value("GM-T-01", p.name())
                                        .map(v -> v.quality() == Quality.GOOD)
                                        .orElse(false)));
        assertEquals(230.0, (Double) value("GM-T-01", "voltageL1").orElseThrow().value(), 5);
        assertEquals(
                10_000.0,
                (Double) value("GM-T-01", "energyImport").orElseThrow().value(),
                1,
                "ctr:0 Wh × 0.001");
        Dnp3Associations.Entry entry = driver.associations().get(0);
        assertEquals("GM-T-01", entry.device());
        assertEquals("dnp3://127.0.0.1:" + meter.port() + "?outstation=10&master=1", entry.address());
        assertEquals(AssociationState.ONLINE, entry.stats().state());
        assertTrue(
                entry.stats().lastIntegrityPoll() != null && entry.stats().fragmentsReceived() > 0, entry.toString());

        meter.voltageOffset(4);
        runtime.await(
                "an event of the voltage change",
                () -> value("GM-T-01", "voltageL1")
                        .map(v -> (Double) v.value() > 232)
                        .orElse(false));
        Instant at = value("GM-T-01", "voltageL1").orElseThrow().timestamp();
        assertTrue(
                at.isBefore(Instant.now().minus(OUTSTATION_LAG).plusSeconds(60)),
                "the outstation's time " + at + ", not the time of receipt");
    }

    @Test
    void aDialInOutstationIsServedOnTheSharedPort() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        runtime.apply(
                Meters.dnp3("GM-T-11", "dnp3-listen", "127.0.0.1:" + port, 11, Meters.feeder()),
                Meters.dnp3("GM-T-12", "dnp3-listen", "127.0.0.1:" + port, 12, Meters.feeder()));
        try (Dnp3Meter a = Dnp3Meter.dial(new InetSocketAddress("127.0.0.1", port), 11, 1, Clock.systemUTC());
                Dnp3Meter b = Dnp3Meter.dial(new InetSocketAddress("127.0.0.1", port), 12, 1, Clock.systemUTC())) {
            runtime.await(
                    "both dial-in meters ONLINE with a voltage",
                    () -> List.of("GM-T-11", "GM-T-12").stream()
                            .allMatch(id -> runtime.health(id).status() == HealthStatus.ONLINE
                                    && value(id, "voltageL1").isPresent()));
            assertTrue(a.port() < 0 && b.port() < 0, "they dial, they do not listen");
        }
    }

    @Test
    void readsAnSdm630OverModbus() throws IOException {
        try (Sdm630Meter sdm = new Sdm630Meter(InetAddress.getLoopbackAddress(), 0)) {
            runtime.apply(Meters.modbus("GM-T-21", "127.0.0.1:" + sdm.port(), Meters.sdm630()));
            runtime.await(
                    "ONLINE with voltages and energy",
                    () -> runtime.health("GM-T-21").status() == HealthStatus.ONLINE
                            && value("GM-T-21", "energyImport").isPresent()
                            && value("GM-T-21", "voltageL3").isPresent());
            assertEquals(
                    230.0, (Double) value("GM-T-21", "voltageL1").orElseThrow().value(), 2);
            assertEquals(
                    sdm.importKwh(),
                    (Double) value("GM-T-21", "energyImport").orElseThrow().value(),
                    1);
            assertEquals(
                    0.97, (Double) value("GM-T-21", "powerFactor").orElseThrow().value(), 1e-6);
            assertEquals(
                    6.0, (Double) value("GM-T-21", "activePower").orElseThrow().value(), 1.6, "W × 0.001");
            Device d = runtime.snapshot("GM-T-21").device();
            assertEquals(
                    Optional.of("GM-T-21 has no load control (its profile maps no load-control outputs)"),
                    interlock.check(
                            d,
                            Point.builder("loadControl", org.urbis.api.device.DataType.STRING)
                                    .build(),
                            "{\"cancel\": \"1\"}",
                            runtime.snapshot("GM-T-21")));
        }
    }

    @Test
    void theBreakerOpensAndClosesWithSelectBeforeOperateAndReadsBack() throws Exception {
        runtime.apply(feeder("GM-T-01"));
        runtime.await("breaker closed", () -> reads("GM-T-01", "breaker", true));
        assertTrue(runtime.snapshot("GM-T-01")
                .device()
                .point("breaker")
                .orElseThrow()
                .selectBeforeOperate());
        assertEquals(Optional.empty(), check("GM-T-01", "breaker", false), "REMOTE: commands pass");
        runtime.write("GM-T-01", "breaker", false);
        runtime.await("the breaker open", () -> !meter.breakerClosed());
        runtime.await("read back open", () -> readBack("GM-T-01", "breaker", false));
        runtime.write("GM-T-01", "breaker", true);
        runtime.await("read back closed", () -> readBack("GM-T-01", "breaker", true));
        assertTrue(!runtime.alarmActive("GM-T-01", GridMonitor.BREAKER_TRIP), "a commanded opening is no trip");
    }

    @Test
    void aRefusedCrobFailsTheWriteNamingTheStatus() {
        runtime.apply(feeder("GM-T-01"));
        runtime.await("ONLINE", () -> reads("GM-T-01", "breaker", true));
        meter.refuseControls(CommandStatus.HARDWARE_ERROR);
        DeviceIOException e = assertThrows(DeviceIOException.class, () -> runtime.write("GM-T-01", "breaker", false));
        assertTrue(e.getMessage().contains("HARDWARE_ERROR"), e.getMessage());
        assertTrue(meter.breakerClosed());
    }

    @Test
    void localModeRefusesCommandsInTheInterlockAndAtTheOutstation() {
        runtime.apply(feeder("GM-T-01"));
        meter.local(true);
        runtime.await("LOCAL read", () -> reads("GM-T-01", "local", true));
        assertEquals(
                Optional.of("GM-T-01 is under LOCAL control and refuses remote commands"),
                check("GM-T-01", "breaker", false));
        DeviceIOException e = assertThrows(DeviceIOException.class, () -> runtime.write("GM-T-01", "breaker", false));
        assertTrue(e.getMessage().contains("LOCAL (7)"), e.getMessage());
    }

    @Test
    void aLoadControlEventStartsIsConfirmedByReadbackAndIsCancelled() throws Exception {
        runtime.apply(feeder("GM-T-01"));
        runtime.await(
                "load-control status read",
                () -> reads("GM-T-01", "loadControlActive", false) && reads("GM-T-01", "local", false));
        String event =
                "{\"event\": 42, \"start\": 0, \"duration\": 60, \"target\": 40, \"randomize\": 0, \"criticality\": 7}";
        assertEquals(Optional.empty(), check("GM-T-01", "loadControl", event));
        runtime.write("GM-T-01", "loadControl", event);
        runtime.await("read back as the event in force", () -> readBack("GM-T-01", "loadControl", event));
        assertTrue(meter.loadControlActive());
        assertEquals(40.0, meter.loadControlTarget(), 1e-9);
        assertEquals(7.0, meter.loadControlCriticality(), 1e-9, "the event's criticality, emergency");
        String cancel = "{\"cancel\": \"42\"}";
        runtime.write("GM-T-01", "loadControl", cancel);
        runtime.await("cancel read back", () -> readBack("GM-T-01", "loadControl", cancel));
        assertTrue(!meter.loadControlActive());
    }

    @Test
    void unsafeLoadControlCommandsAreRefusedByTheInterlock() {
        runtime.apply(feeder("GM-T-01"));
        runtime.await("REMOTE read", () -> reads("GM-T-01", "local", false));
        assertTrue(check("GM-T-01", "loadControl", "{\"event\": 1, \"start\": 0, \"duration\": 2000, \"target\": 50}")
                .orElseThrow()
                .contains("duration 2000 min is outside 1-1440 min"));
        assertTrue(check("GM-T-01", "loadControl", "{\"event\": 1, \"start\": 0, \"duration\": 30, \"target\": 150}")
                .orElseThrow()
                .contains("target 150.0 % is outside 0-100 %"));
        assertTrue(check("GM-T-01", "loadControl", "{\"event\": 1, \"duration\": 30")
                .orElseThrow()
                .contains("malformed load-control JSON"));
        meter.local(true);
        runtime.await("LOCAL read", () -> reads("GM-T-01", "local", true));
        assertEquals(
                Optional.of("GM-T-01 is under LOCAL control and refuses remote commands"),
                check("GM-T-01", "loadControl", "{\"event\": 1, \"start\": 0, \"duration\": 30, \"target\": 50}"));
        meter.local(false);
        List<Point> noCriticality = Meters.feeder().stream()
                .filter(p -> !p.name().equals("loadControlCriticality"))
                .toList();
        runtime.apply(Meters.dnp3("GM-T-02", "dnp3", "127.0.0.1:" + meter.port(), 10, noCriticality));
        runtime.await("REMOTE read", () -> reads("GM-T-02", "local", false));
        assertEquals(
                Optional.of("GM-T-02 takes no criticality (its profile maps no loadControlCriticality output)"),
                check(
                        "GM-T-02",
                        "loadControl",
                        "{\"event\": 1, \"duration\": 30, \"target\": 50, \"criticality\": 2}"));
        assertEquals(
                Optional.empty(), check("GM-T-02", "loadControl", "{\"event\": 1, \"duration\": 30, \"target\": 50}"));
    }

    @Test
    void aProtectionTripArrivesAsAnEventWithoutWaitingForAPoll() {
        runtime.close();
        driver.deactivate();
        runtime = DriverRuntime.builder().ioTimeout(Duration.ofSeconds(3)).build();
        driver = Meters.driver(null, Duration.ofHours(1)); // no class 0 or event poll within the test
        runtime.add(driver);
        runtime.apply(feeder("GM-T-01"));
        runtime.await("breaker closed", () -> reads("GM-T-01", "breaker", true));
        meter.trip();
        runtime.await(
                "BREAKER_TRIP from the unsolicited dbi:0 event",
                () -> runtime.alarmActive("GM-T-01", GridMonitor.BREAKER_TRIP) && reads("GM-T-01", "breaker", false));
        Instant at = value("GM-T-01", "breaker").orElseThrow().timestamp();
        assertTrue(
                at.isBefore(Instant.now().minus(OUTSTATION_LAG).plusSeconds(60)), "the event's outstation time " + at);
    }

    @Test
    void deviceTroubleMakesTheMeterDegradedUntilItClears() {
        runtime.apply(feeder("GM-T-01"));
        runtime.await("ONLINE", () -> runtime.health("GM-T-01").status() == HealthStatus.ONLINE);
        meter.deviceTrouble(true);
        runtime.await(
                "DEGRADED with DEVICE_FAULT",
                () -> runtime.health("GM-T-01").status() == HealthStatus.DEGRADED
                        && runtime.health("GM-T-01").detail() == HealthDetail.DEVICE_FAULT);
        assertTrue(
                runtime.health("GM-T-01").message().contains("DEVICE_TROUBLE (IIN1.6)"),
                runtime.health("GM-T-01").message());
        assertTrue(reads("GM-T-01", "breaker", true), "values stay GOOD: the trouble is the device's, not theirs");
        meter.deviceTrouble(false);
        runtime.await("ONLINE again", () -> runtime.health("GM-T-01").status() == HealthStatus.ONLINE);
    }

    @Test
    void gridAlarmsAreRaisedAndCleared() {
        runtime.apply(feeder("GM-T-01"));
        runtime.await(
                "ONLINE",
                () -> reads("GM-T-01", "breaker", true)
                        && value("GM-T-01", "voltageL1").isPresent());
        meter.voltageOffset(30);
        runtime.await("VOLTAGE_OUT_OF_BAND", () -> runtime.alarmActive("GM-T-01", GridMonitor.VOLTAGE_OUT_OF_BAND));
        meter.voltageOffset(0);
        runtime.await(
                "VOLTAGE_OUT_OF_BAND cleared", () -> !runtime.alarmActive("GM-T-01", GridMonitor.VOLTAGE_OUT_OF_BAND));
        meter.powerFactor(0.7);
        runtime.await("LOW_POWER_FACTOR", () -> runtime.alarmActive("GM-T-01", GridMonitor.LOW_POWER_FACTOR));
        meter.export(200);
        runtime.await("REVERSE_POWER", () -> runtime.alarmActive("GM-T-01", GridMonitor.REVERSE_POWER));
        meter.trip();
        runtime.await("BREAKER_TRIP", () -> runtime.alarmActive("GM-T-01", GridMonitor.BREAKER_TRIP));
        meter.close();
        runtime.await(
                "COMM_LOSS and OFFLINE",
                () -> runtime.alarmActive("GM-T-01", GridMonitor.COMM_LOSS)
                        && runtime.health("GM-T-01").status() == HealthStatus.OFFLINE
                        && runtime.health("GM-T-01").detail() == HealthDetail.COMMUNICATION_ERROR);
    }
}
