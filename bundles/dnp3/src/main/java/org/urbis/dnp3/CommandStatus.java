package org.urbis.dnp3;

/** The status code an outstation returns in each CROB and analog output object (IEEE 1815-2012 table 11-7). */
public enum CommandStatus {
    SUCCESS(0),
    TIMEOUT(1),
    NO_SELECT(2),
    FORMAT_ERROR(3),
    NOT_SUPPORTED(4),
    ALREADY_ACTIVE(5),
    HARDWARE_ERROR(6),
    LOCAL(7),
    TOO_MANY_OBJS(8),
    NOT_AUTHORIZED(9),
    AUTOMATION_INHIBIT(10),
    PROCESSING_LIMITED(11),
    OUT_OF_RANGE(12),
    DOWNSTREAM_LOCAL(13),
    ALREADY_COMPLETE(14),
    BLOCKED(15),
    CANCELLED(16),
    BLOCKED_OTHER_MASTER(17),
    DOWNSTREAM_FAIL(18),
    NON_PARTICIPATING(126),
    UNDEFINED(127);

    private final int code;

    CommandStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status for a code; codes the standard reserves read as UNDEFINED. */
    public static CommandStatus of(int code) {
        for (CommandStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return UNDEFINED;
    }
}
