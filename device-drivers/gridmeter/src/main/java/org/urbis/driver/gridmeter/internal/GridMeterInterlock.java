package org.urbis.driver.gridmeter.internal;

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
 * The safety rules of grid meters, decided before a command reaches the device:
 * <ul>
 * <li>a device with a {@code local} point accepts remote commands only while it reads false (REMOTE); LOCAL, or a
 * mode not known, refuses them;</li>
 * <li>a load-control command must be a valid event or cancel ({@link LoadControlEvent}: duration at most 1440 min,
 * target 0-100 %, criticality 1-15, well-formed JSON), only a device whose profile maps load control takes one, and
 * only one that maps {@code loadControlCriticality} takes a criticality.</li>
 * </ul>
 */
@Component(service = Interlock.class)
public final class GridMeterInterlock implements Interlock {

    @Override
    public DeviceClass deviceClass() {
        return DeviceClass.GRID_METER;
    }

    @Override
    public Optional<String> check(Device device, Point point, Object setpoint, DeviceSnapshot current) {
        if (point.role().equals(Roles.LOAD_CONTROL)) {
            if (!Roles.hasLoadControl(device) || !Dnp3Endpoint.isDnp3(device.address())) {
                return Optional.of(device.id() + " has no load control (its profile maps no load-control outputs)");
            }
            LoadControlEvent event;
            try {
                event = LoadControlEvent.parse(String.valueOf(setpoint));
            } catch (IllegalArgumentException e) {
                return Optional.of("load-control command refused: " + e.getMessage());
            }
            if (event.criticality() > 0
                    && device.pointWithRole(Roles.LOAD_CONTROL_CRITICALITY).isEmpty()) {
                return Optional.of(LoadControl.criticalityRefusal(device));
            }
        }
        Optional<Point> local = device.pointWithRole(Roles.LOCAL);
        if (local.isPresent()) {
            Value v = current.values().get(local.get().name());
            if (v == null || !v.hasValue() || v.quality() == Quality.BAD || !(v.value() instanceof Boolean b)) {
                return Optional.of("the LOCAL/REMOTE mode of " + device.id() + " is not known (no good reading of '"
                        + local.get().name() + "'); remote commands wait for it");
            }
            if (b) {
                return Optional.of(device.id() + " is under LOCAL control and refuses remote commands");
            }
        }
        return Optional.empty();
    }
}
