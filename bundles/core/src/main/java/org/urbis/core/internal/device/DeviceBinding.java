package org.urbis.core.internal.device;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.AsyncDriverSession;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.core.internal.io.IoExecutor;

/**
 * A device attached to its driver: the open session, the device's I/O lane, and for polled devices
 * the poll schedule. Lives from attach to detach; a new driver or inventory entry means a new binding.
 */
final class DeviceBinding implements DeviceCallback {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceBinding.class);

    private final DeviceState state;
    private final DeviceDriver driver;
    private final IoExecutor.Lane lane;
    private final ScheduledExecutorService timer;
    private final CoreSettings settings;
    private final PollStatistics statistics;
    private final Duration interval;
    private final List<Point> polledPoints;
    private volatile DriverSession session;
    private ScheduledFuture<?> nextPoll;
    private volatile boolean detached;

    DeviceBinding(
            DeviceState state,
            DeviceDriver driver,
            IoExecutor io,
            ScheduledExecutorService timer,
            CoreSettings settings,
            PollStatistics statistics) {
        this.state = state;
        this.driver = driver;
        this.lane = io.lane(state.device().id());
        this.timer = timer;
        this.settings = settings;
        this.statistics = statistics;
        this.interval =
                state.device().pollInterval() != null ? state.device().pollInterval() : settings.defaultPollInterval();
        this.polledPoints = state.readablePoints();
    }

    Device device() {
        return state.device();
    }

    /** Opens the driver session; a device the driver refuses stays OFFLINE with the reason. */
    void attach() {
        List<String> problems;
        try {
            problems = driver.validate(state.device());
        } catch (RuntimeException e) {
            problems = List.of("driver failed to validate the device: " + e);
        }
        if (!problems.isEmpty()) {
            state.platformStatus(HealthStatus.OFFLINE, HealthDetail.CONFIGURATION_ERROR, String.join("; ", problems));
            LOG.error(
                    "Driver '{}' refuses device {}: {}",
                    driver.id(),
                    state.device().id(),
                    problems);
            return;
        }
        state.platformStatus(HealthStatus.UNKNOWN, HealthDetail.NONE, "waiting for the first reading");
        try {
            session = driver.open(state.device(), this);
        } catch (DriverException | RuntimeException e) {
            HealthDetail detail = e instanceof DriverException de ? de.healthDetail() : HealthDetail.DRIVER_ERROR;
            state.platformStatus(
                    HealthStatus.OFFLINE,
                    detail,
                    "driver '" + driver.id() + "' could not open the device: " + e.getMessage());
            LOG.error(
                    "Driver '{}' could not open device {}",
                    driver.id(),
                    state.device().id(),
                    e);
            return;
        }
        if (session.acquisition() == Acquisition.POLLED && !polledPoints.isEmpty()) {
            schedulePoll(Instant.now().plus(phase()));
        }
    }

    /** Stops polling and closes the session; values go STALE with the given reason. */
    void detach(String why) {
        detached = true;
        synchronized (this) {
            if (nextPoll != null) {
                nextPoll.cancel(false);
            }
        }
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.warn(
                        "Driver '{}' failed to close device {}",
                        driver.id(),
                        state.device().id(),
                        e);
            }
        }
        state.markStale(why);
    }

    boolean open() {
        return session != null && !detached;
    }

    // ---- polling ----

    private synchronized void schedulePoll(Instant due) {
        if (detached) {
            return;
        }
        long delay = Math.max(0, Duration.between(Instant.now(), due).toNanos());
        nextPoll = timer.schedule(() -> poll(due), delay, TimeUnit.NANOSECONDS);
    }

    private void poll(Instant due) {
        if (detached) {
            return;
        }
        Instant start = Instant.now();
        if (!lane.idle()) {
            // The last read (or a command) is still running: skip this slot rather than queue reads up.
            statistics.recordOverrun();
            schedulePoll(nextSlot(due, start));
            return;
        }
        statistics.recordStart(Duration.between(due, start));
        Duration timeout = settings.ioTimeout();
        read(polledPoints, timeout).whenComplete((values, error) -> {
            if (detached) {
                return;
            }
            if (error == null) {
                statistics.recordSuccess();
                state.recordValues(complete(values));
                schedulePoll(nextSlot(due, Instant.now()));
            } else {
                statistics.recordFailure();
                DriverException failure = asDriverException(error);
                state.recordReadFailure(polledPoints, failure);
                int failures = state.health().consecutiveErrors();
                schedulePoll(Instant.now().plus(settings.retryDelay(Math.max(1, failures), interval)));
            }
        });
    }

    /**
     * Where in its interval this device is polled: spread by its id, so that devices attached
     * together (at start, after an inventory load) do not all fall due at the same instant.
     */
    private Duration phase() {
        double fraction = (state.device().id().hashCode() & 0x7fffffff) % 1000 / 1000.0;
        return Duration.ofNanos((long) (interval.toNanos() * fraction));
    }

    /** The first slot of the fixed-rate schedule after {@code now}: a late poll does not shift the others. */
    private Instant nextSlot(Instant due, Instant now) {
        Instant next = due.plus(interval);
        if (next.isBefore(now)) {
            long missed = Duration.between(next, now).toNanos() / interval.toNanos() + 1;
            next = next.plus(interval.multipliedBy(missed));
        }
        return next;
    }

    /** One value per polled point: a point the driver left out is BAD, never invented. */
    private List<Value> complete(List<Value> values) {
        Map<String, Value> byPoint = values == null
                ? Map.of()
                : values.stream().collect(Collectors.toMap(Value::point, Function.identity(), (a, b) -> b));
        List<Value> result = new ArrayList<>(polledPoints.size());
        Instant now = Instant.now();
        for (Point p : polledPoints) {
            Value v = byPoint.get(p.name());
            result.add(v != null ? v : Value.bad(p.name(), QualityReason.COMM_ERROR, "driver returned no value", now));
        }
        return result;
    }

    static DriverException asDriverException(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof DriverException de) {
            return de;
        }
        return new DriverException(QualityReason.COMM_ERROR, "driver failed: " + cause, cause);
    }

    // ---- what the driver reports ----

    @Override
    public void values(List<Value> values) {
        if (!detached) {
            state.recordValues(values);
        }
    }

    @Override
    public void health(HealthStatus status, HealthDetail detail, String message) {
        if (detached) {
            return;
        }
        if (status == HealthStatus.DRIVER_MISSING || status == HealthStatus.UNKNOWN) {
            LOG.warn(
                    "Driver '{}' reported health {} for device {}; only the platform sets that",
                    driver.id(),
                    status,
                    state.device().id());
            return;
        }
        state.reported(status, detail, message);
    }

    @Override
    public void alarm(String type, AlarmSeverity severity, boolean active, String message) {
        if (!detached) {
            state.alarm(type, severity, active, message);
        }
    }

    /** Reads points on this device's lane, asynchronously when the driver can. */
    CompletableFuture<List<Value>> read(List<Point> points, Duration timeout) {
        String what = "read of " + points.size() + " point" + (points.size() == 1 ? "" : "s");
        DriverSession s = session;
        if (!open()) {
            return notOpen();
        }
        // A call may wait in the lane while the driver leaves: it is checked again when it runs, so that a
        // detached session is never called.
        return s instanceof AsyncDriverSession async
                ? lane.submitAsync(what, timeout, () -> open() ? async.readAsync(points, timeout) : notOpen())
                : lane.submit(what, timeout, () -> {
                    requireOpen();
                    return s.read(points, timeout);
                });
    }

    /** Writes a point on this device's lane, asynchronously when the driver can. */
    CompletableFuture<Void> write(Point point, Object value, Duration timeout) {
        String what = "write of " + point.name() + " = " + value;
        DriverSession s = session;
        if (!open()) {
            return notOpen();
        }
        return s instanceof AsyncDriverSession async
                ? lane.submitAsync(what, timeout, () -> open() ? async.writeAsync(point, value, timeout) : notOpen())
                : lane.submit(what, timeout, () -> {
                    requireOpen();
                    s.write(point, value, timeout);
                    return null;
                });
    }

    private <T> CompletableFuture<T> notOpen() {
        return CompletableFuture.failedFuture(notOpenException());
    }

    private void requireOpen() throws DriverException {
        if (!open()) {
            throw notOpenException();
        }
    }

    private DriverException notOpenException() {
        return new DriverException(
                QualityReason.COMM_ERROR,
                "device " + state.device().id() + " has no open session with driver '" + driver.id() + "'");
    }
}
