package org.urbis.grid.internal.feeder;

import java.util.Locale;

/** How far a feeder's controller may act. */
public enum Mode {
    /** Watches nothing, does nothing. */
    OFF,
    /** Raises its alarms and proposes commands; an operator approves them. */
    ADVISE,
    /** Raises its alarms and sends its commands itself. */
    AUTOMATIC;

    public static Mode parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
