package org.urbis.api.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * A manual level that holds a scheduled group instead of its schedule for a while.
 *
 * @param group the group, {@code key=value}
 * @param level the dim level held, 0 to 100
 * @param from  since when
 * @param until until when; then the schedule resumes
 * @param by    who set it
 */
public record GroupOverride(String group, int level, Instant from, Instant until, String by) {

    public GroupOverride {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(until, "until");
        by = by == null ? "" : by;
    }
}
