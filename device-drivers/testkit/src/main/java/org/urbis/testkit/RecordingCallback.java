package org.urbis.testkit;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Value;

/**
 * A {@link DeviceCallback} that keeps everything a session reported, in order, for a test to
 * check. Safe to call from the driver's threads while the test reads it.
 */
public final class RecordingCallback implements DeviceCallback {

    /** One {@link DeviceCallback#health} call. */
    public record HealthReport(HealthStatus status, HealthDetail detail, String message) {}

    /** One {@link DeviceCallback#alarm} call. */
    public record AlarmReport(String type, AlarmSeverity severity, boolean active, String message) {}

    private final List<Value> values = new CopyOnWriteArrayList<>();
    private final List<HealthReport> health = new CopyOnWriteArrayList<>();
    private final List<AlarmReport> alarms = new CopyOnWriteArrayList<>();

    @Override
    public void values(List<Value> reported) {
        values.addAll(reported);
    }

    @Override
    public void health(HealthStatus status, HealthDetail detail, String message) {
        health.add(new HealthReport(status, detail, message));
    }

    @Override
    public void alarm(String type, AlarmSeverity severity, boolean active, String message) {
        alarms.add(new AlarmReport(type, severity, active, message));
    }

    /** Every value reported, oldest first. */
    public List<Value> values() {
        return List.copyOf(values);
    }

    /** The last value reported for a point. */
    public Optional<Value> lastValue(String point) {
        List<Value> all = values();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).point().equals(point)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** Every health report, oldest first. */
    public List<HealthReport> health() {
        return List.copyOf(health);
    }

    /** Every alarm raised or cleared, oldest first. */
    public List<AlarmReport> alarms() {
        return List.copyOf(alarms);
    }

    /** The raise ({@code true}) and clear ({@code false}) calls of one alarm type, in order. */
    public List<Boolean> transitions(String type) {
        return alarms.stream()
                .filter(a -> a.type().equals(type))
                .map(AlarmReport::active)
                .toList();
    }

    /** Whether the last call for an alarm type raised it. */
    public boolean alarmActive(String type) {
        List<Boolean> t = transitions(type);
        return !t.isEmpty() && t.get(t.size() - 1);
    }
}
