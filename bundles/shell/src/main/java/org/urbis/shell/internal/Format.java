package org.urbis.shell.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.urbis.api.device.EngineeringLimits;

/** How the console shows times, values and limits. */
final class Format {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Format() {
    }

    /** A time in the runtime's zone, or "never". */
    static String instant(Instant instant) {
        return instant == null ? "never" : LOCAL.format(instant.atZone(ZoneId.systemDefault()));
    }

    static String value(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return value.toString();
    }

    static String limits(EngineeringLimits limits) {
        return limits.equals(EngineeringLimits.NONE) ? "" : limits.range();
    }
}
