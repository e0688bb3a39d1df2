package org.urbis.dnp3.internal.app;

/** Application-layer function codes this stack sends or answers. */
public enum FunctionCode {
    CONFIRM(0),
    READ(1),
    WRITE(2),
    SELECT(3),
    OPERATE(4),
    DIRECT_OPERATE(5),
    DIRECT_OPERATE_NR(6),
    COLD_RESTART(13),
    WARM_RESTART(14),
    ENABLE_UNSOLICITED(20),
    DISABLE_UNSOLICITED(21),
    DELAY_MEASURE(23),
    RECORD_CURRENT_TIME(24),
    RESPONSE(129),
    UNSOLICITED_RESPONSE(130);

    private final int code;

    FunctionCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean response() {
        return code >= 129;
    }

    /** Requests whose object headers carry no object data. */
    public boolean headersOnly() {
        return this == READ || this == ENABLE_UNSOLICITED || this == DISABLE_UNSOLICITED;
    }

    /** The function, or null for a code this stack does not know. */
    public static FunctionCode of(int code) {
        for (FunctionCode f : values()) {
            if (f.code == code) {
                return f;
            }
        }
        return null;
    }
}
