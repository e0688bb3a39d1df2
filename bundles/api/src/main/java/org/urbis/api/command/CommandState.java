package org.urbis.api.command;

/**
 * Where a command is in its life: RECEIVED, then REJECTED, or ACCEPTED then SENT then one of
 * CONFIRMED, FAILED, TIMED_OUT or UNKNOWN.
 */
public enum CommandState {
    RECEIVED,
    /** Refused before anything was sent; the result says why. */
    REJECTED,
    ACCEPTED,
    SENT,
    /** The readback matched the command. */
    CONFIRMED,
    /** The device refused it, or the readback disagreed. */
    FAILED,
    /** No confirmation came in time. */
    TIMED_OUT,
    /** The outcome cannot be known (e.g. the link dropped after sending). */
    UNKNOWN;

    /** Whether the command has ended. */
    public boolean isFinal() {
        return this == REJECTED || this == CONFIRMED || this == FAILED || this == TIMED_OUT || this == UNKNOWN;
    }
}
