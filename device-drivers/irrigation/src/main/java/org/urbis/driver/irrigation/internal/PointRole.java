package org.urbis.driver.irrigation.internal;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.urbis.api.device.Point;

/**
 * What a point of an irrigation controller is, from its {@linkplain Point#role() role} (its name unless
 * the point says otherwise): a zone's {@code zone<N>.run}, {@code .open}, {@code .remaining} or
 * {@code .flow}, or one of the controller's own points.
 *
 * @param zone the zone, 1-based; 0 for a controller point
 * @param what {@code run}, {@code open}, {@code remaining}, {@code flow}, or the controller point's role
 */
record PointRole(int zone, String what) {

    static final String RUN = "run";
    static final String OPEN = "open";
    static final String REMAINING = "remaining";
    static final String FLOW = "flow";

    static final String RAIN_DELAY = "rainDelayHours";
    static final String WATER_LEVEL = "waterLevel";
    static final String RAIN_SENSOR = "rainSensor";
    static final String MASTER_VALVE = "masterValve";
    static final String FLOW_TOTAL = "flowTotal";
    static final String FLOW_SENSOR_FAULT = "flowSensorFault";
    static final String ENABLED = "enabled";
    static final String STOP_ALL = "stopAll";
    static final String CONTROLLER_TIME = "controllerTime";
    static final String LAST_RUN = "lastRun";

    /** The most zones a controller may have: an OpenSprinkler with its expansion boards. */
    static final int MAX_ZONES = 200;

    private static final Pattern ZONE = Pattern.compile("zone([1-9][0-9]{0,2})\\.(run|open|remaining|flow)");

    static Optional<PointRole> of(Point point) {
        return of(point.role());
    }

    static Optional<PointRole> of(String role) {
        Matcher m = ZONE.matcher(role);
        if (m.matches()) {
            int zone = Integer.parseInt(m.group(1));
            return zone <= MAX_ZONES ? Optional.of(new PointRole(zone, m.group(2))) : Optional.empty();
        }
        return Optional.of(new PointRole(0, role));
    }

    boolean isZone() {
        return zone > 0;
    }

    /** Whether this is a zone's flow: the driver derives it from the mainline flow and the open valves. */
    boolean derivedFlow() {
        return zone > 0 && what.equals(FLOW);
    }

    boolean is(String controllerRole) {
        return zone == 0 && what.equals(controllerRole);
    }

    /** The controller points an OpenSprinkler has besides its zones. */
    static final Set<String> OPENSPRINKLER = Set.of(
            RAIN_DELAY,
            WATER_LEVEL,
            RAIN_SENSOR,
            MASTER_VALVE,
            FLOW_TOTAL,
            ENABLED,
            STOP_ALL,
            CONTROLLER_TIME,
            LAST_RUN);
}
