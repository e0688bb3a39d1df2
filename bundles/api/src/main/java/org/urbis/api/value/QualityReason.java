package org.urbis.api.value;

/** Why a value is not {@link Quality#GOOD}. */
public enum QualityReason {
    /** The value is GOOD. */
    NONE,
    /** The device could not be reached or answered garbage. */
    COMM_ERROR,
    /** The device did not answer in time. */
    TIMEOUT,
    /** The device answered with an error (an exception code, a fault flag). */
    DEVICE_ERROR,
    /** The value lies outside the point's engineering limits. */
    OUT_OF_RANGE,
    /** The device sent a value that does not fit the point's data type. */
    TYPE_MISMATCH,
    /** The value is the last one known, but it is no longer being refreshed. */
    STALE,
    /** The point's address or settings are wrong. */
    CONFIGURATION_ERROR
}
