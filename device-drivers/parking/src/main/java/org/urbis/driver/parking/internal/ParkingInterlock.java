package org.urbis.driver.parking.internal;

import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.urbis.api.command.Interlock;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;

/**
 * A sensor recalibrated with a car over it learns the car as "empty": recalibration is refused
 * unless the bay reads empty, with a good (not stale) reading.
 */
@Component(service = Interlock.class)
public final class ParkingInterlock implements Interlock {

    @Override
    public DeviceClass deviceClass() {
        return DeviceClass.PARKING;
    }

    @Override
    public Optional<String> check(Device device, Point point, Object setpoint, DeviceSnapshot current) {
        if (!ParkingDriver.field(point).equals(Fields.RECALIBRATE)) {
            return Optional.empty();
        }
        Optional<Point> occupiedPoint = device.points().stream()
                .filter(p -> ParkingDriver.field(p).equals(Fields.OCCUPIED))
                .findFirst();
        if (occupiedPoint.isEmpty()) {
            return Optional.of(device.id() + " has no occupied point: whether its bay is empty cannot be known");
        }
        Value v = current.values().get(occupiedPoint.get().name());
        if (v == null || v.quality() != Quality.GOOD || !(v.value() instanceof Boolean)) {
            return Optional.of("whether the bay of " + device.id() + " is empty is not known"
                    + (v == null ? "" : " (" + v.quality() + " " + v.reason() + ")")
                    + "; recalibrate only an empty bay");
        }
        if ((Boolean) v.value()) {
            return Optional.of("the bay of " + device.id() + " reads occupied; recalibrate only an empty bay");
        }
        return Optional.empty();
    }
}
