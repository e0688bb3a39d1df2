package org.urbis.driver.water.internal;

import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.urbis.api.command.Interlock;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.runtime.DeviceSnapshot;

/**
 * The safety rules of water devices, decided from the last known values:
 * <ul>
 * <li>a device with a {@code local} point accepts remote commands only while that point reads
 * false (REMOTE); LOCAL, or a mode not known, refuses them;</li>
 * <li>a valve with option {@code minTravelSeconds} may not close (a lower {@code setpoint} than its
 * position, or {@code open} false) while its full-stroke time ({@code travelTime} point, else option
 * {@code strokeSeconds}) is shorter than that, nor may its {@code travelTime} be set below it.</li>
 * </ul>
 */
@Component(service = Interlock.class)
public final class WaterInterlock implements Interlock {

    @Override
    public DeviceClass deviceClass() {
        return DeviceClass.WATER;
    }

    @Override
    public Optional<String> check(Device device, Point point, Object setpoint, DeviceSnapshot current) {
        Optional<Point> localPoint = device.pointWithRole(Roles.LOCAL);
        if (localPoint.isPresent()) {
            Boolean local =
                    WaterMonitor.bool(current.values().get(localPoint.get().name()));
            if (local == null) {
                return Optional.of("the LOCAL/REMOTE mode of " + device.id() + " is not known (no good reading of '"
                        + localPoint.get().name() + "'); remote commands wait for it");
            }
            if (local) {
                return Optional.of(device.id() + " is under LOCAL control and refuses remote commands");
            }
        }
        String min = device.options().get("minTravelSeconds");
        if (min == null) {
            return Optional.empty();
        }
        double minTravel = Double.parseDouble(min.trim());
        String role = point.role();
        if (role.equals(Roles.TRAVEL_TIME) && setpoint instanceof Number n && n.doubleValue() < minTravel) {
            return Optional.of(
                    "a full-stroke time of " + fmt(n.doubleValue()) + " s is shorter than the minimum travel time "
                            + fmt(minTravel) + " s of " + device.id() + " (water hammer)");
        }
        boolean closing;
        if (role.equals(Roles.SETPOINT) && setpoint instanceof Number n) {
            Double position = valueOf(device, current, Roles.POSITION);
            closing = position == null || n.doubleValue() < position;
        } else if (role.equals(Roles.OPEN) && setpoint instanceof Boolean b) {
            closing = !b;
        } else {
            return Optional.empty();
        }
        if (!closing) {
            return Optional.empty();
        }
        Double stroke = valueOf(device, current, Roles.TRAVEL_TIME);
        if (stroke == null && device.options().get("strokeSeconds") != null) {
            stroke = Double.parseDouble(device.options().get("strokeSeconds").trim());
        }
        if (stroke == null) {
            return Optional.of("the travel time of " + device.id() + " is not known, so a closing move cannot be "
                    + "checked against its minimum travel time " + fmt(minTravel) + " s");
        }
        if (stroke < minTravel) {
            return Optional.of(device.id() + " would close at a full-stroke time of " + fmt(stroke)
                    + " s, faster than its minimum travel time " + fmt(minTravel) + " s (water hammer)");
        }
        return Optional.empty();
    }

    private static Double valueOf(Device device, DeviceSnapshot current, String role) {
        return device.pointWithRole(role)
                .map(p -> current.values().get(p.name()))
                .map(WaterMonitor::number)
                .orElse(null);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
