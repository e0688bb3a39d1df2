package org.urbis.api.deploy;

/** A driver bundle that may not run here, or that could not be put in place; the message says which and why. */
public class DriverRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    /** An upper-case reason: {@code UNTRUSTED_SIGNER}, {@code NOT_A_BUNDLE}, {@code NO_PREVIOUS_VERSION}, … */
    private final String reason;

    public DriverRefusedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DriverRefusedException(String reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
