package org.urbis.control.internal.schedule;

import java.time.LocalTime;
import org.urbis.astro.SolarEvent;

/**
 * One switching step of a program: at a fixed local time, or at an astronomical event shifted by
 * an offset and kept within optional bounds, the group goes to a dim level.
 *
 * @param time     the local time of a fixed step; {@code null} for an astronomical one
 * @param event    the solar event of an astronomical step; {@code null} for a fixed one
 * @param offset   minutes added to the event (−720…720); 0 for a fixed step
 * @param earliest the step never happens before this local time; {@code null} when unbounded
 * @param latest   the step never happens after this local time; {@code null} when unbounded
 * @param level    the dim level, 0 (off) to 100
 */
public record Step(LocalTime time, SolarEvent event, int offset, LocalTime earliest, LocalTime latest, int level) {

    public static final int MAX_OFFSET = 720;

    public static Step fixed(LocalTime time, int level) {
        return new Step(time, null, 0, null, null, level);
    }

    public static Step solar(SolarEvent event, int offset, LocalTime earliest, LocalTime latest, int level) {
        return new Step(null, event, offset, earliest, latest, level);
    }

    public boolean astronomical() {
        return event != null;
    }

    /** How the step is written in a schedule: {@code 05:00}, {@code sunset}, {@code sunrise+15}. */
    public String label() {
        if (!astronomical()) {
            return time.toString();
        }
        return event.label() + (offset == 0 ? "" : offset > 0 ? "+" + offset : String.valueOf(offset));
    }
}
