package org.urbis.api.telemetry;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;
import org.urbis.api.device.Device;
import org.urbis.api.event.EventListener;
import org.urbis.api.runtime.DeviceSnapshot;

/**
 * Values the operations centre must see that belong to no device of the inventory, such as the
 * free and occupied counts of a parking site. A bundle registers one as an OSGi service; the
 * telemetry reports its things exactly as it reports devices: a birth with their points, values by
 * exception with each point's deadband, integrity reports, and deaths when the service goes. Their
 * ids must not be ids of the inventory (prefix them, e.g. {@code site:PT-TRAN-HUNG-DAO}).
 *
 * @since 1.1
 */
@ConsumerType
public interface TelemetrySource {

    /** Its things now, each as a device with its points, its health and its last values. */
    List<DeviceSnapshot> snapshots();

    /** One of its things by id, with its points: asked for every value reported, so a source with many may answer faster. */
    default Optional<Device> device(String id) {
        return snapshots().stream()
                .map(DeviceSnapshot::device)
                .filter(d -> d.id().equals(id))
                .findFirst();
    }

    /**
     * Hands its changes to the listener from now on, in order — {@code DeviceChanged} when a thing
     * appears, changes or goes, {@code ValueChanged}, {@code HealthChanged} — until the returned
     * handle is closed. The listener must return quickly.
     */
    AutoCloseable listen(EventListener listener);
}
