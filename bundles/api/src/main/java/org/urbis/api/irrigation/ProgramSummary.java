package org.urbis.api.irrigation;

import java.util.List;

/**
 * An irrigation program in force.
 *
 * @param id            its id
 * @param name          what the operators call it
 * @param station       the weather station whose days set its ET0
 * @param starts        start times, local {@code HH:mm}
 * @param days          the days it may water, e.g. {@code every}, {@code MONDAY,THURSDAY}, {@code odd dates}
 * @param window        its watering window, local {@code HH:mm-HH:mm}
 * @param budgetPercent its water budget, 0–200 %
 * @param zones         its zones, {@code <controller>/<zone number>}, in the order they run
 */
public record ProgramSummary(
        String id,
        String name,
        String station,
        List<String> starts,
        String days,
        String window,
        double budgetPercent,
        List<String> zones) {

    public ProgramSummary {
        starts = List.copyOf(starts);
        zones = List.copyOf(zones);
    }
}
