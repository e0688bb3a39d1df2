package org.urbis.api.runtime;

/** A read or write through {@link DeviceIO} that did not reach the device, and why. */
public class DeviceIOException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why the operation failed. */
    public enum Reason {
        /** No such device in the inventory. */
        UNKNOWN_DEVICE,
        /** The device has no such point. */
        UNKNOWN_POINT,
        /** The point cannot be written (or read). */
        NOT_ACCESSIBLE,
        /** The value does not fit the point's type or lies outside its engineering limits. */
        INVALID_VALUE,
        /** No installed driver serves the device. */
        DRIVER_MISSING,
        /** The device is still busy with an earlier operation that has not returned. */
        BUSY,
        /** The device did not answer in time. */
        TIMEOUT,
        /** The driver reported a failure. */
        DRIVER_ERROR
    }

    private final Reason reason;

    public DeviceIOException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DeviceIOException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
