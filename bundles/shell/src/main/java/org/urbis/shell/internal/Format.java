package org.urbis.shell.internal;

import org.urbis.api.device.EngineeringLimits;

/** How the console shows values and limits; times are the site's ({@link org.urbis.api.runtime.SiteZone}). */
final class Format {

    private Format() {}

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
