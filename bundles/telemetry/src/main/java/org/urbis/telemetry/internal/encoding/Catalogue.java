package org.urbis.telemetry.internal.encoding;

import java.util.Collection;
import java.util.Optional;
import org.urbis.api.device.Device;

/** The devices known now, for births after a (re)connect and for point metadata. */
public interface Catalogue {

    Optional<Device> device(String deviceId);

    /** Devices that are present (inventory entries whose driver is installed). */
    Collection<Device> present();
}
