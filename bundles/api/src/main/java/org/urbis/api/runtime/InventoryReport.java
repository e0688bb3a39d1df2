package org.urbis.api.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of loading the inventory folder. A load is all or nothing: when any file has a
 * problem, nothing is applied and the previous inventory stays in force.
 *
 * @param time     when the load finished
 * @param applied  whether the new inventory is now in force
 * @param files    how many files were read
 * @param devices  devices in force after the load
 * @param added    devices added
 * @param updated  devices whose entry changed
 * @param removed  devices removed
 * @param problems what was wrong, when not applied
 * @param took     how long reading and applying took
 * @param warnings what is worth knowing but did not stop the load, such as an inventory profile
 *                 replacing the one a driver bundle declares
 */
public record InventoryReport(
        Instant time,
        boolean applied,
        int files,
        int devices,
        int added,
        int updated,
        int removed,
        List<InventoryProblem> problems,
        Duration took,
        List<InventoryProblem> warnings) {

    public InventoryReport {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** A report without warnings. */
    public InventoryReport(
            Instant time,
            boolean applied,
            int files,
            int devices,
            int added,
            int updated,
            int removed,
            List<InventoryProblem> problems,
            Duration took) {
        this(time, applied, files, devices, added, updated, removed, problems, took, List.of());
    }
}
