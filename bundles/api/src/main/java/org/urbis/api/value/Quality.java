package org.urbis.api.value;

/** How far a value can be trusted. */
public enum Quality {
    /** Read from the device just now and plausible. */
    GOOD,
    /** Read, but doubtful: out of its engineering range, or old. */
    UNCERTAIN,
    /** Not a usable value: the read failed, or the device cannot be reached. */
    BAD
}
