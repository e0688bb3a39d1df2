package org.urbis.driver.water.internal;

/**
 * The water logic's {@linkplain org.urbis.api.device.Point#role() point roles}:
 * {@code pressure}, {@code position}, {@code setpoint}, {@code open}, {@code travelTime},
 * {@code local} and {@code fault}.
 */
final class Roles {

    static final String PRESSURE = "pressure";
    static final String POSITION = "position";
    static final String SETPOINT = "setpoint";
    static final String OPEN = "open";
    static final String TRAVEL_TIME = "travelTime";
    static final String LOCAL = "local";
    static final String FAULT = "fault";

    private Roles() {}
}
