package org.urbis.api.deploy;

import java.util.List;
import java.util.Objects;

/**
 * A driver bundle as the platform runs it.
 *
 * @param bundle   its symbolic name
 * @param version  its version
 * @param state    its OSGi state, e.g. {@code ACTIVE}
 * @param trust    why it may run: {@code system repository}, {@code boot}, or the signer's name
 * @param drivers  the driver ids it registers, e.g. {@code modbus-water}
 * @param devices  the ids of the devices of those drivers in the inventory
 * @param previous the version a rollback returns to, or empty when there is none
 */
public record DriverBundle(
        String bundle,
        String version,
        String state,
        String trust,
        List<String> drivers,
        List<String> devices,
        String previous) {

    public DriverBundle {
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(version, "version");
        state = state == null ? "" : state;
        trust = trust == null ? "" : trust;
        drivers = List.copyOf(drivers);
        devices = List.copyOf(devices);
        previous = previous == null ? "" : previous;
    }
}
