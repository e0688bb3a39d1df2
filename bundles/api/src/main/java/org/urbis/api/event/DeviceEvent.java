package org.urbis.api.event;

import java.time.Instant;

/** Something that happened to a device. Events of one device are delivered in the order they happened. */
public sealed interface DeviceEvent permits ValueChanged, HealthChanged, AlarmChanged, DeviceChanged {

    /** The device concerned. */
    String deviceId();

    /** When it happened (UTC). */
    Instant time();
}
