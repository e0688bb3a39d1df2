package org.urbis.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.urbis.api.command.CommandEvent;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.event.Alarm;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Value;

/**
 * The JSON shapes of the platform's objects, shared by the resources and the live events so that a
 * device, an alarm or a value reads the same everywhere. Times are ISO-8601 UTC strings.
 */
public final class Views {

    private Views() {}

    static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    static String orNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** Where a device stands. */
    public record Location(double lat, double lon) {}

    /** A device in a list. */
    public record DeviceSummary(
            String id,
            @JsonProperty("class") String deviceClass,
            String driver,
            Location location,
            Map<String, String> tags,
            String health,
            String detail,
            String message,
            String since) {

        public static DeviceSummary of(DeviceSnapshot s) {
            Device d = s.device();
            DeviceHealth h = s.health();
            return new DeviceSummary(
                    d.id(),
                    d.deviceClass().id(),
                    d.driver(),
                    d.location() == null
                            ? null
                            : new Location(d.location().latitude(), d.location().longitude()),
                    d.sortedTags(),
                    h.status().name(),
                    h.detail().name(),
                    h.message(),
                    iso(h.since()));
        }
    }

    /** A point of a device with its last value. */
    public record PointView(
            String name,
            String type,
            String unit,
            String access,
            Double min,
            Double max,
            double deadband,
            Object value,
            String quality,
            String reason,
            String time) {

        public static PointView of(Point p, Value v) {
            return new PointView(
                    p.name(),
                    p.type().name(),
                    p.unit(),
                    p.access().name(),
                    p.limits().min(),
                    p.limits().max(),
                    p.deadband(),
                    v == null ? null : v.value(),
                    v == null ? null : v.quality().name(),
                    v == null ? null : v.reason().name(),
                    v == null ? null : iso(v.timestamp()));
        }
    }

    /** A point's new value, as a live event. */
    public record ValueView(String device, String point, Object value, String quality, String reason, String time) {

        public static ValueView of(String device, Value v) {
            return new ValueView(
                    device, v.point(), v.value(), v.quality().name(), v.reason().name(), iso(v.timestamp()));
        }
    }

    /** A device's health at one moment. */
    public record HealthView(String device, String status, String detail, String message, String time) {

        public static HealthView of(DeviceHealth h) {
            return new HealthView(h.deviceId(), h.status().name(), h.detail().name(), h.message(), iso(h.since()));
        }
    }

    /** An alarm; {@code source} is the device id or the platform component that raised it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AlarmView(
            String source,
            String type,
            String severity,
            String state,
            String message,
            String raisedAt,
            String changedAt,
            String acknowledgedBy) {

        public static AlarmView of(Alarm a) {
            return new AlarmView(
                    a.deviceId(),
                    a.type(),
                    a.severity().name(),
                    a.state().name(),
                    a.message(),
                    iso(a.raisedAt()),
                    iso(a.changedAt()),
                    orNull(a.actor()));
        }
    }

    /** One state change of a command, for one device or ({@code device} null) the command as a whole. */
    public record CommandChange(
            String commandId,
            String target,
            String device,
            String point,
            String state,
            String reason,
            String issuer,
            String time) {

        public static CommandChange of(CommandEvent e) {
            return new CommandChange(
                    e.commandId(),
                    e.target(),
                    e.deviceId(),
                    e.point(),
                    e.state().name(),
                    e.reason(),
                    e.issuer(),
                    iso(e.time()));
        }
    }

    /** A device with its points, values, health history and alarms. */
    public record DeviceDetail(
            String id,
            @JsonProperty("class") String deviceClass,
            String driver,
            Location location,
            Map<String, String> tags,
            String health,
            String detail,
            String message,
            String since,
            String address,
            String lastSeen,
            long errorCount,
            List<PointView> points,
            List<HealthView> healthHistory,
            List<AlarmView> alarms) {

        public static DeviceDetail of(DeviceSnapshot s, List<HealthView> history, List<AlarmView> alarms) {
            DeviceSummary sum = DeviceSummary.of(s);
            return new DeviceDetail(
                    sum.id(),
                    sum.deviceClass(),
                    sum.driver(),
                    sum.location(),
                    sum.tags(),
                    sum.health(),
                    sum.detail(),
                    sum.message(),
                    sum.since(),
                    s.device().address(),
                    iso(s.health().lastSeen()),
                    s.health().errorCount(),
                    s.device().points().stream()
                            .map(p -> PointView.of(p, s.values().get(p.name())))
                            .toList(),
                    history,
                    alarms);
        }
    }
}
