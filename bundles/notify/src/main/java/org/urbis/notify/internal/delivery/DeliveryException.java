package org.urbis.notify.internal.delivery;

/** A channel could not deliver a message; the message says why, for the record and the platform alarm. */
public class DeliveryException extends Exception {

    private static final long serialVersionUID = 1L;

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    public DeliveryException(String message) {
        super(message);
    }
}
