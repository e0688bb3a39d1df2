package org.urbis.itest.driver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Component;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.value.Value;

/**
 * A driver that needs no device: every read succeeds. FLOAT points read a counter that grows by
 * one on every read of the device, INTEGER points the same counter, BOOLEAN points {@code true},
 * STRING points {@code "test-<counter>"}. A read of BOOLEAN points only (a command's readback)
 * leaves the counter as it is, so that the counter values a session produces are 1, 2, 3, ...
 * whatever commands the device receives: a test sees a lost value as a hole. Writes are accepted
 * and remembered, and nothing else.
 */
@Component(service = DeviceDriver.class, immediate = true)
public class TestDriver implements DeviceDriver {

    /** The driver id inventory entries name. */
    public static final String ID = "test";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<DeviceClass> deviceClasses() {
        return Set.of(DeviceClass.STREETLIGHT, DeviceClass.of("test"));
    }

    @Override
    public DriverSession open(Device device, DeviceCallback callback) {
        return new Session();
    }

    private static final class Session implements DriverSession {

        private final AtomicLong counter = new AtomicLong();
        private final Map<String, Object> written = new ConcurrentHashMap<>();

        @Override
        public Acquisition acquisition() {
            return Acquisition.POLLED;
        }

        @Override
        public List<Value> read(List<Point> points, Duration timeout) {
            boolean readback = points.stream().allMatch(p -> p.type() == DataType.BOOLEAN);
            long n = readback ? counter.get() : counter.incrementAndGet();
            Instant now = Instant.now();
            List<Value> values = new ArrayList<>(points.size());
            for (Point p : points) {
                Object v;
                switch (p.type()) {
                    case BOOLEAN:
                        v = Boolean.TRUE;
                        break;
                    case INTEGER:
                        v = n;
                        break;
                    case STRING:
                        v = "test-" + n;
                        break;
                    case FLOAT:
                    default:
                        v = (double) n;
                        break;
                }
                values.add(Value.good(p.name(), v, now));
            }
            return values;
        }

        @Override
        public void write(Point point, Object value, Duration timeout) {
            written.put(point.name(), value);
        }

        @Override
        public void close() {
            written.clear();
        }
    }
}
