package org.urbis.core.internal.device;

import java.time.Duration;
import org.urbis.core.internal.CoreConfig;

/**
 * The polling and health settings of the device runtime, as a small typed object.
 *
 * @param defaultPollInterval  poll interval of devices whose entry sets none
 * @param maxConcurrent        device operations running at once
 * @param ioTimeout            longest one read or write may take
 * @param retryInitial         delay of the first retry after a failed read
 * @param maxBackoff           longest retry delay
 * @param offlineAfterFailures consecutive failures that make a device OFFLINE
 */
public record CoreSettings(
        Duration defaultPollInterval,
        int maxConcurrent,
        Duration ioTimeout,
        Duration retryInitial,
        Duration maxBackoff,
        int offlineAfterFailures) {

    public CoreSettings {
        if (maxConcurrent < 1 || offlineAfterFailures < 1) {
            throw new IllegalArgumentException("poll.maxConcurrent and health.offlineAfterFailures must be at least 1");
        }
        for (Duration d : new Duration[] {defaultPollInterval, ioTimeout, retryInitial, maxBackoff}) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("poll intervals, timeouts and delays must be positive");
            }
        }
    }

    public static CoreSettings from(CoreConfig config) {
        return new CoreSettings(
                Duration.ofMillis(config.poll_defaultIntervalMillis()),
                config.poll_maxConcurrent(),
                Duration.ofMillis(config.poll_timeoutMillis()),
                Duration.ofMillis(config.poll_retryInitialMillis()),
                Duration.ofMillis(config.poll_maxBackoffMillis()),
                config.health_offlineAfterFailures());
    }

    /** The delay before the next read after {@code failures} consecutive failures (at least 1). */
    public Duration retryDelay(int failures, Duration pollInterval) {
        Duration cap = maxBackoff.compareTo(pollInterval) > 0 ? maxBackoff : pollInterval;
        Duration delay = retryInitial.multipliedBy(1L << Math.min(failures - 1, 20));
        return delay.compareTo(cap) > 0 ? cap : delay;
    }
}
