package org.urbis.driver.gridmeter.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/**
 * What every meter session shares, whatever its protocol: values are pushed as they arrive (a DNP3 master polls
 * on its own schedule; a Modbus meter is polled by the driver so that derived quantities exist only once
 * computed), run through the grid rules, kept for reads and readbacks, and health is reported on change.
 */
abstract class MeterSession implements DriverSession {

    protected final Device device;
    protected final DeviceCallback callback;
    protected final GridMonitor monitor;
    protected final Clock clock;
    private final Map<String, Value> latest = new ConcurrentHashMap<>();
    private HealthStatus reportedStatus;
    private HealthDetail reportedDetail;

    MeterSession(Device device, DeviceCallback callback, GridMonitor monitor, Clock clock) {
        this.device = device;
        this.callback = callback;
        this.monitor = monitor;
        this.clock = clock;
    }

    @Override
    public final Acquisition acquisition() {
        return Acquisition.PUSHED;
    }

    /** Applies the grid rules to new values, keeps them and reports them with the derived values they complete. */
    protected final void report(List<Value> values) {
        List<Value> all = new ArrayList<>(values);
        all.addAll(monitor.observe(values));
        all.forEach(v -> latest.put(v.point(), v));
        callback.values(all);
    }

    /** The connection is lost: every value kept turns BAD with that reason, and the device OFFLINE. */
    protected final void lost(String why) {
        List<Value> bad = latest.values().stream()
                .filter(Value::hasValue)
                .map(v -> v.withQuality(Quality.BAD, QualityReason.COMM_ERROR, why))
                .toList();
        bad.forEach(v -> latest.put(v.point(), v));
        if (!bad.isEmpty()) {
            callback.values(bad);
        }
        monitor.connection(false, why);
        health(HealthStatus.OFFLINE, HealthDetail.COMMUNICATION_ERROR, why);
    }

    protected final synchronized void health(HealthStatus status, HealthDetail detail, String message) {
        if (status != reportedStatus || detail != reportedDetail) {
            reportedStatus = status;
            reportedDetail = detail;
            callback.health(status, detail, message);
        }
    }

    protected final Value latest(String point) {
        return latest.get(point);
    }

    /** Throws when the device cannot be read or commanded now. */
    protected abstract void checkConnected() throws DriverException;

    /** The value of a point that has no address on the device (load control's readback), or null for none. */
    protected Value computed(Point point) {
        return null;
    }

    @Override
    public List<Value> read(List<Point> points, Duration timeout) throws DriverException {
        checkConnected();
        List<Value> out = new ArrayList<>(points.size());
        for (Point p : points) {
            Value v = computed(p);
            if (v == null) {
                v = latest.get(p.name());
            }
            if (v == null) {
                v = Value.bad(
                        p.name(),
                        GridMonitor.derived(p.address()) ? QualityReason.STALE : QualityReason.COMM_ERROR,
                        GridMonitor.derived(p.address())
                                ? "no complete 15-minute interval yet"
                                : "not reported by the device yet",
                        clock.instant());
            }
            out.add(v);
        }
        return out;
    }

    /** Waits for a device operation within the caller's timeout, turning its failures into DriverExceptions. */
    protected static <T> T await(CompletableFuture<T> future, Duration timeout, String what)
            throws DriverException, InterruptedException {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new DriverException(QualityReason.TIMEOUT, what + " took longer than " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DriverException d) {
                throw d;
            }
            throw new DriverException(
                    QualityReason.COMM_ERROR, what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
