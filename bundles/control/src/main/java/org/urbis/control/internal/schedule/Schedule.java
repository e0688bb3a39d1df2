package org.urbis.control.internal.schedule;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A lighting schedule: a calendar (rules in priority order, then a default) choosing one of its
 * programs for each local date, applied to one group of devices.
 *
 * @param id             unique name of the schedule
 * @param group          the devices it drives, a {@code key=value} tag such as {@code zone=PT-Z1}
 * @param programs       its programs by name
 * @param rules          calendar rules, the first that matches a date wins
 * @param defaultProgram the program of a date no rule matches
 */
public record Schedule(
        String id, String group, Map<String, Program> programs, List<Rule> rules, String defaultProgram) {

    public Schedule {
        programs = Map.copyOf(programs);
        rules = List.copyOf(rules);
    }

    /** The program that runs on a local date. */
    public Program programOn(LocalDate date) {
        for (Rule r : rules) {
            if (r.matches(date)) {
                return programs.get(r.program());
            }
        }
        return programs.get(defaultProgram);
    }
}
