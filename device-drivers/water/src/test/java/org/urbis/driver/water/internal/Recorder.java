package org.urbis.driver.water.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Value;

/** A device callback that keeps what it was told. */
final class Recorder implements DeviceCallback {

    record Alarm(String type, AlarmSeverity severity, boolean active, String message) {
    }

    record Health(HealthStatus status, HealthDetail detail, String message) {
    }

    final List<Alarm> alarms = new CopyOnWriteArrayList<>();
    final List<Health> health = new CopyOnWriteArrayList<>();

    @Override
    public void values(List<Value> values) {
    }

    @Override
    public void health(HealthStatus status, HealthDetail detail, String message) {
        health.add(new Health(status, detail, message));
    }

    @Override
    public void alarm(String type, AlarmSeverity severity, boolean active, String message) {
        alarms.add(new Alarm(type, severity, active, message));
    }

    List<Boolean> transitions(String type) {
        return alarms.stream().filter(a -> a.type().equals(type)).map(Alarm::active).toList();
    }
}
