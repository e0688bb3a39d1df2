package org.urbis.control.internal.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * A calendar rule: on the dates it matches, its program runs. Every condition given must hold;
 * a condition left empty or {@code null} holds always.
 *
 * @param name    for messages; {@code rule <n>} when the schedule names none
 * @param days    weekdays, empty for every day
 * @param from    first date of a range, inclusive, or {@code null}
 * @param to      last date of a range, inclusive, or {@code null}
 * @param dates   specific dates (holidays), empty for any
 * @param program the program's name
 */
public record Rule(
        String name, Set<DayOfWeek> days, LocalDate from, LocalDate to, Set<LocalDate> dates, String program) {

    public Rule {
        days = Set.copyOf(days);
        dates = Set.copyOf(dates);
    }

    public boolean matches(LocalDate date) {
        return (days.isEmpty() || days.contains(date.getDayOfWeek()))
                && (from == null || !date.isBefore(from))
                && (to == null || !date.isAfter(to))
                && (dates.isEmpty() || dates.contains(date));
    }

    /** Whether the rule matches only finitely many dates (it names dates or a closed range). */
    public boolean bounded() {
        return !dates.isEmpty() || (from != null && to != null);
    }
}
