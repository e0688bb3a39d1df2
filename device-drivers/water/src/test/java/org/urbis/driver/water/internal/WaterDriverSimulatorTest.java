package org.urbis.driver.water.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.event.Alarm;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;
import org.urbis.modbus.ModbusSettings;
import org.urbis.simulator.water.WaterSimulator;
import org.urbis.testkit.DriverRuntime;
import org.urbis.testkit.Profiles;

/** The driver in the platform's device runtime, polling simulated RTUs over Modbus TCP, with the profile its bundle ships. */
class WaterDriverSimulatorTest {

    private WaterSimulator sim;
    private DriverRuntime manager;
    private WaterDriver driver;
    private List<Point> profile;

    @BeforeEach
    void start() throws IOException {
        sim = WaterSimulator.start(3);
        profile =
                Profiles.fromClasspath("URBIS-INF/profiles/water.profiles.json").points("water-valve-rtu");
        manager = DriverRuntime.builder()
                .pollInterval(Duration.ofMillis(200))
                .ioTimeout(Duration.ofSeconds(2))
                .build();
        driver = new WaterDriver(
                new ModbusSettings(Duration.ofMillis(800), 1, Duration.ofMillis(50), 64, 8, 256), Clock.systemUTC());
        manager.add(driver);
    }

    @AfterEach
    void stop() {
        manager.close();
        driver.deactivate();
        sim.close();
    }

    private Device rtu(String id, int unit, Map<String, String> options) {
        return new Device(
                id,
                DeviceClass.WATER,
                "water",
                "tcp://127.0.0.1:" + sim.port() + "/unit=" + unit,
                null,
                Map.of("zone", "PT-Z1"),
                profile,
                Duration.ofMillis(200),
                options);
    }

    private void await(String what, BooleanSupplier condition) {
        manager.await(what, condition);
    }

    private Optional<Value> value(String device, String point) {
        return manager.value(device, point);
    }

    /**
     * Whether the stored reading of a point is {@code expected}. The driver derives health from a poll before the
     * core stores that poll's values, so a test that then reads the snapshot waits for the values too.
     */
    private boolean reads(String device, String point, Object expected) {
        return value(device, point).map(v -> expected.equals(v.value())).orElse(false);
    }

    private boolean alarm(String device, String type) {
        return manager.alarmActive(device, type);
    }

    @Test
    void pollsEveryProfilePointWithBlockReads() {
        manager.apply(List.of(rtu("WV-PT-01", 1, Map.of()), rtu("WV-PT-02", 2, Map.of())));
        await(
                "every point of both RTUs GOOD",
                () -> List.of("WV-PT-01", "WV-PT-02").stream()
                        .allMatch(id -> manager.snapshot(id).values().size() == profile.size()
                                && manager.snapshot(id).values().values().stream()
                                        .allMatch(v -> v.quality() == Quality.GOOD)));
        DeviceSnapshot s = manager.snapshot("WV-PT-01");
        assertEquals(50.0, (Double) s.values().get("position").value(), 0.5);
        assertEquals(
                sim.rtu(1).pressureBar(), (Double) s.values().get("pressure").value(), 0.05);
        assertEquals(6.0, (Double) s.values().get("supplyPressure").value(), 1e-6);
        assertEquals(27.5, (Double) s.values().get("temperature").value(), 1e-9);
        assertEquals(HealthStatus.ONLINE, s.health().status());
        // one poll of the 11 profile points is 4 block requests: hr:0-1, co:0, ir:0-8, di:0-1
        long before = sim.proxy().requests();
        await("a few more polls", () -> sim.proxy().requests() - before >= 40);
        // polls go on while counting: two devices may each be one request ahead
        assertTrue(
                Math.abs(sim.proxy().requests(3) - sim.proxy().requests(4)) <= 2,
                "as many hr:0-1 block reads as ir:0-8 ones");
        assertTrue(
                Math.abs(sim.proxy().requests(1) - sim.proxy().requests(2)) <= 2,
                "and as many co:0 reads as di:0-1 ones");
        assertEquals(1, sim.proxy().connectionsAccepted(), "both units share one connection");
    }

    @Test
    void aBurstRaisesLeakAndLowPressureAndTheyClearAfterRepair() {
        manager.apply(List.of(rtu(
                "WV-PT-01",
                1,
                Map.of(
                        "pressureLow",
                        "2.0",
                        "pressureHigh",
                        "8.0",
                        "burstDropBar",
                        "1.0",
                        "burstWindowSeconds",
                        "5"))));
        await(
                "a pressure reading",
                () -> value("WV-PT-01", "pressure").map(Value::hasValue).orElse(false));
        sim.rtu(1).leak(2.5, 150);
        await(
                "LEAK and LOW_PRESSURE raised",
                () -> alarm("WV-PT-01", WaterMonitor.LEAK) && alarm("WV-PT-01", WaterMonitor.LOW_PRESSURE));
        Alarm leak = manager.activeAlarms().stream()
                .filter(a -> a.type().equals(WaterMonitor.LEAK))
                .findFirst()
                .orElseThrow();
        assertTrue(leak.message().contains("burst or leak suspected"), leak.message());
        sim.rtu(1).repair();
        await(
                "LEAK and LOW_PRESSURE cleared",
                () -> !alarm("WV-PT-01", WaterMonitor.LEAK) && !alarm("WV-PT-01", WaterMonitor.LOW_PRESSURE));
    }

    @Test
    void localModeDegradesHealthAndTheInterlockRefusesCommands() {
        manager.apply(List.of(rtu("WV-PT-01", 1, Map.of("minTravelSeconds", "15"))));
        await(
                "ONLINE with a mode reading",
                () -> value("WV-PT-01", "local").map(Value::hasValue).orElse(false));
        WaterInterlock interlock = new WaterInterlock();
        Device d = manager.snapshot("WV-PT-01").device();
        Point setpoint = d.point("setpoint").orElseThrow();
        assertEquals(
                Optional.empty(),
                interlock.check(d, setpoint, 20.0, manager.snapshot("WV-PT-01")),
                "REMOTE, travel time 20 s >= 15 s");

        sim.rtu(1).local(true);
        await(
                "DEGRADED / LOCAL_CONTROL, and the LOCAL reading the interlock decides on",
                () -> manager.health("WV-PT-01").status() == HealthStatus.DEGRADED
                        && manager.health("WV-PT-01").detail() == HealthDetail.LOCAL_CONTROL
                        && reads("WV-PT-01", "local", true));
        assertEquals(
                Optional.of("WV-PT-01 is under LOCAL control and refuses remote commands"),
                interlock.check(d, setpoint, 20.0, manager.snapshot("WV-PT-01")));
        sim.rtu(1).local(false);
        await("ONLINE again", () -> manager.health("WV-PT-01").status() == HealthStatus.ONLINE);

        sim.rtu(1).travelSeconds(5);
        await(
                "travel time 5 s read",
                () -> value("WV-PT-01", "travelTime")
                        .map(v -> Long.valueOf(5).equals(v.value()))
                        .orElse(false));
        assertTrue(interlock
                .check(d, setpoint, 20.0, manager.snapshot("WV-PT-01"))
                .orElseThrow()
                .contains("faster than its minimum travel time 15 s"));
    }

    /** An RTU whose mode bit reads 1 for REMOTE and 0 for LOCAL: the point says invert, and LOCAL still protects the valve. */
    @Test
    void anInvertedModeBitStillRefusesCommandsInLocal() {
        List<Point> points = new java.util.ArrayList<>(
                profile.stream().filter(p -> !p.name().equals("local")).toList());
        points.add(Point.builder("remoteMode", org.urbis.api.device.DataType.BOOLEAN)
                .address("hr:140")
                .options(Map.of("bit", "0", "invert", "true", "role", "local"))
                .build());
        Device d = new Device(
                "WV-PT-09",
                DeviceClass.WATER,
                "water",
                "tcp://127.0.0.1:" + sim.port() + "/unit=1",
                null,
                Map.of("zone", "PT-Z1"),
                points,
                Duration.ofMillis(200),
                Map.of());
        assertEquals(List.of(), driver.validate(d));
        manager.apply(List.of(d));
        WaterInterlock interlock = new WaterInterlock();
        Point setpoint = d.point("setpoint").orElseThrow();

        sim.rtu(1).holding(140, 0);
        await(
                "DEGRADED / LOCAL_CONTROL while the mode bit reads 0, and that reading stored",
                () -> manager.health("WV-PT-09").detail() == HealthDetail.LOCAL_CONTROL
                        && reads("WV-PT-09", "remoteMode", true));
        assertEquals(
                Optional.of("WV-PT-09 is under LOCAL control and refuses remote commands"),
                interlock.check(d, setpoint, 20.0, manager.snapshot("WV-PT-09")));

        sim.rtu(1).holding(140, 1);
        await("REMOTE once the mode bit reads 1", () -> reads("WV-PT-09", "remoteMode", false));
        assertEquals(Optional.empty(), interlock.check(d, setpoint, 20.0, manager.snapshot("WV-PT-09")));
    }

    @Test
    void aValveThatDoesNotMoveRaisesValveStuck() throws Exception {
        manager.apply(List.of(rtu("WV-PT-01", 1, Map.of("stuckGraceSeconds", "0.5"))));
        await(
                "a position reading",
                () -> value("WV-PT-01", "position").map(Value::hasValue).orElse(false));
        sim.rtu(1).travelSeconds(2);
        sim.rtu(1).stuck(true);
        manager.write("WV-PT-01", "setpoint", 80.0);
        await("VALVE_STUCK", () -> alarm("WV-PT-01", WaterMonitor.VALVE_STUCK));
        sim.rtu(1).stuck(false);
        await("VALVE_STUCK cleared once the valve arrives", () -> !alarm("WV-PT-01", WaterMonitor.VALVE_STUCK));
        assertEquals(80.0, sim.rtu(1).position(), 0.01);
    }

    @Test
    void aBadInventoryEntryIsRefusedWithReasons() {
        Device bad = new Device(
                "WV-BAD",
                DeviceClass.WATER,
                "water",
                "udp://x",
                null,
                null,
                List.of(Point.builder("p", org.urbis.api.device.DataType.FLOAT)
                        .address("hr:zz")
                        .build()),
                null,
                Map.of("pressureHigh", "high"));
        List<String> problems = driver.validate(bad);
        assertEquals(3, problems.size(), problems.toString());
    }
}
