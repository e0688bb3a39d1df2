package ${package}.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverSession;

/**
 * The '${driverId}' driver. Its devices answer a line protocol over TCP at {@code host:port}:
 * {@code READ <address>} gives the value, {@code WRITE <address> <value>} gives {@code OK}. Replace
 * the protocol with your device's and keep the rules: no I/O in {@link #open}, a timeout on every
 * call, failures as {@code DriverException}s with a quality reason.
 */
@Component(service = DeviceDriver.class)
public final class ${driverClass}Driver implements DeviceDriver {

    /** The id inventory entries name in {@code "driver"}. */
    public static final String ID = "${driverId}";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<DeviceClass> deviceClasses() {
        return Set.of(DeviceClass.of("${deviceClass}"));
    }

    @Override
    public List<String> validate(Device device) {
        List<String> problems = new ArrayList<>();
        try {
            ${driverClass}Session.endpoint(device.address());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        for (Point p : device.points()) {
            if (p.address().isBlank()) {
                problems.add("point '" + p.name() + "' has no address");
            }
        }
        return problems;
    }

    @Override
    public DriverSession open(Device device, DeviceCallback callback) {
        return new ${driverClass}Session(device);
    }
}
