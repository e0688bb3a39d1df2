package org.urbis.notify.internal.config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.urbis.api.device.Device;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmSeverity;

/**
 * Which alarms go to which channels. Every criterion left empty matches all.
 *
 * @param severities  alarm severities
 * @param classes     device class ids; a platform alarm (no device) matches only a rule without classes and groups
 * @param groups      groups ({@code key=value} or a bare tag value); the device must be in one
 * @param types       alarm types
 * @param days        days of the week on which the rule applies, in the site's zone
 * @param hours       hours of those days on which it applies, or {@code null} for all day
 * @param channels    where its messages go
 * @param escalateAfter   when not zero: an alarm still raised and not acknowledged this long after it was
 *                        raised is sent to {@code escalateTo}
 * @param quietHours  hours during which messages wait until the quiet hours end, or {@code null}
 * @param quietBypass severity from which a message goes out even in quiet hours, or {@code null}: none does
 */
public record Rule(
        String name,
        Set<AlarmSeverity> severities,
        Set<String> classes,
        List<String> groups,
        Set<String> types,
        Set<DayOfWeek> days,
        Hours hours,
        List<String> channels,
        Duration escalateAfter,
        List<String> escalateTo,
        Hours quietHours,
        AlarmSeverity quietBypass) {

    /** Whether the rule routes an alarm of a device ({@code null} for a platform alarm) at a local time. */
    public boolean matches(Alarm alarm, Device device, ZonedDateTime at) {
        if (!severities.isEmpty() && !severities.contains(alarm.severity())) {
            return false;
        }
        if (!types.isEmpty() && !types.contains(alarm.type())) {
            return false;
        }
        if (device == null) {
            if (!classes.isEmpty() || !groups.isEmpty()) {
                return false;
            }
        } else {
            if (!classes.isEmpty() && !classes.contains(device.deviceClass().id())) {
                return false;
            }
            if (!groups.isEmpty() && groups.stream().noneMatch(device::inGroup)) {
                return false;
            }
        }
        if (!days.isEmpty() && !days.contains(at.getDayOfWeek())) {
            return false;
        }
        return hours == null || hours.contains(at.toLocalTime());
    }

    /** Whether a message of this severity waits at this local time. */
    public boolean quiet(AlarmSeverity severity, ZonedDateTime at) {
        return quietHours != null
                && quietHours.contains(at.toLocalTime())
                && (quietBypass == null || severity.compareTo(quietBypass) < 0);
    }
}
