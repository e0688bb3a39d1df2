package org.urbis.api.event;

/** How urgent an alarm is. */
public enum AlarmSeverity {
    INFO,
    WARNING,
    MAJOR,
    CRITICAL
}
