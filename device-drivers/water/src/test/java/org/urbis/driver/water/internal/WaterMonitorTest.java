package org.urbis.driver.water.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Value;
import org.urbis.testkit.RecordingCallback;

class WaterMonitorTest {

    private final RecordingCallback recorder = new RecordingCallback();
    private Instant now = Instant.parse("2026-11-22T02:00:00Z");

    private WaterMonitor monitor(Map<String, String> options) {
        Device d = new Device(
                "WV-PT-01",
                DeviceClass.WATER,
                "water",
                "tcp://127.0.0.1:5020/unit=1",
                null,
                null,
                List.of(Point.builder("pressure", DataType.FLOAT)
                        .address("ir:1")
                        .build()),
                null,
                options);
        return new WaterMonitor(d, WaterOptions.of(options), recorder);
    }

    private void observe(WaterMonitor m, Object... roleValues) {
        Map<String, Value> values = new HashMap<>();
        for (int i = 0; i < roleValues.length; i += 2) {
            values.put((String) roleValues[i], Value.good((String) roleValues[i], roleValues[i + 1], now));
        }
        m.observe(values, now);
        now = now.plusSeconds(1);
    }

    @Test
    void pressureAlarmsHaveHysteresisAndDoNotChatter() {
        WaterMonitor m = monitor(Map.of("pressureHigh", "6.0", "pressureLow", "2.0", "pressureHysteresis", "0.3"));
        for (double p : new double[] {5.0, 6.0, 5.9, 6.1, 5.8, 5.71, 5.69, 5.9, 6.0}) {
            observe(m, "pressure", p);
        }
        assertEquals(
                List.of(true, false, true),
                recorder.transitions(WaterMonitor.HIGH_PRESSURE),
                "raised at 6.0, held through 5.7-6.1, cleared below 5.7, raised again at 6.0");
        for (double p : new double[] {2.5, 2.0, 2.1, 1.9, 2.3, 2.31}) {
            observe(m, "pressure", p);
        }
        assertEquals(List.of(true, false), recorder.transitions(WaterMonitor.LOW_PRESSURE));
        RecordingCallback.AlarmReport raised = recorder.alarms().stream()
                .filter(a -> a.type().equals(WaterMonitor.LOW_PRESSURE))
                .findFirst()
                .orElseThrow();
        assertEquals(AlarmSeverity.MAJOR, raised.severity());
        assertEquals("pressure 2.00 bar is at or below the low limit 2.00 bar", raised.message());
    }

    @Test
    void aRapidPressureDropRaisesLeakUntilPressureRecovers() {
        WaterMonitor m = monitor(Map.of("burstDropBar", "1.5", "burstWindowSeconds", "5"));
        for (double p : new double[] {4.0, 3.9, 4.0, 3.8}) {
            observe(m, "pressure", p);
        }
        // a slow decline over more than the window is not a burst
        for (double p = 3.8; p > 2.0; p -= 0.2) {
            observe(m, "pressure", p);
        }
        assertEquals(List.of(), recorder.transitions(WaterMonitor.LEAK));
        observe(m, "pressure", 4.0);
        observe(m, "pressure", 4.0);
        observe(m, "pressure", 2.2);
        assertEquals(List.of(true), recorder.transitions(WaterMonitor.LEAK));
        assertEquals(
                AlarmSeverity.CRITICAL,
                recorder.alarms().get(recorder.alarms().size() - 1).severity());
        assertTrue(recorder.alarms().get(recorder.alarms().size() - 1).message().contains("from 4.00 bar to 2.20 bar"));
        for (int i = 0; i < 10; i++) {
            observe(m, "pressure", 2.2); // stays low past the window: still a leak
        }
        assertEquals(List.of(true), recorder.transitions(WaterMonitor.LEAK));
        observe(m, "pressure", 3.3);
        assertEquals(
                List.of(true, false), recorder.transitions(WaterMonitor.LEAK), "cleared within half the drop of 4.0");
    }

    @Test
    void aValveThatDoesNotFollowItsCommandWithinItsTravelTimeIsStuck() {
        WaterMonitor m = monitor(Map.of("positionTolerance", "2", "stuckGraceSeconds", "2"));
        observe(m, "setpoint", 50.0, "position", 50.0, "travelTime", 20L, "local", false);
        // commanded to 0: 50 % of a 20 s stroke is 10 s, plus 2 s grace
        for (int i = 0; i <= 12; i++) { // 0 to 12 s after the command: still within its travel
            observe(m, "setpoint", 0.0, "position", 50.0, "travelTime", 20L, "local", false);
        }
        assertEquals(List.of(), recorder.transitions(WaterMonitor.VALVE_STUCK));
        observe(m, "setpoint", 0.0, "position", 50.0, "travelTime", 20L, "local", false);
        assertEquals(List.of(true), recorder.transitions(WaterMonitor.VALVE_STUCK));
        observe(m, "setpoint", 0.0, "position", 1.0, "travelTime", 20L, "local", false);
        assertEquals(List.of(true, false), recorder.transitions(WaterMonitor.VALVE_STUCK));
    }

    @Test
    void localControlDegradesHealthAndRemoteRestoresIt() {
        WaterMonitor m = monitor(Map.of());
        observe(m, "local", false, "fault", false);
        observe(m, "local", true, "fault", false);
        observe(m, "local", true, "fault", false);
        observe(m, "local", false, "fault", false);
        assertEquals(
                List.of(HealthStatus.DEGRADED, HealthStatus.ONLINE),
                recorder.health().stream()
                        .map(RecordingCallback.HealthReport::status)
                        .toList());
        assertEquals(HealthDetail.LOCAL_CONTROL, recorder.health().get(0).detail());
        observe(m, "local", false, "fault", true);
        assertEquals(HealthDetail.DEVICE_FAULT, recorder.health().get(2).detail());
        assertEquals(List.of(true), recorder.transitions(WaterMonitor.VALVE_FAULT));
    }
}
