package org.urbis.api.event;

/** The life of an alarm. */
public enum AlarmState {
    /** The condition holds and nobody has acknowledged it. */
    RAISED,
    /** The condition holds and someone has acknowledged it. */
    ACKNOWLEDGED,
    /** The condition no longer holds. */
    CLEARED
}
