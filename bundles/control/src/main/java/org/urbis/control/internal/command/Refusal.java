package org.urbis.control.internal.command;

/** Why a command was refused or failed; a result's reason starts with the code, then a colon and the detail. */
public enum Refusal {
    NOT_AUTHORISED,
    EXPIRED,
    EXPIRY_TOO_FAR,
    DUPLICATE,
    TOO_MANY_COMMANDS,
    RATE_LIMITED,
    UNKNOWN_DEVICE,
    EMPTY_GROUP,
    UNKNOWN_POINT,
    NOT_WRITABLE,
    DRIVER_MISSING,
    IN_MAINTENANCE,
    INVALID_VALUE,
    /** The point's own definition is unusable (a bad option): fix the inventory. */
    INVALID_POINT,
    OUT_OF_LIMITS,
    RATE_OF_CHANGE,
    INTERLOCK,
    SELECT_REQUIRED,
    SELECT_NOT_USED,
    NOT_SELECTED,
    SELECT_MISMATCH,
    SELECT_TIMEOUT,
    DEVICE_ERROR,
    /** A record of the command could not be written to the audit log, so it was not sent. */
    NOT_AUDITED,
    READBACK_MISMATCH,
    NO_READBACK;

    public String because(String detail) {
        return name() + ": " + detail;
    }
}
