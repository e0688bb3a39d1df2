package org.urbis.history.internal.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.AlarmState;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;

/** The stored form of health and alarm changes: records of their own, several to a key when they share a millisecond. */
final class Changes {

    private static final byte HEALTH = 'H';
    private static final byte ALARM = 'A';

    private Changes() {}

    static byte[] health(DeviceHealth h) {
        Bytes out = new Bytes(64);
        out.put(HEALTH);
        text(out, h.status().name());
        text(out, h.detail().name());
        text(out, h.message());
        out.varLong(h.since().toEpochMilli());
        out.varLong(h.lastSeen() == null ? 0 : h.lastSeen().toEpochMilli() + 1);
        out.varLong(h.errorCount());
        out.varLong(h.consecutiveErrors());
        return out.copy(0, out.size());
    }

    static byte[] alarm(Alarm a) {
        Bytes out = new Bytes(96);
        out.put(ALARM);
        text(out, a.type());
        text(out, a.severity().name());
        text(out, a.state().name());
        text(out, a.message());
        out.varLong(a.raisedAt().toEpochMilli());
        out.varLong(a.changedAt().toEpochMilli());
        text(out, a.actor());
        return out.copy(0, out.size());
    }

    /** Reads the records of one key, adding those of the wanted kind. */
    static void read(String deviceId, byte[] data, List<DeviceHealth> health, List<Alarm> alarms) {
        Bytes.Reader in = new Bytes.Reader(data, 0, data.length);
        while (in.more()) {
            byte kind = in.get();
            if (kind == HEALTH) {
                HealthStatus status = HealthStatus.valueOf(text(in));
                HealthDetail detail = HealthDetail.valueOf(text(in));
                String message = text(in);
                Instant since = Instant.ofEpochMilli(in.varLong());
                long seen = in.varLong();
                long errors = in.varLong();
                int consecutive = (int) in.varLong();
                if (health != null) {
                    health.add(new DeviceHealth(
                            deviceId,
                            status,
                            detail,
                            message,
                            since,
                            seen == 0 ? null : Instant.ofEpochMilli(seen - 1),
                            errors,
                            consecutive));
                }
            } else if (kind == ALARM) {
                String type = text(in);
                AlarmSeverity severity = AlarmSeverity.valueOf(text(in));
                AlarmState state = AlarmState.valueOf(text(in));
                String message = text(in);
                Instant raised = Instant.ofEpochMilli(in.varLong());
                Instant changed = Instant.ofEpochMilli(in.varLong());
                String actor = text(in);
                if (alarms != null) {
                    alarms.add(new Alarm(deviceId, type, severity, state, message, raised, changed, actor));
                }
            } else {
                throw new IllegalStateException("history change record of unknown kind " + kind);
            }
        }
    }

    private static void text(Bytes out, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.varLong(utf8.length);
        out.put(utf8, 0, utf8.length);
    }

    private static String text(Bytes.Reader in) {
        return new String(in.bytes((int) in.varLong()), StandardCharsets.UTF_8);
    }
}
