package org.urbis.api.driver;

import java.util.List;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;

/**
 * A driver for one class of device, registered as an OSGi service by the driver's bundle. The
 * platform attaches to it every inventory device whose {@code driver} equals {@link #id()}, and
 * detaches them when the service goes away. Devices without a driver are DRIVER_MISSING and return
 * to service on their own when a driver for them appears.
 */
@ConsumerType
public interface DeviceDriver {

    /** The id inventory entries name in their {@code driver} field, e.g. {@code modbus-water}. */
    String id();

    /** The device classes this driver can drive. */
    Set<DeviceClass> deviceClasses();

    /**
     * Checks that a device's address, options and point addresses make sense to this driver,
     * without I/O. Returns one sentence per problem; empty when the device is fine.
     */
    default List<String> validate(Device device) {
        return List.of();
    }

    /**
     * Opens a session to a device. Must return promptly without blocking I/O: connect lazily on
     * the first read, or in the background.
     *
     * @param device   the device, already validated
     * @param callback where the driver reports pushed values, health and alarms of this device
     * @throws DriverException when the device cannot be served at all (CONFIGURATION_ERROR)
     */
    DriverSession open(Device device, DeviceCallback callback) throws DriverException;
}
