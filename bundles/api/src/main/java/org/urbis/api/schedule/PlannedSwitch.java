package org.urbis.api.schedule;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * One switching event a schedule will make.
 *
 * @param time    when, in the site's zone
 * @param level   the dim level from then on, 0 (off) to 100
 * @param date    the local date whose program makes it
 * @param program the program's name
 * @param step    the step's number in the program, from 1
 * @param note    how the time was found when not plainly (a bound applied, no sunrise that day), else empty
 */
public record PlannedSwitch(ZonedDateTime time, int level, LocalDate date, String program, int step, String note) {

    public PlannedSwitch {
        Objects.requireNonNull(time, "time");
        note = note == null ? "" : note;
    }
}
