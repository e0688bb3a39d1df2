package org.urbis.control.internal.schedule;

import java.time.ZonedDateTime;

/**
 * One switching event of a schedule.
 *
 * @param time     when, in the site's zone
 * @param level    the dim level from then on, 0 (off) to 100
 * @param date     the local date whose program produced it
 * @param program  the program's name
 * @param step     the step's number in the program, from 1
 * @param note     how the time was found when not plainly (a bound applied, the sun did not rise...), else empty
 */
public record SwitchEvent(
        ZonedDateTime time, int level, java.time.LocalDate date, String program, int step, String note) {}
