package org.urbis.api.event;

import java.time.Instant;
import org.osgi.annotation.versioning.ProviderType;

/** Something that happened to a device. Events of one device are delivered in the order they happened. */
@ProviderType
public sealed interface DeviceEvent permits ValueChanged, HealthChanged, AlarmChanged, DeviceChanged {

    /** The device concerned. */
    String deviceId();

    /** When it happened (UTC). */
    Instant time();
}
