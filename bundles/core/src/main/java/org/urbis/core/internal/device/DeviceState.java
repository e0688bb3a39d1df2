package org.urbis.core.internal.device;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DriverException;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmChanged;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.AlarmState;
import org.urbis.api.event.HealthChanged;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.core.internal.event.EventBus;

/**
 * What the platform knows of one device now: its last values, its health and its alarms. Every
 * change is published as an event while holding this object's lock, so the events of one device
 * reach subscribers in the order the changes happened.
 */
final class DeviceState {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceState.class);

    private final Device device;
    private final EventBus events;
    private final Clock clock;
    private final int offlineAfterFailures;
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, Alarm> alarms = new LinkedHashMap<>();
    private DeviceHealth health;
    /** The driver's own view (a lamp failure, local control), combined with what polling observes. */
    private HealthStatus reportedStatus = HealthStatus.ONLINE;

    private HealthDetail reportedDetail = HealthDetail.NONE;
    private String reportedMessage = "";

    DeviceState(Device device, EventBus events, Clock clock, int offlineAfterFailures) {
        this.device = device;
        this.events = events;
        this.clock = clock;
        this.offlineAfterFailures = offlineAfterFailures;
        this.health =
                new DeviceHealth(device.id(), HealthStatus.UNKNOWN, HealthDetail.NONE, "", clock.instant(), null, 0, 0);
    }

    Device device() {
        return device;
    }

    synchronized DeviceHealth health() {
        return health;
    }

    synchronized DeviceSnapshot snapshot() {
        return new DeviceSnapshot(device, health, values);
    }

    /** The last values of the given points, in their order; null for a point never reported. */
    synchronized List<Value> values(List<Point> points) {
        List<Value> latest = new ArrayList<>(points.size());
        points.forEach(p -> latest.add(values.get(p.name())));
        return latest;
    }

    synchronized Collection<Alarm> alarms() {
        return List.copyOf(alarms.values());
    }

    /** Carries over values, health and alarms from the state of the same device before an inventory change. */
    synchronized void inherit(DeviceState previous) {
        synchronized (previous) {
            previous.values.forEach((name, value) -> {
                if (device.point(name).isPresent()) {
                    values.put(name, value);
                }
            });
            alarms.putAll(previous.alarms);
            health = previous.health;
        }
    }

    // ---- values ----

    /** Records values read or pushed, checking each against its point; publishes those that changed. */
    synchronized void recordValues(List<Value> reported) {
        for (Value raw : reported) {
            Optional<Point> point = device.point(raw.point());
            if (point.isEmpty()) {
                LOG.warn(
                        "Device {} reported a value for point '{}', which its inventory entry does not declare; dropped",
                        device.id(),
                        raw.point());
                continue;
            }
            store(checked(point.get(), raw));
        }
        seen();
    }

    /** Marks every point of a failed read BAD with the failure's reason. */
    synchronized void recordReadFailure(List<Point> points, DriverException failure) {
        Instant now = clock.instant();
        for (Point p : points) {
            store(Value.bad(p.name(), failure.reason(), failure.getMessage(), now));
        }
        failed(failure.healthDetail(), failure.getMessage());
    }

    /** Marks the values still held as STALE: nothing refreshes them any more. */
    synchronized void markStale(String why) {
        for (Value v : List.copyOf(values.values())) {
            if (v.hasValue() && v.reason() != QualityReason.STALE) {
                store(v.withQuality(Quality.UNCERTAIN, QualityReason.STALE, why));
            }
        }
    }

    private Value checked(Point point, Value raw) {
        if (!raw.hasValue()) {
            return raw;
        }
        Object typed;
        try {
            typed = point.type().coerce(raw.value());
        } catch (IllegalArgumentException e) {
            return Value.bad(point.name(), QualityReason.TYPE_MISMATCH, e.getMessage(), raw.timestamp());
        }
        if (raw.quality() == Quality.GOOD && !point.withinLimits(typed)) {
            return new Value(
                    point.name(),
                    typed,
                    raw.timestamp(),
                    Quality.UNCERTAIN,
                    QualityReason.OUT_OF_RANGE,
                    typed + " " + point.unit() + " is outside " + point.limits().range());
        }
        return typed.equals(raw.value())
                ? raw
                : new Value(point.name(), typed, raw.timestamp(), raw.quality(), raw.reason(), raw.detail());
    }

    private void store(Value value) {
        Value previous = values.put(value.point(), value);
        if (previous == null
                || !Objects.equals(previous.value(), value.value())
                || previous.quality() != value.quality()
                || previous.reason() != value.reason()) {
            events.publish(new ValueChanged(device.id(), value, previous));
        }
    }

    // ---- health ----

    /** The device answered: it is ONLINE, or DEGRADED when some points failed or the driver reports a fault. */
    private void seen() {
        Instant now = clock.instant();
        long bad =
                values.values().stream().filter(v -> v.quality() == Quality.BAD).count();
        if (reportedStatus != HealthStatus.ONLINE) {
            setHealth(reportedStatus, reportedDetail, reportedMessage, now, 0);
        } else if (bad > 0) {
            setHealth(
                    HealthStatus.DEGRADED,
                    HealthDetail.PARTIAL_READ,
                    bad + " of " + values.size() + " points unreadable",
                    now,
                    0);
        } else {
            setHealth(HealthStatus.ONLINE, HealthDetail.NONE, "", now, 0);
        }
    }

    /** A read or write failed: DEGRADED at first, OFFLINE after enough failures in a row. */
    synchronized void failed(HealthDetail detail, String message) {
        int consecutive = health.consecutiveErrors() + 1;
        boolean offline = consecutive >= offlineAfterFailures
                || health.status() == HealthStatus.UNKNOWN
                || health.status() == HealthStatus.OFFLINE;
        String text = offline
                ? message
                : message + " (" + consecutive + " of " + offlineAfterFailures + " failures before OFFLINE)";
        setHealth(offline ? HealthStatus.OFFLINE : HealthStatus.DEGRADED, detail, text, health.lastSeen(), consecutive);
    }

    /** What the driver reports of the device itself. */
    synchronized void reported(HealthStatus status, HealthDetail detail, String message) {
        reportedStatus = status == null ? HealthStatus.ONLINE : status;
        reportedDetail = detail == null ? HealthDetail.NONE : detail;
        reportedMessage = message == null ? "" : message;
        if (reportedStatus == HealthStatus.ONLINE) {
            seen();
        } else {
            Instant lastSeen = reportedStatus == HealthStatus.OFFLINE ? health.lastSeen() : clock.instant();
            setHealth(reportedStatus, reportedDetail, reportedMessage, lastSeen, health.consecutiveErrors());
        }
    }

    /** Sets a status the platform decides on its own: DRIVER_MISSING, UNKNOWN after attaching, config errors. */
    synchronized void platformStatus(HealthStatus status, HealthDetail detail, String message) {
        reportedStatus = HealthStatus.ONLINE;
        reportedDetail = HealthDetail.NONE;
        reportedMessage = "";
        setHealth(status, detail, message, health.lastSeen(), 0);
    }

    private void setHealth(
            HealthStatus status, HealthDetail detail, String message, Instant lastSeen, int consecutive) {
        DeviceHealth previous = health;
        long errors = previous.errorCount() + (consecutive > previous.consecutiveErrors() ? 1 : 0);
        Instant since = previous.status() == status ? previous.since() : clock.instant();
        DeviceHealth next =
                new DeviceHealth(device.id(), status, detail, message, since, lastSeen, errors, consecutive);
        health = next;
        if (next.differsFrom(previous)) {
            events.publish(new HealthChanged(device.id(), next, previous));
        }
    }

    // ---- alarms ----

    /** Raises or clears an alarm of a type; repeating the same state changes nothing. */
    synchronized void alarm(String type, AlarmSeverity severity, boolean active, String message) {
        Alarm current = alarms.get(type);
        Instant now = clock.instant();
        if (active && current == null) {
            put(new Alarm(device.id(), type, severity, AlarmState.RAISED, message, now, now, ""));
        } else if (!active && current != null) {
            alarms.remove(type);
            events.publish(new AlarmChanged(new Alarm(
                    device.id(),
                    type,
                    current.severity(),
                    AlarmState.CLEARED,
                    message == null || message.isEmpty() ? current.message() : message,
                    current.raisedAt(),
                    now,
                    "")));
        }
    }

    synchronized Optional<Alarm> acknowledge(String type, String actor) {
        Alarm current = alarms.get(type);
        if (current == null || current.state() == AlarmState.ACKNOWLEDGED) {
            return Optional.ofNullable(current);
        }
        Alarm acked = new Alarm(
                device.id(),
                type,
                current.severity(),
                AlarmState.ACKNOWLEDGED,
                current.message(),
                current.raisedAt(),
                clock.instant(),
                actor);
        put(acked);
        return Optional.of(acked);
    }

    private void put(Alarm alarm) {
        alarms.put(alarm.type(), alarm);
        events.publish(new AlarmChanged(alarm));
    }

    /** Points the platform reads when it polls this device. */
    List<Point> readablePoints() {
        List<Point> readable = new ArrayList<>();
        for (Point p : device.points()) {
            if (p.access().readable()) {
                readable.add(p);
            }
        }
        return readable;
    }
}
