package org.urbis.api.health;

/** Why a device has the health it has. */
public enum HealthDetail {
    /** Nothing to report. */
    NONE,
    /** Reads or writes fail: connection refused, reset, garbled replies. */
    COMMUNICATION_ERROR,
    /** The device does not answer within the I/O timeout. */
    TIMEOUT,
    /** A pushing device has gone silent for longer than it should. */
    SILENT,
    /** The inventory entry does not suit the driver (bad address, unknown point address). */
    CONFIGURATION_ERROR,
    /** The driver failed unexpectedly (threw an exception it should not have). */
    DRIVER_ERROR,
    /** The device reports a fault of its own. */
    DEVICE_FAULT,
    /** A luminaire reports a failed lamp. */
    LAMP_FAILURE,
    /** A battery-powered device reports a low battery. */
    LOW_BATTERY,
    /** The device is under local (manual) control and refuses remote commands. */
    LOCAL_CONTROL,
    /** Some points read, some failed. */
    PARTIAL_READ
}
