package org.urbis.driver.irrigation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;
import org.urbis.simulator.irrigation.IrrigationPlc;
import org.urbis.testkit.DriverRuntime;
import org.urbis.testkit.RecordingCallback;

/**
 * The driver against a simulated irrigation PLC on Modbus TCP, over real sockets: zone runs through
 * the run-time registers, each zone's flow derived from the mainline meter, and the flow alarms — a
 * mainline break shuts the master valve in the very read that sees it.
 */
class PlcSimulatorTest {

    private IrrigationPlc plc;
    private DriverRuntime runtime;
    private IrrigationDriver driver;

    @BeforeEach
    void start() throws IOException {
        plc = IrrigationPlc.start(4);
        runtime = DriverRuntime.builder()
                .pollInterval(Duration.ofMillis(300))
                .ioTimeout(Duration.ofSeconds(2))
                .build();
        driver = Controllers.driver();
        runtime.add(driver);
    }

    @AfterEach
    void stop() {
        runtime.close();
        driver.deactivate();
        plc.close();
    }

    private Object value(String point) {
        return runtime.value("IR-PT-002", point)
                .filter(Value::hasValue)
                .map(Value::value)
                .orElse(null);
    }

    private void awaitOnline() {
        runtime.await(
                "IR-PT-002 ONLINE with every point GOOD",
                () -> runtime.health("IR-PT-002").status() == HealthStatus.ONLINE
                        && runtime.snapshot("IR-PT-002").values().size()
                                == Controllers.plcPoints().size()
                        && runtime.snapshot("IR-PT-002").values().values().stream()
                                .allMatch(v -> v.quality() == Quality.GOOD));
    }

    @Test
    void runsAZoneForItsTimeAndDerivesItsFlow() throws Exception {
        runtime.apply(Controllers.plc("IR-PT-002", plc.address(), Map.of()));
        awaitOnline();
        runtime.write("IR-PT-002", "zone3.run", 2L);
        assertEquals(2L, runtime.read("IR-PT-002", "zone3.run").value());
        runtime.await(
                "zone 3 open with its flow",
                () -> Boolean.TRUE.equals(value("zone3.open"))
                        && Double.valueOf(plc.zoneFlow(3)).equals(value("zone3.flow"))
                        && Double.valueOf(0).equals(value("zone1.flow")));
        runtime.await(
                "zone 3 shut by the PLC's timer",
                () -> Boolean.FALSE.equals(value("zone3.open"))
                        && Long.valueOf(0).equals(value("zone3.run"))
                        && Double.valueOf(0).equals(value("flowTotal")));
        assertFalse(runtime.alarmActive("IR-PT-002", FlowMonitor.MAINLINE_BREAK));
    }

    /** The break seen and the master valve shut in one read of the session: not a poll later. */
    @Test
    void aMainlineBreakShutsTheMasterValveWithinOnePoll() throws Exception {
        Device device = Controllers.plc("IR-PT-002", plc.address(), Map.of());
        RecordingCallback callback = new RecordingCallback();
        List<Point> readable =
                device.points().stream().filter(p -> p.access().readable()).toList();
        try (DriverSession session = driver.open(device, callback)) {
            session.read(readable, Duration.ofSeconds(2));
            assertTrue(plc.masterOpen());
            assertFalse(callback.alarmActive(FlowMonitor.MAINLINE_BREAK));

            plc.mainlineBreak(35);
            List<Value> values = session.read(readable, Duration.ofSeconds(2));
            assertEquals(
                    35.0,
                    (Double) values.get(
                                    readable.indexOf(device.point("flowTotal").orElseThrow()))
                            .value(),
                    1e-3);
            assertTrue(callback.alarmActive(FlowMonitor.MAINLINE_BREAK), "raised in the read that saw the flow");
            assertFalse(plc.masterOpen(), "the master valve is shut by the same read");
            assertEquals(0.0, plc.flow());
            String message = callback.alarms().get(callback.alarms().size() - 1).message();
            assertTrue(
                    message.contains("35.0 l/min flowing with every valve shut")
                            && message.contains("the master valve was shut"),
                    message);

            // the break stays raised while the supply is shut; repaired and opened by the crew, it clears
            session.read(readable, Duration.ofSeconds(2));
            assertTrue(callback.alarmActive(FlowMonitor.MAINLINE_BREAK));
            plc.mainlineBreak(0);
            plc.master(true);
            session.read(readable, Duration.ofSeconds(2));
            assertFalse(callback.alarmActive(FlowMonitor.MAINLINE_BREAK));
            assertEquals(List.of(true, false), callback.transitions(FlowMonitor.MAINLINE_BREAK));
        }
    }

    @Test
    void aMainlineBreakInTheRuntimeShutsTheWaterAndRaisesTheAlarm() {
        runtime.apply(Controllers.plc("IR-PT-002", plc.address(), Map.of()));
        awaitOnline();
        plc.mainlineBreak(50);
        runtime.await("MAINLINE_BREAK raised", () -> runtime.alarmActive("IR-PT-002", FlowMonitor.MAINLINE_BREAK));
        assertFalse(plc.masterOpen());
        runtime.await("the master valve reads shut", () -> Boolean.FALSE.equals(value("masterValve")));
    }

    @Test
    void aZoneThatDrawsNothingRaisesLowFlowAndALearnedZoneThatDrawsTooMuchHighFlow() throws Exception {
        runtime.apply(Controllers.plc("IR-PT-002", plc.address(), Map.of()));
        awaitOnline();
        plc.zoneFlow(2, 0); // a valve that does not open
        runtime.write("IR-PT-002", "zone2.run", 600L);
        runtime.await("LOW_FLOW.zone2", () -> runtime.alarmActive("IR-PT-002", "LOW_FLOW.zone2"));
        runtime.write("IR-PT-002", "zone2.run", 0L);
        runtime.await("LOW_FLOW.zone2 cleared", () -> !runtime.alarmActive("IR-PT-002", "LOW_FLOW.zone2"));

        runtime.write("IR-PT-002", "zone1.run", 600L);
        runtime.await("zone 1 flowing", () -> Double.valueOf(plc.zoneFlow(1)).equals(value("zone1.flow")));
        runtime.await(
                "a few polls to learn zone 1's flow", () -> value("zone1.remaining") instanceof Long r && r <= 597);
        plc.zoneFlow(1, plc.zoneFlow(1) * 2); // a broken lateral
        runtime.await("HIGH_FLOW.zone1", () -> runtime.alarmActive("IR-PT-002", "HIGH_FLOW.zone1"));
        assertFalse(
                runtime.alarmActive("IR-PT-002", FlowMonitor.MAINLINE_BREAK),
                "a zone runs: not a break with every valve shut");
        assertTrue(plc.masterOpen(), "high flow in a zone does not shut the mainline");
    }

    @Test
    void aFlowMeterFaultIsASensorFault() {
        runtime.apply(Controllers.plc("IR-PT-002", plc.address(), Map.of()));
        awaitOnline();
        plc.meterFault(true);
        runtime.await("SENSOR_FAULT", () -> runtime.alarmActive("IR-PT-002", FlowMonitor.SENSOR_FAULT));
        plc.mainlineBreak(50);
        runtime.await("the break's flow read", () -> Double.valueOf(50.0).equals(value("flowTotal")));
        assertTrue(plc.masterOpen(), "a faulty meter's flow shuts nothing");
        plc.mainlineBreak(0);
        plc.meterFault(false);
        runtime.await("SENSOR_FAULT cleared", () -> !runtime.alarmActive("IR-PT-002", FlowMonitor.SENSOR_FAULT));
    }

    @Test
    void badEntriesAreRefusedWithReasons() {
        Device bad = Controllers.plc("IR-BAD", "udp://x", Map.of("zones", "three", "leakFlow", "-1"));
        List<String> problems = driver.validate(bad);
        assertTrue(problems.contains("option zones must be a whole number 1-200, not 'three'"), problems.toString());
        assertTrue(problems.contains("option leakFlow must be a number >= 0, not '-1'"), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("is not tcp://host:port/unit=N")), problems.toString());
    }
}
