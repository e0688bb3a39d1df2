package org.urbis.api.history;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.urbis.api.event.Alarm;
import org.urbis.api.health.DeviceHealth;

/**
 * The history of every value a device reported (after its point's deadband) and of every health and
 * alarm change, offered as an OSGi service. Time ranges are half-open: {@code from} inclusive,
 * {@code to} exclusive. Unknown devices and points have an empty history.
 */
@ProviderType
public interface History {

    /**
     * The values of one point, oldest first.
     *
     * @param limit values at most; when the range holds more, the oldest {@code limit} are returned
     */
    List<Sample> values(String deviceId, String point, Instant from, Instant to, int limit);

    /**
     * The values of one point summarised per bucket of {@code step}, the first bucket starting at
     * {@code from}; buckets without values are left out.
     *
     * @throws IllegalArgumentException when the step is not positive or would make more than
     *         {@link #MAX_BUCKETS} buckets
     */
    List<Bucket> downsampled(String deviceId, String point, Instant from, Instant to, Duration step);

    /** The device's health changes in the range, oldest first. */
    List<DeviceHealth> health(String deviceId, Instant from, Instant to);

    /** The device's alarm changes (raised, acknowledged, cleared) in the range, oldest first. */
    List<Alarm> alarms(String deviceId, Instant from, Instant to);

    /** The state of the store. */
    HistoryStatus status();

    /** Buckets one downsampled query may return at most. */
    int MAX_BUCKETS = 10_000;
}
