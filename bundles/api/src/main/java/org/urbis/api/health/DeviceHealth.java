package org.urbis.api.health;

import java.time.Instant;
import java.util.Objects;

/**
 * The health of one device.
 *
 * @param deviceId          the device
 * @param status            its status
 * @param detail            why
 * @param message           a sentence for the maintenance crew (the last error, the fault text)
 * @param since             when the status last changed
 * @param lastSeen          when the device last communicated, or {@code null} if never
 * @param errorCount        failed I/O operations since the driver attached
 * @param consecutiveErrors failed I/O operations since the last success
 */
public record DeviceHealth(
        String deviceId,
        HealthStatus status,
        HealthDetail detail,
        String message,
        Instant since,
        Instant lastSeen,
        long errorCount,
        int consecutiveErrors) {

    public DeviceHealth {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(status, "status");
        detail = detail == null ? HealthDetail.NONE : detail;
        message = message == null ? "" : message;
        Objects.requireNonNull(since, "since");
    }

    /** Whether status, detail or message differ: what makes a health change worth an event. */
    public boolean differsFrom(DeviceHealth other) {
        return other == null || status != other.status || detail != other.detail || !message.equals(other.message);
    }
}
