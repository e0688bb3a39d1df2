package org.urbis.testing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.urbis.api.device.Device;
import org.urbis.api.event.Alarm;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Value;

/** A registry of devices a test puts in: snapshots as given, groups by their tags, no alarms. */
public class FakeRegistry implements DeviceRegistry {
    public final Map<String, DeviceSnapshot> devices = new ConcurrentHashMap<>();

    public void put(Device device, DeviceHealth health, Map<String, Value> values) {
        devices.put(device.id(), new DeviceSnapshot(device, health, values));
    }

    /** Puts a device that has been ONLINE, and last heard from, since {@code since}. */
    public void putOnline(Device device, Instant since, Map<String, Value> values) {
        put(device, new DeviceHealth(device.id(), HealthStatus.ONLINE, null, "", since, since, 0, 0), values);
    }

    @Override
    public Collection<String> deviceIds() {
        return new TreeMap<>(devices).keySet();
    }

    @Override
    public Optional<DeviceSnapshot> snapshot(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    @Override
    public List<DeviceSnapshot> find(DeviceQuery query) {
        return new TreeMap<>(devices)
                .values().stream()
                        .filter(s -> query.group() == null || s.device().inGroup(query.group()))
                        .toList();
    }

    @Override
    public List<Alarm> activeAlarms() {
        return List.of();
    }

    @Override
    public Optional<Alarm> acknowledge(String deviceId, String type, String actor) {
        return Optional.empty();
    }
}
