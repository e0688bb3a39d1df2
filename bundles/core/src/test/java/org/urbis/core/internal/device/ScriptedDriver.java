package org.urbis.core.internal.device;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.value.Value;

/** A polled driver whose behaviour per device the test decides; reads return a per-device counter by default. */
final class ScriptedDriver implements DeviceDriver {

    /** What a read of one device does. */
    @FunctionalInterface
    interface Behaviour {
        List<Value> read(Device device, List<Point> points, int readNumber)
                throws DriverException, InterruptedException;
    }

    static final Behaviour COUNTER = (device, points, n) -> {
        List<Value> values = new ArrayList<>();
        for (Point p : points) {
            values.add(Value.good(p.name(), (double) n, Instant.now()));
        }
        return values;
    };

    private final String id;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    final List<String> writes = new CopyOnWriteArrayList<>();
    final Map<String, DeviceCallback> callbacks = new ConcurrentHashMap<>();
    final AtomicInteger closed = new AtomicInteger();
    /** When set, writes fail with this exception. */
    volatile DriverException writeFailure;

    ScriptedDriver(String id) {
        this.id = id;
    }

    ScriptedDriver behave(String deviceId, Behaviour behaviour) {
        behaviours.put(deviceId, behaviour);
        return this;
    }

    int reads(String deviceId) {
        AtomicInteger n = reads.get(deviceId);
        return n == null ? 0 : n.get();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Set<DeviceClass> deviceClasses() {
        return Set.of(DeviceClass.STREETLIGHT);
    }

    @Override
    public DriverSession open(Device device, DeviceCallback callback) {
        callbacks.put(device.id(), callback);
        return new DriverSession() {
            @Override
            public Acquisition acquisition() {
                return Acquisition.POLLED;
            }

            @Override
            public List<Value> read(List<Point> points, Duration timeout) throws DriverException, InterruptedException {
                int n = reads.computeIfAbsent(device.id(), k -> new AtomicInteger())
                        .incrementAndGet();
                return behaviours.getOrDefault(device.id(), COUNTER).read(device, points, n);
            }

            @Override
            public void write(Point point, Object value, Duration timeout) throws DriverException {
                if (writeFailure != null) {
                    throw writeFailure;
                }
                writes.add(device.id() + "/" + point.name() + "=" + value);
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }
}
