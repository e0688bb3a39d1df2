package org.urbis.rest.internal.events;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.urbis.rest.internal.ProblemException;

/**
 * What one client of the live stream wants: event types, and a device, a group ({@code key=value}
 * or a bare tag value) or a device class. Criteria left empty match everything; a device, group or
 * class filter drops what concerns no device.
 */
public record EventFilter(Set<String> types, String device, String group, String deviceClass) {

    /** The event types of the stream. */
    public static final Set<String> TYPES = Set.of("value", "health", "alarm", "command");

    public EventFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
        device = blankToNull(device);
        group = blankToNull(group);
        deviceClass = blankToNull(deviceClass);
    }

    /** A filter from the query parameters; unknown types are a problem. */
    public static EventFilter parse(String types, String device, String group, String deviceClass) {
        Set<String> wanted = types == null || types.isBlank()
                ? Set.of()
                : Arrays.stream(types.split(","))
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .collect(Collectors.toSet());
        for (String t : wanted) {
            if (!TYPES.contains(t)) {
                throw ProblemException.badRequest(
                        "INVALID_REQUEST", "unknown event type '" + t + "'; the types are " + TYPES);
            }
        }
        return new EventFilter(wanted, device, group, deviceClass);
    }

    public boolean matches(LiveEvent e) {
        if (!types.isEmpty() && !types.contains(e.type())) {
            return false;
        }
        if (device != null && !device.equals(e.deviceId())) {
            return false;
        }
        if (deviceClass != null
                && (e.device() == null
                        || !deviceClass.equals(e.device().deviceClass().id()))) {
            return false;
        }
        return group == null || (e.device() != null && e.device().inGroup(group));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
