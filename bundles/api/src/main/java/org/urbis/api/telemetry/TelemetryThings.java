package org.urbis.api.telemetry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.urbis.api.device.Device;
import org.urbis.api.event.DeviceChanged;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.EventListener;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Value;

/**
 * The bookkeeping of a {@link TelemetrySource}: its things (always ONLINE), their last values, and
 * the listeners its changes go to. A source works out what changed, collects the events this records
 * into a list, and hands the list to {@link #deliver} once it holds no lock of its own.
 *
 * @since 1.1
 */
public final class TelemetryThings implements TelemetrySource {

    private static final System.Logger LOG = System.getLogger(TelemetryThings.class.getName());

    private final String name;
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    // guarded by this
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private final Map<String, Map<String, Value>> values = new LinkedHashMap<>();
    private final Map<String, Instant> since = new LinkedHashMap<>();

    /** @param name what the things are, for the log when a listener fails (e.g. "the parking site counts") */
    public TelemetryThings(String name) {
        this.name = name;
    }

    /** Adds a thing or changes its description; an event only when it is new or different. */
    public synchronized void put(Device device, Instant now, List<DeviceEvent> out) {
        Device before = devices.put(device.id(), device);
        if (!device.equals(before)) {
            since.putIfAbsent(device.id(), now);
            out.add(new DeviceChanged(
                    device.id(), before == null ? DeviceChanged.Kind.ADDED : DeviceChanged.Kind.UPDATED, device, now));
        }
    }

    /** Removes every thing whose id is not among these, with its values. */
    public synchronized void retain(Set<String> ids, Instant now, List<DeviceEvent> out) {
        for (String id : List.copyOf(devices.keySet())) {
            if (!ids.contains(id)) {
                Device gone = devices.remove(id);
                values.remove(id);
                since.remove(id);
                out.add(new DeviceChanged(id, DeviceChanged.Kind.REMOVED, gone, now));
            }
        }
    }

    /** Records a thing's new value. */
    public synchronized void value(String id, Value value, List<DeviceEvent> out) {
        Value before = values.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(value.point(), value);
        out.add(new ValueChanged(id, value, before));
    }

    /** A thing's last values by point. */
    public synchronized Map<String, Value> values(String id) {
        return Map.copyOf(values.getOrDefault(id, Map.of()));
    }

    /** Hands the events to every listener, in one batch; a failing listener is logged and the others still hear. */
    public void deliver(List<DeviceEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<DeviceEvent> batch = List.copyOf(events);
        for (EventListener l : listeners) {
            try {
                l.onEvents(batch);
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "A listener of " + name + " failed: " + e);
            }
        }
    }

    @Override
    public synchronized List<DeviceSnapshot> snapshots() {
        List<DeviceSnapshot> out = new ArrayList<>(devices.size());
        devices.forEach((id, d) -> out.add(new DeviceSnapshot(
                d,
                new DeviceHealth(id, HealthStatus.ONLINE, null, "", since.get(id), null, 0, 0),
                Map.copyOf(values.getOrDefault(id, Map.of())))));
        return out;
    }

    @Override
    public synchronized Optional<Device> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    @Override
    public AutoCloseable listen(EventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
