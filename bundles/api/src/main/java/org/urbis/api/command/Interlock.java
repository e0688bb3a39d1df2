package org.urbis.api.command;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.runtime.DeviceSnapshot;

/**
 * A safety rule of one device class, registered as a service by the bundle that knows the class
 * (usually its driver). The command pipeline asks every interlock of the target device's class
 * before anything is sent; one refusal rejects the command with its reason.
 *
 * <p>Examples: a valve in LOCAL mode refuses remote commands; a main may not close faster than
 * its minimum travel time. A check must be quick and must not do device I/O: it decides from
 * the device's last known state.
 */
@ConsumerType
public interface Interlock {

    /** The class of devices this interlock guards. */
    DeviceClass deviceClass();

    /**
     * Checks a setpoint about to be sent.
     *
     * @param device   the target device
     * @param point    the point to be written
     * @param setpoint the value, already converted to the point's data type
     * @param current  the device's health and last values now
     * @return a refusal reason for people, or empty when the command may go ahead
     */
    Optional<String> check(Device device, Point point, Object setpoint, DeviceSnapshot current);
}
