package org.urbis.api.event;

import java.time.Instant;
import org.urbis.api.device.Device;

/**
 * The inventory added, changed or removed a device.
 *
 * @param deviceId the device
 * @param kind     what happened
 * @param device   the device as it now is, or {@code null} when removed
 * @param time     when the inventory change was applied
 */
public record DeviceChanged(String deviceId, Kind kind, Device device, Instant time) implements DeviceEvent {

    /** What happened to the device. */
    public enum Kind {
        ADDED,
        UPDATED,
        REMOVED
    }
}
