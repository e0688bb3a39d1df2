package org.urbis.driver.irrigation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Device;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceIOException;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;
import org.urbis.simulator.irrigation.OpenSprinklerController;
import org.urbis.testkit.DriverRuntime;

/**
 * The driver in the platform's device runtime against a simulated OpenSprinkler controller over real
 * sockets: runs and stops, rain delay and water level read back, the controller's local time taken to
 * UTC, and a controller that answers slowly, refuses connections or answers with error codes.
 */
class OpenSprinklerSimulatorTest {

    private OpenSprinklerController controller;
    private DriverRuntime runtime;
    private IrrigationDriver driver;

    @BeforeEach
    void start() throws IOException {
        controller = OpenSprinklerController.start();
        runtime = DriverRuntime.builder()
                .pollInterval(Duration.ofMillis(300))
                .ioTimeout(Duration.ofSeconds(2))
                .retry(Duration.ofMillis(100), Duration.ofMillis(500))
                .build();
        driver = Controllers.driver();
        runtime.add(driver);
    }

    @AfterEach
    void stop() {
        runtime.close();
        driver.deactivate();
        controller.close();
    }

    private Device device(Map<String, String> options) {
        return Controllers.openSprinkler("IR-PT-001", controller.address(), options);
    }

    private Object value(String point) {
        return runtime.value("IR-PT-001", point)
                .filter(Value::hasValue)
                .map(Value::value)
                .orElse(null);
    }

    private void awaitOnline() {
        runtime.await(
                "IR-PT-001 ONLINE with every point GOOD",
                () -> runtime.health("IR-PT-001").status() == HealthStatus.ONLINE
                        && runtime.snapshot("IR-PT-001").values().size()
                                == Controllers.openSprinklerPoints().size() - 1
                        && runtime.snapshot("IR-PT-001").values().values().stream()
                                .allMatch(v -> v.quality() == Quality.GOOD));
    }

    @Test
    void runsAndStopsAZoneAndReadsItsFlow() throws Exception {
        runtime.apply(device(Map.of()));
        awaitOnline();
        assertEquals(false, value("zone2.open"));
        assertEquals(0.0, value("flowTotal"));

        runtime.write("IR-PT-001", "zone2.run", 600L);
        assertEquals(600L, runtime.read("IR-PT-001", "zone2.run").value(), "the run's length reads back");
        assertTrue(controller.stationOpen(2));
        runtime.await(
                "zone 2 open, its flow measured",
                () -> Boolean.TRUE.equals(value("zone2.open"))
                        && Boolean.TRUE.equals(value("masterValve"))
                        && Double.valueOf(15.0).equals(value("zone2.flow")));
        assertEquals(15.0, (Double) value("flowTotal"), 1e-9);
        long remaining = (Long) value("zone2.remaining");
        assertTrue(remaining > 590 && remaining <= 600, "remaining " + remaining);

        runtime.write("IR-PT-001", "zone2.run", 0L);
        assertEquals(0L, runtime.read("IR-PT-001", "zone2.run").value());
        assertFalse(controller.stationOpen(2));
        runtime.await(
                "zone 2 shut again",
                () -> Boolean.FALSE.equals(value("zone2.open"))
                        && Double.valueOf(0).equals(value("flowTotal")));
        runtime.await(
                "the run in the log", () -> String.valueOf(value("lastRun")).startsWith("zone 2 ran "));
        assertEquals(0, controller.requests("/cv"), "no shut-off was sent");
    }

    @Test
    void rainDelayAndWaterLevelReadBack() throws Exception {
        runtime.apply(device(Map.of()));
        awaitOnline();
        runtime.write("IR-PT-001", "rainDelayHours", 24L);
        assertEquals(24L, runtime.read("IR-PT-001", "rainDelayHours").value());
        runtime.write("IR-PT-001", "waterLevel", 80L);
        assertEquals(80L, runtime.read("IR-PT-001", "waterLevel").value());
        runtime.write("IR-PT-001", "rainDelayHours", 0L);
        assertEquals(0L, runtime.read("IR-PT-001", "rainDelayHours").value());
        controller.rain(true);
        runtime.await("rain sensed", () -> Boolean.TRUE.equals(value("rainSensor")));
    }

    @Test
    void theControllersLocalTimeIsTakenToUtc() throws Exception {
        // a controller west of Greenwich too (tz 20 is UTC-7), so that a sign error cannot hide
        try (OpenSprinklerController west =
                new OpenSprinklerController(InetAddress.getLoopbackAddress(), 0, 8, "west", 20, Clock.systemUTC())) {
            Device d = Controllers.openSprinkler("IR-PT-009", west.address(), Map.of("password", "west"));
            runtime.apply(device(Map.of()), d);
            awaitOnline();
            runtime.await(
                    "IR-PT-009 read",
                    () -> runtime.value("IR-PT-009", "controllerTime")
                            .filter(Value::hasValue)
                            .isPresent());
            for (String id : List.of("IR-PT-001", "IR-PT-009")) {
                Instant controllerTime = Instant.parse(
                        (String) runtime.read(id, "controllerTime").value());
                assertTrue(
                        Duration.between(controllerTime, Instant.now()).abs().toSeconds() < 30,
                        id + " says it is " + controllerTime + " UTC");
            }
            assertFalse(runtime.alarmActive("IR-PT-009", OpenSprinklerSession.CLOCK_DRIFT));
            runtime.write("IR-PT-009", "zone1.run", 1L);
            runtime.await(
                    "the 1 s run in the log",
                    () -> runtime.value("IR-PT-009", "lastRun")
                            .filter(Value::hasValue)
                            .map(v -> ((String) v.value()).startsWith("zone 1 ran 1 s (manual), ended "))
                            .orElse(false));
            String last =
                    (String) runtime.value("IR-PT-009", "lastRun").orElseThrow().value();
            Instant ended = Instant.parse(last.substring(last.lastIndexOf(' ') + 1));
            assertTrue(Duration.between(ended, Instant.now()).abs().toSeconds() < 30, last);
        }
    }

    @Test
    void aSlowControllerTimesOutAndComesBack() {
        runtime.apply(device(Map.of()));
        awaitOnline();
        controller.delay(3_000);
        runtime.await(
                "OFFLINE / TIMEOUT while it answers too slowly",
                () -> runtime.health("IR-PT-001").status() == HealthStatus.OFFLINE
                        && runtime.health("IR-PT-001").detail() == HealthDetail.TIMEOUT);
        controller.delay(0);
        awaitOnline();
    }

    @Test
    void aRefusingControllerIsACommunicationErrorAndComesBack() throws Exception {
        runtime.apply(device(Map.of()));
        awaitOnline();
        controller.refuse();
        runtime.await(
                "OFFLINE / COMMUNICATION_ERROR while it refuses",
                () -> runtime.health("IR-PT-001").status() == HealthStatus.OFFLINE
                        && runtime.health("IR-PT-001").detail() == HealthDetail.COMMUNICATION_ERROR);
        assertTrue(
                runtime.health("IR-PT-001").message().contains("refused"),
                runtime.health("IR-PT-001").message());
        controller.accept();
        awaitOnline();
    }

    @Test
    void resultCodesBecomeClearErrors() throws Exception {
        runtime.apply(device(Map.of()));
        awaitOnline();
        controller.failWith(17, 1);
        DeviceIOException e = assertThrows(DeviceIOException.class, () -> runtime.write("IR-PT-001", "zone1.run", 60L));
        assertTrue(e.getMessage().contains("result 17: out of range"), e.getMessage());
        assertFalse(controller.stationOpen(1));

        controller.failWith(2, Integer.MAX_VALUE);
        runtime.await(
                "CONFIGURATION_ERROR while the password is refused",
                () -> runtime.health("IR-PT-001").detail() == HealthDetail.CONFIGURATION_ERROR
                        && runtime.health("IR-PT-001").message().contains("unauthorised"));
        controller.failWith(0, 0);
        awaitOnline();

        controller.failWith(32, 1);
        e = assertThrows(DeviceIOException.class, () -> runtime.write("IR-PT-001", "rainDelayHours", 3L));
        assertTrue(e.getMessage().contains("result 32: page not found"), e.getMessage());
    }

    @Test
    void aWrongPasswordIsAConfigurationError() {
        runtime.apply(device(Map.of("password", "not-the-password")));
        runtime.await(
                "CONFIGURATION_ERROR", () -> runtime.health("IR-PT-001").detail() == HealthDetail.CONFIGURATION_ERROR);
        assertTrue(
                runtime.health("IR-PT-001").message().contains("device option password"),
                runtime.health("IR-PT-001").message());
    }

    @Test
    void tooMuchFlowInAZoneRaisesHighFlow() throws Exception {
        runtime.apply(device(Map.of("zoneFlows", "12,15,18,21,24,27")));
        awaitOnline();
        runtime.write("IR-PT-001", "zone1.run", 600L);
        runtime.await("zone 1 flowing", () -> Double.valueOf(12.0).equals(value("zone1.flow")));
        assertFalse(runtime.alarmActive("IR-PT-001", "HIGH_FLOW.zone1"));
        controller.mainlineBreak(40);
        runtime.await("HIGH_FLOW.zone1", () -> runtime.alarmActive("IR-PT-001", "HIGH_FLOW.zone1"));
        runtime.write("IR-PT-001", "zone1.run", 0L);
        runtime.await(
                "HIGH_FLOW.zone1 cleared once the zone is shut",
                () -> !runtime.alarmActive("IR-PT-001", "HIGH_FLOW.zone1"));
    }

    /** Two devices naming one controller share its single request slot: the second waits, and gives up at its deadline. */
    @Test
    void oneRequestInFlightPerController() throws Exception {
        Device a = Controllers.openSprinkler("IR-PT-011", controller.address(), Map.of());
        Device b = Controllers.openSprinkler("IR-PT-012", controller.address(), Map.of());
        List<org.urbis.api.device.Point> readable =
                a.points().stream().filter(p -> p.access().readable()).toList();
        // a driver whose requests may take long, so that only the shared slot can make the second one wait
        IrrigationDriver patient = new IrrigationDriver(
                Duration.ofSeconds(8),
                new org.urbis.modbus.ModbusSettings(Duration.ofMillis(800), 1, Duration.ofMillis(50), 64, 8, 256));
        controller.delay(3_000);
        try (var first = patient.open(a, new org.urbis.testkit.RecordingCallback());
                var second = patient.open(b, new org.urbis.testkit.RecordingCallback())) {
            var slow = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return first.read(readable, Duration.ofSeconds(15));
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            runtime.await("the first request at the controller", () -> controller.requests("/jc") == 1);
            org.urbis.api.driver.DriverException e = assertThrows(
                    org.urbis.api.driver.DriverException.class, () -> second.read(readable, Duration.ofMillis(500)));
            assertEquals(org.urbis.api.value.QualityReason.TIMEOUT, e.reason());
            assertTrue(e.getMessage().contains("still in flight"), e.getMessage());
            assertEquals(1, controller.requests("/jc"), "the second never reached the controller");
            controller.delay(0);
            assertEquals(
                    readable.size(),
                    slow.get(20, java.util.concurrent.TimeUnit.SECONDS).size());
        } finally {
            patient.deactivate();
        }
    }

    @Test
    void badEntriesAreRefusedWithReasons() {
        Device noPassword = Controllers.openSprinkler("IR-BAD-1", controller.address(), Map.of("password", ""));
        assertTrue(driver.validate(noPassword)
                .contains("an OpenSprinkler controller needs its password (device option password)"));
        Device badAddress =
                Controllers.openSprinkler("IR-BAD-2", "opensprinkler://host:80/jc?x=1", Map.of("zones", "4"));
        List<String> problems = driver.validate(badAddress);
        assertTrue(
                problems.stream().anyMatch(p -> p.contains("is not opensprinkler://host:port")), problems.toString());
        assertTrue(
                problems.stream().anyMatch(p -> p.contains("names zone 5 but the controller has 4 zones")),
                problems.toString());
    }
}
