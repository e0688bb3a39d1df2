package org.urbis.api.schedule;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The site's lighting schedules and manual overrides, offered by the control bundle to the shell
 * and the REST API. The schedule format is described in docs/operations.md, "Lighting schedules".
 */
@ProviderType
public interface ScheduleManager {

    /** The site's time zone, in which schedules place their steps. */
    ZoneId zone();

    /** Every schedule, by id. */
    List<ScheduleSummary> schedules();

    /**
     * Checks and stores a schedule given as JSON (replacing the one of the same id) and applies it.
     *
     * @throws ScheduleRefusedException listing every problem; nothing is stored then
     */
    ScheduleSummary save(String json) throws IOException;

    /** Removes a schedule; its group keeps the level it has. Returns whether there was one. */
    boolean remove(String id) throws IOException;

    /**
     * Every switching event of a group's schedule from one local date to another, inclusive.
     *
     * @throws IllegalArgumentException when the group has no schedule or the dates are reversed
     */
    List<PlannedSwitch> preview(String group, LocalDate from, LocalDate to);

    /** The overrides in force. */
    List<GroupOverride> overrides();

    /**
     * Holds a scheduled group at a level until a time, or when {@code until} is {@code null} until
     * its next program step.
     *
     * @throws IllegalArgumentException when the group has no schedule, the level is out of 0-100 or
     *                                  {@code until} is not in the future
     */
    GroupOverride override(String group, int level, Instant until, String by) throws IOException;

    /** Ends a group's override now; its schedule resumes. Returns whether there was one. */
    boolean clearOverride(String group) throws IOException;
}
