package org.urbis.telemetry.internal.record;

import java.util.List;
import java.util.Objects;
import org.urbis.api.device.DataType;

/**
 * One thing to tell the operations centre, as kept in the store-and-forward log. The fields used
 * depend on the kind:
 * <ul>
 * <li>VALUE: {@code name} the point, {@code value} its value (null when BAD), {@code a} the quality,
 * {@code b} the quality reason, {@code c} the detail, {@code type} the point's data type;</li>
 * <li>HEALTH: {@code a} status, {@code b} detail, {@code c} message;</li>
 * <li>ALARM: {@code name} the alarm type, {@code a} severity, {@code b} state, {@code c} message;</li>
 * <li>BIRTH: {@code name} the device class, {@code points} the device's points;</li>
 * <li>DEATH: {@code c} why the device went away;</li>
 * <li>MAINTENANCE: {@code a} {@code true} while the device is in maintenance, {@code b} the window's target,
 * {@code c} its reason, who set it and until when.</li>
 * </ul>
 */
public record TelemetryRecord(
        Kind kind,
        String deviceId,
        long timeMillis,
        String name,
        DataType type,
        Object value,
        String a,
        String b,
        String c,
        List<PointInfo> points) {

    /** What a record tells. */
    public enum Kind {
        VALUE,
        HEALTH,
        ALARM,
        BIRTH,
        DEATH,
        /** Added last: the store-and-forward log keeps a kind as its ordinal. */
        MAINTENANCE
    }

    /**
     * A point as births declare it.
     *
     * @param name     point name
     * @param type     data type
     * @param unit     engineering unit, may be empty
     * @param writable whether commands may set it
     */
    public record PointInfo(String name, DataType type, String unit, boolean writable) {
        public PointInfo {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            unit = unit == null ? "" : unit;
        }
    }

    public TelemetryRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(deviceId, "deviceId");
        name = name == null ? "" : name;
        a = a == null ? "" : a;
        b = b == null ? "" : b;
        c = c == null ? "" : c;
        points = points == null ? List.of() : List.copyOf(points);
    }

    public static TelemetryRecord value(
            String deviceId,
            long time,
            String point,
            DataType type,
            Object value,
            String quality,
            String reason,
            String detail) {
        return new TelemetryRecord(Kind.VALUE, deviceId, time, point, type, value, quality, reason, detail, null);
    }

    public static TelemetryRecord health(String deviceId, long time, String status, String detail, String message) {
        return new TelemetryRecord(Kind.HEALTH, deviceId, time, "", null, null, status, detail, message, null);
    }

    public static TelemetryRecord alarm(
            String deviceId, long time, String type, String severity, String state, String message) {
        return new TelemetryRecord(Kind.ALARM, deviceId, time, type, null, null, severity, state, message, null);
    }

    public static TelemetryRecord birth(String deviceId, long time, String deviceClass, List<PointInfo> points) {
        return new TelemetryRecord(Kind.BIRTH, deviceId, time, deviceClass, null, null, "", "", "", points);
    }

    public static TelemetryRecord death(String deviceId, long time, String why) {
        return new TelemetryRecord(Kind.DEATH, deviceId, time, "", null, null, "", "", why, null);
    }

    public static TelemetryRecord maintenance(String deviceId, long time, boolean in, String target, String detail) {
        return new TelemetryRecord(
                Kind.MAINTENANCE, deviceId, time, "", null, null, Boolean.toString(in), target, detail, null);
    }

    /** Whether this VALUE record carries GOOD quality. */
    public boolean good() {
        return "GOOD".equals(a);
    }
}
