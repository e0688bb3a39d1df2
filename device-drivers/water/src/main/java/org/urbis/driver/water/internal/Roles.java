package org.urbis.driver.water.internal;

import java.util.Optional;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;

/**
 * What a point means to the water logic: its option {@code role}, or else its name. The roles are
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

    private Roles() {
    }

    static String of(Point p) {
        return p.options().getOrDefault("role", p.name());
    }

    static Optional<Point> find(Device device, String role) {
        return device.points().stream().filter(p -> of(p).equals(role)).findFirst();
    }
}
