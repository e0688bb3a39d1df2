package org.urbis.notify.internal.config;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/** A span of the day, {@code HH:mm-HH:mm}; one that ends before it starts runs over midnight. */
public record Hours(LocalTime from, LocalTime to) {

    static Hours parse(String text) {
        String[] parts = text.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not HH:mm-HH:mm");
        }
        try {
            LocalTime to = parts[1].trim().equals("24:00") ? LocalTime.MAX : LocalTime.parse(parts[1].trim());
            return new Hours(LocalTime.parse(parts[0].trim()), to);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not HH:mm-HH:mm");
        }
    }

    public boolean contains(LocalTime t) {
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    /** The next end of the span after a time inside it. */
    public ZonedDateTime endAfter(ZonedDateTime at) {
        ZonedDateTime end = at.with(to == LocalTime.MAX ? LocalTime.MIDNIGHT : to);
        return end.isAfter(at) ? end : end.plusDays(1);
    }

    @Override
    public String toString() {
        return from + "-" + (to == LocalTime.MAX ? "24:00" : to.toString());
    }
}
