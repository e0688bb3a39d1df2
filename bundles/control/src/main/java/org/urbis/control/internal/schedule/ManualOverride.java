package org.urbis.control.internal.schedule;

import java.time.Instant;

/**
 * A manual level for a group that holds instead of its schedule from {@code from} until
 * {@code until}; then the schedule resumes.
 *
 * @param by who set it, for the audit log
 */
public record ManualOverride(String group, int level, Instant from, Instant until, String by) {}
