package org.urbis.api.schedule;

import java.util.List;
import java.util.Objects;

/**
 * A stored schedule.
 *
 * @param id             its id
 * @param group          the group it drives, {@code key=value}
 * @param programs       the names of its programs, sorted
 * @param rules          how many calendar rules it has
 * @param defaultProgram the program of dates no rule matches
 * @param source         the schedule as stored, JSON in the format {@link ScheduleManager#save} takes
 */
public record ScheduleSummary(
        String id, String group, List<String> programs, int rules, String defaultProgram, String source) {

    public ScheduleSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(group, "group");
        programs = List.copyOf(programs);
        Objects.requireNonNull(source, "source");
    }
}
