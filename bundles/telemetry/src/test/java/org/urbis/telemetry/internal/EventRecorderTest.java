package org.urbis.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmChanged;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.AlarmState;
import org.urbis.api.event.DeviceChanged;
import org.urbis.api.event.HealthChanged;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.telemetry.internal.record.TelemetryRecord;
import org.urbis.telemetry.internal.record.TelemetryRecord.Kind;

class EventRecorderTest {

    private final EventRecorder recorder = new EventRecorder(new MapCatalogue(Devices.streetlight("SL-1")));
    private final Instant t = Instant.parse("2026-11-22T18:00:00Z");

    private ValueChanged dim(double v, int second) {
        return new ValueChanged("SL-1", Value.good("dim", v, t.plusSeconds(second)), null);
    }

    @Test
    void maintenanceIsReportedWhenItBeginsChangesAndEnds() {
        MaintenanceWindow w = new MaintenanceWindow("group:cabinet=CAB-07", "rewiring", "minh", t, t.plusSeconds(3600));
        List<TelemetryRecord> began = recorder.maintenance(java.util.Map.of("SL-1", w), 1);
        assertEquals(
                List.of(TelemetryRecord.maintenance(
                        "SL-1", 1, true, "group:cabinet=CAB-07", "rewiring (minh, until " + t.plusSeconds(3600) + ")")),
                began);
        assertEquals(List.of(), recorder.maintenance(java.util.Map.of("SL-1", w), 2), "nothing new, nothing reported");
        assertEquals(
                List.of(TelemetryRecord.maintenance("SL-1", 3, false, "group:cabinet=CAB-07", "ended")),
                recorder.maintenance(java.util.Map.of(), 3));
    }

    @Test
    void reportsByExceptionWithThePointsDeadband() {
        // dim has a deadband of 2: 50 -> 51 -> 51.9 stay quiet, 52 is reported, then 50.5 is not.
        List<TelemetryRecord> out =
                recorder.record(List.of(dim(50, 0), dim(51, 1), dim(51.9, 2), dim(52, 3), dim(50.5, 4)));
        assertEquals(
                List.of(50.0, 52.0), out.stream().map(TelemetryRecord::value).toList());
        assertEquals(3, recorder.suppressed());
    }

    @Test
    void aQualityChangeIsAlwaysReportedAndPointsWithoutDeadbandReportEveryChange() {
        Value stale =
                Value.good("dim", 50.0, t).withQuality(org.urbis.api.value.Quality.UNCERTAIN, QualityReason.STALE, "");
        List<TelemetryRecord> out = recorder.record(List.of(
                dim(50, 0),
                new ValueChanged("SL-1", stale, null),
                new ValueChanged("SL-1", Value.good("on", true, t), null),
                new ValueChanged("SL-1", Value.good("on", false, t.plusSeconds(1)), null),
                new ValueChanged("SL-1", Value.good("on", false, t.plusSeconds(2)), null)));
        assertEquals(4, out.size());
        assertEquals("UNCERTAIN", out.get(1).a());
        assertEquals("STALE", out.get(1).b());
    }

    @Test
    void healthAlarmsAndDevicesComingAndGoing() {
        DeviceHealth online = new DeviceHealth("SL-1", HealthStatus.ONLINE, HealthDetail.NONE, "", t, t, 0, 0);
        DeviceHealth missing = new DeviceHealth(
                "SL-1", HealthStatus.DRIVER_MISSING, HealthDetail.NONE, "no driver", t.plusSeconds(1), t, 0, 0);
        DeviceHealth back =
                new DeviceHealth("SL-1", HealthStatus.UNKNOWN, HealthDetail.NONE, "", t.plusSeconds(2), t, 0, 0);
        Alarm lamp = new Alarm("SL-1", "LAMP_FAILURE", AlarmSeverity.MAJOR, AlarmState.RAISED, "lamp open", t, t, "");
        List<TelemetryRecord> out = recorder.record(List.of(
                new DeviceChanged("SL-1", DeviceChanged.Kind.ADDED, Devices.streetlight("SL-1"), t),
                new HealthChanged("SL-1", online, null),
                new AlarmChanged(lamp),
                new HealthChanged("SL-1", missing, online),
                new HealthChanged("SL-1", back, missing),
                new DeviceChanged("SL-1", DeviceChanged.Kind.REMOVED, null, t.plusSeconds(3))));
        assertEquals(
                List.of(
                        Kind.BIRTH,
                        Kind.HEALTH,
                        Kind.ALARM,
                        Kind.HEALTH,
                        Kind.DEATH,
                        Kind.BIRTH,
                        Kind.HEALTH,
                        Kind.DEATH),
                out.stream().map(TelemetryRecord::kind).toList());
        assertEquals(3, out.get(0).points().size());
        assertEquals("RAISED", out.get(2).b());
        assertEquals("DRIVER_MISSING", out.get(3).a());
    }
}
