package org.urbis.api.runtime;

import org.osgi.annotation.versioning.ProviderType;
import org.urbis.api.event.AlarmSeverity;

/**
 * Alarms of the platform itself rather than of a field device, such as the telemetry buffer filling
 * up. They are listed, acknowledged and streamed like device alarms ({@link DeviceRegistry#activeAlarms},
 * {@code AlarmChanged} events), with the raising component's name where a device id would stand.
 *
 * @since 1.1
 */
@ProviderType
public interface PlatformAlarms {

    /**
     * Raises an alarm; raising one that is already active changes nothing.
     *
     * @param source the component, e.g. {@code telemetry}
     * @param type   upper-case alarm type, e.g. {@code STORE_FULL}
     */
    void raise(String source, String type, AlarmSeverity severity, String message);

    /** Clears an alarm, if it is active. */
    void clear(String source, String type, String message);
}
