package org.urbis.telemetry.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmChanged;
import org.urbis.api.event.DeviceChanged;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.HealthChanged;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Value;
import org.urbis.telemetry.internal.encoding.Catalogue;
import org.urbis.telemetry.internal.record.TelemetryRecord;
import org.urbis.telemetry.internal.record.TelemetryRecord.PointInfo;

/**
 * Turns device events into telemetry records: report by exception with each point's deadband,
 * health and alarms as records of their own, births and deaths as devices come and go.
 */
public final class EventRecorder {

    private final Catalogue catalogue;
    /** Last value reported per device and point. */
    private final Map<String, Map<String, Value>> reported = new HashMap<>();
    /** The maintenance window last reported per device in maintenance. */
    private Map<String, MaintenanceWindow> inMaintenance = Map.of();

    private long suppressed;

    public EventRecorder(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Updates that the deadband kept back. */
    public synchronized long suppressed() {
        return suppressed;
    }

    public synchronized List<TelemetryRecord> record(List<DeviceEvent> events) {
        List<TelemetryRecord> out = new ArrayList<>(events.size());
        for (DeviceEvent e : events) {
            if (e instanceof ValueChanged v) {
                Optional<Point> point = catalogue
                        .device(v.deviceId())
                        .flatMap(d -> d.point(v.value().point()));
                double deadband = point.map(Point::deadband).orElse(0.0);
                Map<String, Value> last = reported.computeIfAbsent(v.deviceId(), k -> new HashMap<>());
                Value before = last.get(v.value().point());
                if (before != null && !v.value().differsBeyond(before, deadband)) {
                    suppressed++;
                    continue;
                }
                last.put(v.value().point(), v.value());
                out.add(value(
                        v.deviceId(),
                        v.value(),
                        point.map(Point::type).orElse(typeOf(v.value().value()))));
            } else if (e instanceof HealthChanged h) {
                DeviceHealth health = h.health();
                boolean cameBack = h.previous() != null
                        && h.previous().status() == HealthStatus.DRIVER_MISSING
                        && health.status() != HealthStatus.DRIVER_MISSING;
                if (cameBack) {
                    catalogue
                            .device(h.deviceId())
                            .ifPresent(d -> out.add(birth(d, health.since().toEpochMilli())));
                }
                out.add(TelemetryRecord.health(
                        h.deviceId(),
                        health.since().toEpochMilli(),
                        health.status().name(),
                        health.detail().name(),
                        health.message()));
                if (health.status() == HealthStatus.DRIVER_MISSING
                        && (h.previous() == null || h.previous().status() != HealthStatus.DRIVER_MISSING)) {
                    out.add(TelemetryRecord.death(h.deviceId(), health.since().toEpochMilli(), "driver missing"));
                }
            } else if (e instanceof AlarmChanged a) {
                Alarm alarm = a.alarm();
                out.add(TelemetryRecord.alarm(
                        alarm.deviceId(),
                        alarm.changedAt().toEpochMilli(),
                        alarm.type(),
                        alarm.severity().name(),
                        alarm.state().name(),
                        alarm.message()));
            } else if (e instanceof DeviceChanged d) {
                reported.remove(d.deviceId());
                if (d.kind() == DeviceChanged.Kind.REMOVED || d.device() == null) {
                    out.add(TelemetryRecord.death(d.deviceId(), d.time().toEpochMilli(), "removed from the inventory"));
                } else {
                    out.add(birth(d.device(), d.time().toEpochMilli()));
                }
            }
        }
        return out;
    }

    /**
     * The devices whose maintenance began, changed or ended since the last call.
     *
     * @param now the window in force per device in maintenance
     */
    public synchronized List<TelemetryRecord> maintenance(Map<String, MaintenanceWindow> now, long time) {
        List<TelemetryRecord> out = new ArrayList<>();
        now.forEach((device, w) -> {
            if (!w.equals(inMaintenance.get(device))) {
                out.add(TelemetryRecord.maintenance(
                        device, time, true, w.target(), w.reason() + " (" + w.by() + ", until " + w.end() + ")"));
            }
        });
        inMaintenance.forEach((device, w) -> {
            if (!now.containsKey(device)) {
                out.add(TelemetryRecord.maintenance(device, time, false, w.target(), "ended"));
            }
        });
        inMaintenance = Map.copyOf(now);
        return out;
    }

    /** An integrity report: every known value and the health of every device, whatever the deadband. */
    public synchronized List<TelemetryRecord> integrity(List<DeviceSnapshot> snapshots) {
        List<TelemetryRecord> out = new ArrayList<>();
        for (DeviceSnapshot s : snapshots) {
            Map<String, Value> last = reported.computeIfAbsent(s.device().id(), k -> new HashMap<>());
            for (Point p : s.device().points()) {
                Value v = s.values().get(p.name());
                if (v != null) {
                    last.put(p.name(), v);
                    out.add(value(s.device().id(), v, p.type()));
                }
            }
            DeviceHealth h = s.health();
            out.add(TelemetryRecord.health(
                    h.deviceId(),
                    h.since().toEpochMilli(),
                    h.status().name(),
                    h.detail().name(),
                    h.message()));
        }
        return out;
    }

    static TelemetryRecord value(String deviceId, Value v, DataType type) {
        return TelemetryRecord.value(
                deviceId,
                v.timestamp().toEpochMilli(),
                v.point(),
                type,
                v.value(),
                v.quality().name(),
                v.reason().name(),
                v.detail());
    }

    static TelemetryRecord birth(Device d, long time) {
        List<PointInfo> points = new ArrayList<>();
        for (Point p : d.points()) {
            points.add(new PointInfo(p.name(), p.type(), p.unit(), p.access().writable()));
        }
        return TelemetryRecord.birth(d.id(), time, d.deviceClass().id(), points);
    }

    private static DataType typeOf(Object v) {
        if (v instanceof Boolean) {
            return DataType.BOOLEAN;
        }
        if (v instanceof Long || v instanceof Integer) {
            return DataType.INTEGER;
        }
        if (v instanceof Number) {
            return DataType.FLOAT;
        }
        return DataType.STRING;
    }
}
