package org.urbis.control.internal.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.urbis.api.event.Alarm;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.runtime.DeviceIO;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Value;
import org.urbis.api.device.Device;

/** In-test stand-ins for the core's registry and device I/O, and a clock the test moves. */
final class Fakes {

    private Fakes() {
    }

    static final class Registry implements DeviceRegistry {
        final Map<String, DeviceSnapshot> devices = new ConcurrentHashMap<>();

        void put(Device device, DeviceHealth health, Map<String, Value> values) {
            devices.put(device.id(), new DeviceSnapshot(device, health, values));
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
            return new TreeMap<>(devices).values().stream()
                    .filter(s -> query.group() == null || s.device().inGroup(query.group())).toList();
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

    /** Writes succeed and are stored; a read returns what was written unless {@link #readback} says otherwise. */
    static final class IO implements DeviceIO {
        record Write(String device, String point, Object value) {
        }

        final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Object> stored = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        volatile Function<String, Object> readback = key -> stored.get(key);
        volatile Function<Write, CompletionStage<Void>> writer = w -> CompletableFuture.completedFuture(null);

        @Override
        public CompletionStage<Void> write(String deviceId, String point, Object value, Duration timeout) {
            Write w = new Write(deviceId, point, value);
            writes.add(w);
            int n = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(n, Math::max);
            return writer.apply(w).whenComplete((ok, e) -> {
                if (e == null) {
                    stored.put(deviceId + "/" + point, value);
                }
                inFlight.decrementAndGet();
            });
        }

        @Override
        public CompletionStage<List<Value>> read(String deviceId, List<String> points, Duration timeout) {
            List<Value> values = new ArrayList<>();
            for (String p : points) {
                Object v = readback.apply(deviceId + "/" + p);
                if (v != null) {
                    values.add(Value.good(p, v, Instant.now()));
                }
            }
            return CompletableFuture.completedFuture(values);
        }
    }
}
