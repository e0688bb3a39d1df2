package org.urbis.api.event;

import java.time.Instant;
import org.urbis.api.health.DeviceHealth;

/**
 * A device's health status, detail or message changed.
 *
 * @param deviceId the device
 * @param health   the new health
 * @param previous the health before, or {@code null} when the device just appeared
 */
public record HealthChanged(String deviceId, DeviceHealth health, DeviceHealth previous) implements DeviceEvent {

    @Override
    public Instant time() {
        return health.since();
    }
}
