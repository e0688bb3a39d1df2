package org.urbis.api.event;

import java.time.Instant;
import java.util.Objects;

/**
 * A condition that needs a person's attention: raised, possibly acknowledged, and cleared.
 *
 * @param deviceId  the device
 * @param type      what kind of alarm, upper-case (LAMP_FAILURE, DAY_BURNER, HIGH_PRESSURE, LEAK, ...)
 * @param severity  how urgent
 * @param state     where it is in its life
 * @param message   a sentence for people
 * @param raisedAt  when the condition began
 * @param changedAt when the state last changed
 * @param actor     who acknowledged it, or empty
 */
public record Alarm(
        String deviceId,
        String type,
        AlarmSeverity severity,
        AlarmState state,
        String message,
        Instant raisedAt,
        Instant changedAt,
        String actor) {

    public Alarm {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(state, "state");
        message = message == null ? "" : message;
        Objects.requireNonNull(raisedAt, "raisedAt");
        changedAt = changedAt == null ? raisedAt : changedAt;
        actor = actor == null ? "" : actor;
    }

    /** The key that identifies one alarm: a device has at most one alarm of each type at a time. */
    public String key() {
        return deviceId + '/' + type;
    }
}
