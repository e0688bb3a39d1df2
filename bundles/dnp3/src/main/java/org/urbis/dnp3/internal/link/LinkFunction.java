package org.urbis.dnp3.internal.link;

/** Link-layer function codes; primary (PRM=1) and secondary (PRM=0) codes share the 4-bit space. */
public enum LinkFunction {
    RESET_LINK_STATES(true, 0),
    TEST_LINK_STATES(true, 2),
    CONFIRMED_USER_DATA(true, 3),
    UNCONFIRMED_USER_DATA(true, 4),
    REQUEST_LINK_STATUS(true, 9),
    ACK(false, 0),
    NACK(false, 1),
    LINK_STATUS(false, 11),
    NOT_SUPPORTED(false, 15);

    private final boolean primary;
    private final int code;

    LinkFunction(boolean primary, int code) {
        this.primary = primary;
        this.code = code;
    }

    public boolean primary() {
        return primary;
    }

    public int code() {
        return code;
    }

    /** The function, or null for a code the standard does not define. */
    public static LinkFunction of(boolean primary, int code) {
        for (LinkFunction f : values()) {
            if (f.primary == primary && f.code == code) {
                return f;
            }
        }
        return null;
    }
}
