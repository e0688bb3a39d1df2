package org.urbis.api.event;

import java.time.Instant;
import org.urbis.api.value.Value;

/**
 * A point got a new value or a new quality.
 *
 * @param deviceId the device
 * @param value    the new value
 * @param previous the value before, or {@code null} for the first
 */
public record ValueChanged(String deviceId, Value value, Value previous) implements DeviceEvent {

    @Override
    public Instant time() {
        return value.timestamp();
    }
}
