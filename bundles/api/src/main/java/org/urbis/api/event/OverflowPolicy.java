package org.urbis.api.event;

/** What happens when a subscriber's queue is full. */
public enum OverflowPolicy {
    /**
     * The producer waits for room (back-pressure on polling and drivers), up to the subscription's
     * maximum wait; only then is the event dropped and counted. For subscribers that must not lose
     * events, such as telemetry.
     */
    BLOCK,
    /** The oldest queued event is dropped and counted. For views that only want the latest. */
    DROP_OLDEST
}
