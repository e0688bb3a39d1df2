package org.urbis.driver.streetlight.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.urbis.api.device.Device;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceIOException;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;
import org.urbis.simulator.streetlight.Fault;
import org.urbis.simulator.streetlight.FleetSettings;
import org.urbis.simulator.streetlight.LuminaireFleet;
import org.urbis.testing.Await;
import org.urbis.testing.MosquittoPerClass;
import org.urbis.testing.SettableClock;
import org.urbis.testkit.DriverRuntime;

/** The driver and the simulated fleet over a real mosquitto, with the platform's device runtime (the test kit's) on top. */
class StreetlightDriverTest {

    /** 22:00 in Phan Thiết: night, so no lamp burns by day unless a test says so. */
    private static final Instant NIGHT = Instant.parse("2026-06-21T15:00:00Z");
    /** 12:00 in Phan Thiết. */
    private static final Instant NOON = Instant.parse("2026-06-21T05:00:00Z");

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration IO = Duration.ofSeconds(3);
    private static final AtomicInteger RIGS = new AtomicInteger();

    @RegisterExtension
    static final MosquittoPerClass broker = new MosquittoPerClass();

    private final SettableClock clock = new SettableClock(NIGHT);
    private LuminaireFleet fleet;
    private StreetlightDriver driver;
    private DriverRuntime manager;

    /** A fleet of {@code n} under its own topic root, the driver, and the runtime with one device per node. */
    private void rig(int n, Duration silentAfter, Duration statusInterval) {
        String root = "test" + RIGS.incrementAndGet() + "/luminaires";
        fleet = new LuminaireFleet(FleetSettings.defaults(broker.url())
                .withTopicRoot(root)
                .withIdPrefix("SL-T-")
                .withStatusInterval(statusInterval)
                .withTick(Duration.ofMillis(100))
                .withClock(clock));
        assertTrue(fleet.start(n), "the fleet connects");
        driver = new StreetlightDriver(DriverSettings.defaults(broker.url()).withSilentAfter(silentAfter), clock);
        Await.until("the driver's connection", WAIT, driver::connected);
        manager = DriverRuntime.builder().ioTimeout(IO).build().add(driver);
        List<Device> devices = new ArrayList<>();
        for (String id : fleet.nodeIds()) {
            devices.add(Luminaires.device(id, fleet.address(id)));
        }
        manager.apply(devices);
    }

    @AfterEach
    void tearDown() {
        if (manager != null) {
            manager.close();
        }
        if (driver != null) {
            driver.close();
        }
        if (fleet != null) {
            fleet.stop();
        }
    }

    private DeviceHealth health(String id) {
        return manager.health(id);
    }

    private Optional<Value> value(String id, String point) {
        return manager.value(id, point);
    }

    private boolean alarm(String id, String type) {
        return manager.alarmActive(id, type);
    }

    private void write(String id, String point, Object value) throws DeviceIOException {
        manager.write(id, point, value);
    }

    private Value read(String id, String point) throws DeviceIOException {
        return manager.read(id, point);
    }

    private void awaitOnline(List<String> ids) {
        for (String id : ids) {
            Await.until(
                    id + " ONLINE with values",
                    WAIT,
                    () -> health(id).status() == HealthStatus.ONLINE
                            && value(id, "voltage").isPresent());
        }
    }

    @Test
    void valuesOfEveryNodeArrive() {
        rig(5, Duration.ofSeconds(30), Duration.ofSeconds(1));
        awaitOnline(fleet.nodeIds());
        for (String id : fleet.nodeIds()) {
            var values = manager.snapshot(id).values();
            for (String point : List.of(
                    "switch",
                    "dim",
                    "power",
                    "energy",
                    "operatingHours",
                    "switchOnCount",
                    "lampStatus",
                    "voltage",
                    "programId")) {
                assertTrue(values.containsKey(point), id + " reports " + point);
                assertEquals(Quality.GOOD, values.get(point).quality(), id + " " + point);
            }
            assertEquals(230.0, values.get("voltage").value());
            assertEquals(0L, values.get("switchOnCount").value());
            assertFalse(values.containsKey("program"), "program is write-only: no value invented for it");
        }
        assertEquals(0, driver.statistics().rejected());
        assertEquals(0, driver.statistics().fieldProblems());
    }

    @Test
    void dimAndSwitchCommandsAreAcknowledgedAndReadBack() throws Exception {
        rig(2, Duration.ofSeconds(30), Duration.ofSeconds(60));
        awaitOnline(fleet.nodeIds());
        String id = fleet.nodeIds().get(0);
        write(id, "switch", true);
        write(id, "dim", 40.0);
        assertEquals(40.0, read(id, "dim").value());
        assertEquals(Boolean.TRUE, read(id, "switch").value());
        assertEquals(40.0, fleet.state(id).dim());
        assertTrue(fleet.state(id).relay());
        Await.until(
                "the power of 40 % of 120 W",
                WAIT, () -> value(id, "power").map(v -> v.value().equals(48.0)).orElse(false));
        assertEquals(1L, read(id, "switchOnCount").value());
        // the other node was not touched
        String other = fleet.nodeIds().get(1);
        assertFalse(fleet.state(other).relay());
        assertEquals(0, fleet.state(other).commands());
    }

    @Test
    void aStuckRelayIsReadBackAsItIs() throws Exception {
        rig(1, Duration.ofSeconds(30), Duration.ofSeconds(60));
        String id = fleet.nodeIds().get(0);
        awaitOnline(List.of(id));
        fleet.fault(id, Fault.STUCK_RELAY, true);
        write(id, "switch", true); // the node acknowledges: it believes it switched
        assertEquals(Boolean.FALSE, read(id, "switch").value(), "the readback shows the relay did not move");
    }

    @Test
    void slowAndLostAcknowledgementsTimeOut() throws Exception {
        rig(2, Duration.ofSeconds(30), Duration.ofSeconds(60));
        awaitOnline(fleet.nodeIds());
        String slow = fleet.nodeIds().get(0);
        String lost = fleet.nodeIds().get(1);
        fleet.ackDelay(slow, Duration.ofSeconds(5));
        fleet.fault(lost, Fault.LOST_ACKS, true);
        for (String id : List.of(slow, lost)) {
            DeviceIOException io = assertThrows(DeviceIOException.class, () -> write(id, "dim", 30.0));
            assertEquals(DeviceIOException.Reason.TIMEOUT, io.reason(), io.getMessage());
        }
        // an acknowledgement within the timeout goes through
        fleet.ackDelay(slow, Duration.ofMillis(300));
        write(slow, "dim", 20.0);
        assertEquals(20.0, read(slow, "dim").value());
    }

    @Test
    void aProgramIsPushedAndABadOneIsNotSent() throws Exception {
        rig(1, Duration.ofSeconds(30), Duration.ofSeconds(60));
        String id = fleet.nodeIds().get(0);
        awaitOnline(List.of(id));
        String program = "{\"id\": \"thurrock\", \"zone\": \"Asia/Ho_Chi_Minh\", \"steps\": ["
                + "{\"at\": \"sunset\", \"offset\": -10, \"level\": 70}, {\"at\": \"00:00\", \"level\": 50},"
                + "{\"at\": \"05:00\", \"level\": 70}, {\"at\": \"sunrise\", \"offset\": 15, \"level\": 0}]}";
        write(id, "program", program);
        assertEquals("thurrock", fleet.state(id).programId());
        assertEquals("thurrock", read(id, "programId").value());
        // 22:00 local: the program's 70 % step since sunset is in force
        assertTrue(fleet.state(id).relay());
        assertEquals(70.0, fleet.state(id).dim());

        long commands = fleet.commandsReceived();
        DeviceIOException e = assertThrows(
                DeviceIOException.class,
                () -> write(id, "program", "{\"steps\": [{\"at\": \"25:00\", \"level\": 50}]}"));
        assertTrue(e.getMessage().contains("'at' must be HH:mm"), e.getMessage());
        assertEquals(commands, fleet.commandsReceived(), "nothing was sent");
    }

    @Test
    void aFailedLampIsReportedAndClears() throws Exception {
        rig(2, Duration.ofSeconds(30), Duration.ofSeconds(60));
        awaitOnline(fleet.nodeIds());
        String id = fleet.nodeIds().get(0);
        write(id, "switch", true);
        fleet.fault(id, Fault.LAMP_FAILED, true);
        Await.until(
                "LAMP_FAILURE health and alarm",
                WAIT,
                () -> health(id).detail() == HealthDetail.LAMP_FAILURE && alarm(id, "LAMP_FAILURE"));
        assertEquals(HealthStatus.DEGRADED, health(id).status());
        assertEquals("FAILED", value(id, "lampStatus").orElseThrow().value());
        String other = fleet.nodeIds().get(1);
        assertEquals(HealthStatus.ONLINE, health(other).status());
        assertFalse(alarm(other, "LAMP_FAILURE"));

        fleet.fault(id, Fault.LAMP_FAILED, false);
        Await.until(
                "the lamp alarm to clear",
                WAIT,
                () -> health(id).status() == HealthStatus.ONLINE && !alarm(id, "LAMP_FAILURE"));
    }

    @Test
    void aLampOnWhileTheSunIsUpIsADayBurner() throws Exception {
        rig(1, Duration.ofSeconds(30), Duration.ofSeconds(60));
        String id = fleet.nodeIds().get(0);
        awaitOnline(List.of(id));
        write(id, "switch", true);
        assertFalse(alarm(id, "DAY_BURNER"), "at night a lit lamp is no day-burner");
        clock.set(NOON);
        Await.until(
                "DAY_BURNER alarm at noon",
                WAIT,
                () -> alarm(id, "DAY_BURNER") && health(id).detail() == HealthDetail.DEVICE_FAULT);
        write(id, "switch", false);
        Await.until(
                "the day-burner to clear once switched off",
                WAIT,
                () -> !alarm(id, "DAY_BURNER") && health(id).status() == HealthStatus.ONLINE);
    }

    @Test
    void aSilentNodeGoesOfflineAndComesBack() {
        rig(2, Duration.ofSeconds(2), Duration.ofMillis(500));
        awaitOnline(fleet.nodeIds());
        String id = fleet.nodeIds().get(0);
        String other = fleet.nodeIds().get(1);
        fleet.fault(id, Fault.OFFLINE, true);
        Await.until(
                "SILENT and NODE_SILENT",
                WAIT,
                () -> health(id).detail() == HealthDetail.SILENT && alarm(id, "NODE_SILENT"));
        assertEquals(HealthStatus.OFFLINE, health(id).status());
        assertEquals(HealthStatus.ONLINE, health(other).status(), "the other node still reports");
        assertFalse(alarm(other, "NODE_SILENT"));

        fleet.fault(id, Fault.OFFLINE, false);
        Await.until(
                "ONLINE again and the alarm cleared",
                WAIT,
                () -> health(id).status() == HealthStatus.ONLINE && !alarm(id, "NODE_SILENT"));
    }

    @Test
    void garbageIsCountedAndInventsNothing() throws Exception {
        rig(2, Duration.ofSeconds(30), Duration.ofMillis(300));
        awaitOnline(fleet.nodeIds());
        String bad = fleet.nodeIds().get(0);
        String good = fleet.nodeIds().get(1);
        Value dimBefore = value(bad, "dim").orElseThrow();
        fleet.fault(bad, Fault.GARBAGE, true);
        fleet.publishRaw(bad, new byte[] {(byte) 0xff, 0, 1, 2});
        fleet.publishRaw(bad, "{\"dim\": 1, \"dim\": 2}".getBytes(StandardCharsets.UTF_8));
        Await.until(
                "a dozen rejected messages",
                WAIT,
                () -> driver.statistics().rejected() >= 12
                        && driver.statistics().fieldProblems() >= 4);
        assertEquals(
                HealthDetail.COMMUNICATION_ERROR,
                health(bad).detail(),
                health(bad).message());
        // "relay": "maybe", "dim": "bright" left nothing behind; dim 40 of a message with an unknown field did count
        Value dimAfter = value(bad, "dim").orElseThrow();
        assertTrue(
                dimAfter.value().equals(dimBefore.value()) || dimAfter.value().equals(40.0), "dim is " + dimAfter);
        assertEquals(Quality.GOOD, value(bad, "switch").orElseThrow().quality());

        // the good node is untouched and commandable
        write(good, "dim", 55.0);
        assertEquals(55.0, read(good, "dim").value());
        assertEquals(HealthStatus.ONLINE, health(good).status());

        fleet.fault(bad, Fault.GARBAGE, false);
        Await.until("the node readable again", WAIT, () -> health(bad).status() == HealthStatus.ONLINE);
        assertNull(manager.activeAlarms().stream()
                .filter(a -> a.deviceId().equals(good))
                .findAny()
                .orElse(null));
    }
}
