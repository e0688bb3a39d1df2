package org.urbis.api.driver;

import org.urbis.api.health.HealthDetail;
import org.urbis.api.value.QualityReason;

/**
 * A driver's report that an I/O operation failed, with the reason the platform should record.
 */
public class DriverException extends Exception {

    private static final long serialVersionUID = 1L;

    private final QualityReason reason;

    /**
     * @param reason  why (COMM_ERROR, TIMEOUT, DEVICE_ERROR, CONFIGURATION_ERROR)
     * @param message a sentence naming what went wrong, e.g. "exception code 2 (illegal data address) at register 40100"
     */
    public DriverException(QualityReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DriverException(QualityReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The quality reason for the values this failure leaves without a reading. */
    public QualityReason reason() {
        return reason;
    }

    /** The health detail this failure implies for the device. */
    public HealthDetail healthDetail() {
        switch (reason) {
            case TIMEOUT:
                return HealthDetail.TIMEOUT;
            case DEVICE_ERROR:
                return HealthDetail.DEVICE_FAULT;
            case CONFIGURATION_ERROR:
                return HealthDetail.CONFIGURATION_ERROR;
            default:
                return HealthDetail.COMMUNICATION_ERROR;
        }
    }
}
