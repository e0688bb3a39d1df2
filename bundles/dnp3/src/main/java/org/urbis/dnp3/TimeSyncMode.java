package org.urbis.dnp3;

/** How the master sets an outstation's clock when it asks for time (IIN1.4 NEED_TIME). */
public enum TimeSyncMode {
    /** Leave the outstation's clock alone. */
    NONE,
    /** LAN procedure: RECORD_CURRENT_TIME, then WRITE g50v3 with the time the request was sent. */
    LAN,
    /** Non-LAN procedure: DELAY_MEASURE (g52 reply), then WRITE g50v1 corrected by half the round trip. */
    NON_LAN
}
