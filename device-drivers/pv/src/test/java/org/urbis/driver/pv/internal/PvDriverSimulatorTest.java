package org.urbis.driver.pv.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.modbus.ModbusSettings;
import org.urbis.simulator.pv.Inverter;
import org.urbis.simulator.pv.PvFeeder;
import org.urbis.testkit.DriverRuntime;
import org.urbis.testkit.Profiles;

/** The driver in the platform's device runtime, polling the simulated feeder over Modbus TCP, with the profiles its bundle ships. */
class PvDriverSimulatorTest {

    private static final Profiles PROFILES = Profiles.fromClasspath("URBIS-INF/profiles/pv.profiles.json");

    private PvFeeder feeder;
    private DriverRuntime runtime;
    private PvDriver driver;

    @BeforeEach
    void start() throws IOException {
        feeder = PvFeeder.builder()
                .inverters(2)
                .houses(2)
                .tickMillis(100)
                .sunnyNoon(true)
                .start();
        runtime = DriverRuntime.builder()
                .pollInterval(Duration.ofMillis(200))
                .ioTimeout(Duration.ofSeconds(2))
                .build();
        driver = new PvDriver(
                new ModbusSettings(Duration.ofMillis(800), 1, Duration.ofMillis(50), 125, 0, 256), Clock.systemUTC());
        runtime.add(driver);
    }

    @AfterEach
    void stop() {
        runtime.close();
        driver.deactivate();
        feeder.close();
    }

    private Device device(String id, DeviceClass cls, int unit, String profile, Map<String, String> options) {
        return new Device(
                id,
                cls,
                PvDriver.ID,
                "sunspec://127.0.0.1:" + feeder.port() + "/unit=" + unit,
                null,
                Map.of("feeder", "PT-F1"),
                PROFILES.points(profile),
                Duration.ofMillis(200),
                options);
    }

    private Device inverter(String id, int unit, Map<String, String> options) {
        return device(id, PvDriver.PV, unit, "pv-sunspec-inverter", options);
    }

    private Optional<Value> value(String device, String point) {
        return runtime.value(device, point);
    }

    private double number(String device, String point) {
        return ((Number) value(device, point).orElseThrow().value()).doubleValue();
    }

    private boolean good(String device, String point) {
        return value(device, point).map(v -> v.quality() == Quality.GOOD).orElse(false);
    }

    @Test
    void discoversTheModelsAndReadsEveryInverterAndMeterPoint() {
        runtime.apply(List.of(
                inverter("PV-PT-001", 1, Map.of()),
                inverter("PV-PT-002", 2, Map.of()),
                device("GM-PT-F1-TX", DeviceClass.GRID_METER, PvFeeder.TRANSFORMER_UNIT, "gridmeter-sunspec", Map.of()),
                device(
                        "GM-PT-F1-H01",
                        DeviceClass.GRID_METER,
                        PvFeeder.FIRST_HOUSE_UNIT,
                        "gridmeter-sunspec-1p",
                        Map.of())));
        for (String id : List.of("PV-PT-001", "PV-PT-002", "GM-PT-F1-TX", "GM-PT-F1-H01")) {
            runtime.await(
                    "every point of " + id + " GOOD",
                    () -> runtime.snapshot(id).values().size()
                                    == runtime.snapshot(id).device().points().size()
                            && runtime.snapshot(id).values().values().stream()
                                    .allMatch(v -> v.quality() == Quality.GOOD));
            assertEquals(HealthStatus.ONLINE, runtime.health(id).status(), id);
        }
        assertEquals(5.0, number("PV-PT-001", "ratedPower"), 1e-9, "model 120 WRtg 500 at WRtg_SF 1");
        assertEquals(8.0, number("PV-PT-002", "ratedPower"), 1e-9);
        assertEquals("PV00001", value("PV-PT-001", "serialNumber").orElseThrow().value());
        assertEquals(100.0, number("PV-PT-001", "powerLimitPct"));
        assertEquals(false, value("PV-PT-001", "powerLimitActive").orElseThrow().value());
        Inverter inv = feeder.inverters().get(0);
        runtime.await(
                "acPower as the inverter gives it",
                () -> Math.abs(number("PV-PT-001", "acPower") - inv.outputKw()) < 0.1);
        assertTrue(number("PV-PT-001", "acPower") > 3, "a sunny noon");
        assertTrue(number("PV-PT-001", "acEnergy") > 1_000, "lifetime kWh");
        double kwh = number("GM-PT-F1-TX", "energyImport");
        assertEquals(kwh, Math.round(kwh * 1000) / 1000.0, 0.0, "Wh at scale 0.001 keep their decimal digits: " + kwh);
        assertEquals(230, number("PV-PT-001", "acVoltage"), 3);
        assertEquals(50, number("GM-PT-F1-TX", "frequency"), 0.1);
        runtime.await("the transformer exports at a sunny noon", () -> number("GM-PT-F1-TX", "activePower") < -3);
        assertEquals(feeder.transformer().powerKw(), number("GM-PT-F1-TX", "activePower"), 1.5);
        assertTrue(number("GM-PT-F1-TX", "energyExport") > 1_000);
        assertEquals(0.95, number("GM-PT-F1-H01", "powerFactor"), 1e-9);
        assertTrue(number("GM-PT-F1-H01", "activePower") > 0, "a house imports");
    }

    @Test
    void aPowerLimitCurtailsWithItsRampAndIsReleasedAt100() throws Exception {
        runtime.apply(List.of(inverter("PV-PT-001", 1, Map.of("limitRampSeconds", "6"))));
        Inverter inv = feeder.inverters().get(0);
        runtime.await("full output", () -> good("PV-PT-001", "acPower") && number("PV-PT-001", "acPower") > 3.5);

        runtime.write("PV-PT-001", "powerLimitPct", 30.0);
        List<Double> seen = new ArrayList<>();
        runtime.await(
                "down to 30 % of 5 kW",
                () -> {
                    seen.add(number("PV-PT-001", "acPower"));
                    return number("PV-PT-001", "acPower") <= 1.5 + 1e-9;
                });
        assertTrue(seen.stream().anyMatch(kw -> kw > 1.6 && kw < 3.4), "the output ramped down through " + seen);
        assertEquals(true, value("PV-PT-001", "powerLimitActive").orElseThrow().value());
        assertEquals(30.0, number("PV-PT-001", "powerLimitPct"), 1e-9);
        assertTrue(inv.availableKw() > 3.5, "the sun still shines: the inverter is curtailed");

        runtime.write("PV-PT-001", "powerLimitPct", 100.0);
        runtime.await(
                "released",
                () -> Boolean.FALSE.equals(value("PV-PT-001", "powerLimitActive")
                                .orElseThrow()
                                .value())
                        && number("PV-PT-001", "acPower") > 3.5);
        assertEquals(100.0, number("PV-PT-001", "powerLimitPct"));
    }

    @Test
    void aLimitRevertsOnItsTimeout() throws Exception {
        runtime.apply(List.of(inverter("PV-PT-001", 1, Map.of("limitRevertSeconds", "2"))));
        runtime.await("full output", () -> good("PV-PT-001", "acPower") && number("PV-PT-001", "acPower") > 3.5);
        runtime.write("PV-PT-001", "powerLimitPct", 20.0);
        runtime.await(
                "curtailed",
                () -> number("PV-PT-001", "acPower") <= 1.0 + 1e-9
                        && Boolean.TRUE.equals(value("PV-PT-001", "powerLimitActive")
                                .orElseThrow()
                                .value()));
        runtime.await(
                "the inverter dropped the limit after 2 s",
                () -> Boolean.FALSE.equals(value("PV-PT-001", "powerLimitActive")
                                .orElseThrow()
                                .value())
                        && number("PV-PT-001", "acPower") > 3.5);
        assertEquals(100.0, number("PV-PT-001", "powerLimitPct"), "no limit in force");
    }

    @Test
    void aValueTheDeviceDoesNotImplementIsBadNeverANumber() {
        runtime.apply(List.of(inverter("PV-PT-001", 1, Map.of())));
        runtime.await("acPower GOOD", () -> good("PV-PT-001", "acPower"));
        feeder.inverters().get(0).withhold("W");
        runtime.await(
                "acPower BAD",
                () -> value("PV-PT-001", "acPower")
                        .map(v -> v.quality() == Quality.BAD)
                        .orElse(false));
        Value v = value("PV-PT-001", "acPower").orElseThrow();
        assertEquals(QualityReason.DEVICE_ERROR, v.reason());
        assertTrue(
                v.detail().contains("point W of model 101") && v.detail().contains("not implemented (0x8000)"),
                v.detail());
        assertTrue(good("PV-PT-001", "acEnergy"), "the other points read on");
    }

    @Test
    void ratedPowerComesFromTheDeviceOptionWithoutANameplate() {
        Point rated = PROFILES.points("pv-sunspec-inverter").stream()
                .filter(p -> p.name().equals("ratedPower"))
                .findFirst()
                .orElseThrow();
        Device meterAsInverter = new Device(
                "PV-PT-009",
                PvDriver.PV,
                PvDriver.ID,
                "sunspec://127.0.0.1:" + feeder.port() + "/unit=" + PvFeeder.FIRST_HOUSE_UNIT,
                null,
                Map.of(),
                List.of(rated),
                Duration.ofMillis(200),
                Map.of("ratedPower", "3.5"));
        runtime.apply(List.of(meterAsInverter));
        runtime.await("ratedPower GOOD", () -> good("PV-PT-009", "ratedPower"));
        assertEquals(3.5, number("PV-PT-009", "ratedPower"));
    }

    @Test
    void aMeterGoingBackwardsOrFrozenIsBadAndRaisesAnAlarm() {
        runtime.apply(List.of(device(
                "GM-PT-F1-H01",
                DeviceClass.GRID_METER,
                PvFeeder.FIRST_HOUSE_UNIT,
                "gridmeter-sunspec-1p",
                Map.of("frozenSeconds", "1.5"))));
        runtime.await("energyImport GOOD", () -> good("GM-PT-F1-H01", "energyImport"));
        feeder.houses().get(0).rollBack(500);
        runtime.await(
                "energyImport BAD and ENERGY_IMPLAUSIBLE",
                () -> !good("GM-PT-F1-H01", "energyImport")
                        && runtime.alarmActive("GM-PT-F1-H01", PvMonitor.ENERGY_IMPLAUSIBLE));
        assertTrue(value("GM-PT-F1-H01", "energyImport").orElseThrow().detail().contains("went back from"));

        feeder.houses().get(0).freeze(true);
        runtime.await(
                "activePower BAD / STALE and VALUES_FROZEN",
                () -> value("GM-PT-F1-H01", "activePower")
                                .map(v -> v.reason() == QualityReason.STALE)
                                .orElse(false)
                        && runtime.alarmActive("GM-PT-F1-H01", PvMonitor.VALUES_FROZEN));
        feeder.houses().get(0).freeze(false);
        runtime.await(
                "moving again",
                () -> good("GM-PT-F1-H01", "activePower")
                        && !runtime.alarmActive("GM-PT-F1-H01", PvMonitor.VALUES_FROZEN));
    }

    @Test
    void badAddressesAreNamed() {
        Point wrong = Point.builder("acPower", org.urbis.api.device.DataType.FLOAT)
                .address("sunspec:inverter/Watts")
                .build();
        Point model = Point.builder("x", org.urbis.api.device.DataType.FLOAT)
                .address("sunspec:64/X")
                .build();
        Point ro = Point.builder("w", org.urbis.api.device.DataType.FLOAT)
                .address("sunspec:inverter/W")
                .access(org.urbis.api.device.Access.READ_WRITE)
                .build();
        Device d = new Device(
                "PV-X",
                PvDriver.PV,
                PvDriver.ID,
                "modbus://h",
                null,
                Map.of(),
                List.of(wrong, model, ro),
                Duration.ofSeconds(1),
                Map.of("limitRampSeconds", "-1"));
        List<String> problems = driver.validate(d);
        assertEquals(
                List.of(
                        "address 'modbus://h' is not sunspec://host:port/unit=N",
                        "point 'acPower': model 101 (single-phase inverter) has no point 'Watts'",
                        "point 'x': model 64 is not one this driver reads (1, 101-103, 120, 123, 201-204)",
                        "point 'w' is writable but W of an inverter model (101-103) is not; only the immediate controls of model 123 are",
                        "option limitRampSeconds must be 0.0-65534.0, not -1"),
                problems);
    }
}
