package org.urbis.driver.water.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;

/**
 * The water rules applied to each read of one device: pressure thresholds with hysteresis, rapid
 * pressure drop (burst or leak), a valve that does not follow its command within its travel time,
 * a valve fault, and LOCAL control. Raises and clears alarms and reports health through the device's
 * callback, each only when it changes. Called by one thread at a time (the device's reads).
 */
final class WaterMonitor {

    static final String HIGH_PRESSURE = "HIGH_PRESSURE";
    static final String LOW_PRESSURE = "LOW_PRESSURE";
    static final String LEAK = "LEAK";
    static final String VALVE_STUCK = "VALVE_STUCK";
    static final String VALVE_FAULT = "VALVE_FAULT";

    private record Sample(Instant at, double bar) {}

    private final Device device;
    private final WaterOptions options;
    private final DeviceCallback callback;
    private final Deque<Sample> pressures = new ArrayDeque<>();

    private boolean high;
    private boolean low;
    private boolean burst;
    private double burstReference;
    private boolean stuck;
    private boolean fault;
    private HealthStatus reportedStatus = HealthStatus.ONLINE;
    private HealthDetail reportedDetail = HealthDetail.NONE;

    private Double lastSetpoint;
    private Instant commandAt;
    private double commandFrom;
    private double commandTo;

    WaterMonitor(Device device, WaterOptions options, DeviceCallback callback) {
        this.device = device;
        this.options = options;
        this.callback = callback;
    }

    /** A setpoint was written by this driver: the valve's travel starts now. */
    synchronized void commanded(double setpoint, Double position, Instant at) {
        commandAt = at;
        commandFrom = position != null ? position : lastSetpoint != null ? lastSetpoint : setpoint;
        commandTo = setpoint;
        lastSetpoint = setpoint;
    }

    synchronized void observe(Map<String, Value> byRole, Instant now) {
        Double pressure = number(byRole.get(Roles.PRESSURE));
        if (pressure != null) {
            thresholds(pressure);
            burst(pressure, now);
        }
        Boolean localMode = bool(byRole.get(Roles.LOCAL));
        Boolean faulted = bool(byRole.get(Roles.FAULT));
        if (faulted != null && faulted != fault) {
            fault = faulted;
            callback.alarm(
                    VALVE_FAULT,
                    AlarmSeverity.MAJOR,
                    fault,
                    fault ? "the valve actuator reports a fault" : "the valve actuator fault has cleared");
        }
        valve(
                number(byRole.get(Roles.SETPOINT)),
                number(byRole.get(Roles.POSITION)),
                number(byRole.get(Roles.TRAVEL_TIME)),
                Boolean.TRUE.equals(localMode),
                now);
        if (fault) {
            health(HealthStatus.DEGRADED, HealthDetail.DEVICE_FAULT, "the valve actuator reports a fault");
        } else if (Boolean.TRUE.equals(localMode)) {
            health(
                    HealthStatus.DEGRADED,
                    HealthDetail.LOCAL_CONTROL,
                    "the valve is under LOCAL control and refuses remote commands");
        } else if (localMode != null || faulted != null) {
            health(HealthStatus.ONLINE, HealthDetail.NONE, "");
        }
    }

    private void thresholds(double p) {
        double h = options.hysteresis();
        if (options.pressureHigh() != null) {
            double limit = options.pressureHigh();
            if (!high && p >= limit) {
                high = true;
                callback.alarm(
                        HIGH_PRESSURE,
                        AlarmSeverity.MAJOR,
                        true,
                        "pressure " + bar(p) + " is at or above the high limit " + bar(limit));
            } else if (high && p < limit - h) {
                high = false;
                callback.alarm(
                        HIGH_PRESSURE,
                        AlarmSeverity.MAJOR,
                        false,
                        "pressure " + bar(p) + " is back below " + bar(limit - h));
            }
        }
        if (options.pressureLow() != null) {
            double limit = options.pressureLow();
            if (!low && p <= limit) {
                low = true;
                callback.alarm(
                        LOW_PRESSURE,
                        AlarmSeverity.MAJOR,
                        true,
                        "pressure " + bar(p) + " is at or below the low limit " + bar(limit));
            } else if (low && p > limit + h) {
                low = false;
                callback.alarm(
                        LOW_PRESSURE,
                        AlarmSeverity.MAJOR,
                        false,
                        "pressure " + bar(p) + " is back above " + bar(limit + h));
            }
        }
    }

    private void burst(double p, Instant now) {
        if (options.burstDrop() == null) {
            return;
        }
        Instant horizon = now.minus(Duration.ofMillis((long) (options.burstWindowSeconds() * 1000)));
        while (!pressures.isEmpty() && pressures.peekFirst().at().isBefore(horizon)) {
            pressures.removeFirst();
        }
        Sample highest = null;
        for (Sample s : pressures) {
            if (highest == null || s.bar() > highest.bar()) {
                highest = s;
            }
        }
        pressures.addLast(new Sample(now, p));
        double drop = options.burstDrop();
        if (!burst && highest != null && highest.bar() - p >= drop) {
            burst = true;
            burstReference = highest.bar();
            long seconds = Math.max(1, Duration.between(highest.at(), now).toSeconds());
            callback.alarm(
                    LEAK,
                    AlarmSeverity.CRITICAL,
                    true,
                    "pressure fell " + bar(highest.bar() - p) + " in " + seconds + " s (from " + bar(highest.bar())
                            + " to " + bar(p) + "): burst or leak suspected");
        } else if (burst && p >= burstReference - drop / 2) {
            burst = false;
            callback.alarm(LEAK, AlarmSeverity.CRITICAL, false, "pressure recovered to " + bar(p));
        }
    }

    private void valve(Double setpoint, Double position, Double travelTime, boolean localMode, Instant now) {
        if (setpoint == null || position == null) {
            return;
        }
        double tolerance = options.positionTolerance();
        if (lastSetpoint == null || Math.abs(setpoint - lastSetpoint) > 1e-6) {
            // a new command, from this driver or from elsewhere
            commandAt = lastSetpoint == null ? null : now;
            commandFrom = position;
            commandTo = setpoint;
            lastSetpoint = setpoint;
        }
        if (stuck && Math.abs(position - setpoint) <= tolerance) {
            stuck = false;
            callback.alarm(VALVE_STUCK, AlarmSeverity.MAJOR, false, "the valve reached " + pct(position));
            return;
        }
        if (stuck || localMode || commandAt == null || Math.abs(position - setpoint) <= tolerance) {
            return;
        }
        double stroke =
                travelTime != null ? travelTime : options.strokeSeconds() != null ? options.strokeSeconds() : 30;
        double allowed = Math.abs(commandTo - commandFrom) / 100.0 * stroke + options.stuckGraceSeconds();
        double elapsed = Duration.between(commandAt, now).toMillis() / 1000.0;
        if (elapsed > allowed) {
            stuck = true;
            callback.alarm(
                    VALVE_STUCK,
                    AlarmSeverity.MAJOR,
                    true,
                    "the valve is at " + pct(position)
                            + " " + Math.round(elapsed) + " s after a command to " + pct(setpoint)
                            + " (travel allows " + Math.round(allowed) + " s)");
        }
    }

    private void health(HealthStatus status, HealthDetail detail, String message) {
        if (status != reportedStatus || detail != reportedDetail) {
            reportedStatus = status;
            reportedDetail = detail;
            callback.health(status, detail, message);
        }
    }

    /** The values of one read by role (the points' role option, or their names). */
    static Map<String, Value> byRole(Device device, java.util.List<Point> points, java.util.List<Value> values) {
        Map<String, Value> m = new java.util.HashMap<>();
        for (int i = 0; i < points.size(); i++) {
            m.put(points.get(i).role(), values.get(i));
        }
        return m;
    }

    static Double number(Value v) {
        return v != null && v.hasValue() && v.quality() != Quality.BAD && v.value() instanceof Number n
                ? n.doubleValue()
                : null;
    }

    static Boolean bool(Value v) {
        return v != null && v.hasValue() && v.quality() != Quality.BAD && v.value() instanceof Boolean b ? b : null;
    }

    private static String bar(double b) {
        return String.format(Locale.ROOT, "%.2f bar", b);
    }

    private static String pct(double p) {
        return String.format(Locale.ROOT, "%.1f %%", p);
    }

    Device device() {
        return device;
    }
}
