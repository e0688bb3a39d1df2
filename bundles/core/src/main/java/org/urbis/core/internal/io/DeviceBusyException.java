package org.urbis.core.internal.io;

import org.urbis.api.driver.DriverException;
import org.urbis.api.value.QualityReason;

/** A call refused without reaching the driver, because the device is still held by an earlier one. */
public final class DeviceBusyException extends DriverException {

    private static final long serialVersionUID = 1L;

    public DeviceBusyException(String message) {
        super(QualityReason.COMM_ERROR, message);
    }
}
