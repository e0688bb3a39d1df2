package org.urbis.api.runtime;

import java.util.Map;
import org.urbis.api.device.Device;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.value.Value;

/**
 * A device with its current health and last values, as one consistent read.
 *
 * @param device the inventory entry
 * @param health its health now
 * @param values last value per point name; a point never read has no entry
 */
public record DeviceSnapshot(Device device, DeviceHealth health, Map<String, Value> values) {

    public DeviceSnapshot {
        values = Map.copyOf(values);
    }
}
