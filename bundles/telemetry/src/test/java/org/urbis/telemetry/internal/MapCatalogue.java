package org.urbis.telemetry.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.urbis.api.device.Device;
import org.urbis.telemetry.internal.encoding.Catalogue;

/** A catalogue of devices for tests. */
public final class MapCatalogue implements Catalogue {

    private final Map<String, Device> devices = new ConcurrentHashMap<>();

    public MapCatalogue(Device... devices) {
        for (Device d : devices) {
            this.devices.put(d.id(), d);
        }
    }

    @Override
    public Optional<Device> device(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    @Override
    public Collection<Device> present() {
        return List.copyOf(new java.util.TreeMap<>(devices).values());
    }
}
