package org.urbis.api.driver;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Value;

/**
 * What a driver tells the platform about one device, from any thread. Calls return quickly; they
 * may wait briefly when the platform's event queues are full (back-pressure).
 */
@ProviderType
public interface DeviceCallback {

    /**
     * Reports values the device pushed or sent unsolicited. Values of unknown points are dropped
     * and logged; values of the wrong type are recorded as BAD / TYPE_MISMATCH.
     */
    void values(List<Value> values);

    /**
     * Reports the device's health as the driver sees it (a lamp failure, local control, a link
     * lost). The platform adds what it observes itself: poll failures, timeouts, silence.
     */
    void health(HealthStatus status, HealthDetail detail, String message);

    /** Raises ({@code active}) or clears an alarm of the given type on the device. */
    void alarm(String type, AlarmSeverity severity, boolean active, String message);
}
