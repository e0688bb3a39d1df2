package org.urbis.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.urbis.api.device.Device;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.event.Alarm;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.runtime.DeviceIO;
import org.urbis.api.runtime.DeviceIOException;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Value;
import org.urbis.core.internal.device.CoreSettings;
import org.urbis.core.internal.device.StandaloneDeviceRuntime;
import org.urbis.core.internal.event.EventBus;
import org.urbis.testing.Await;

/**
 * The platform's device runtime outside OSGi, for a driver's component tests: it opens sessions,
 * polls polled devices, combines what the driver reports with what polling observes into health,
 * keeps values and alarms, and reads and writes with timeouts — the same code a site runs, with
 * short intervals. Close it after each test.
 */
public final class DriverRuntime implements AutoCloseable {

    /** How long {@link #await} waits by default. */
    public static final Duration WAIT = Duration.ofSeconds(15);

    private final EventBus events = new EventBus();
    private final StandaloneDeviceRuntime manager;
    private final Duration ioTimeout;

    private DriverRuntime(Builder builder) {
        this.ioTimeout = builder.ioTimeout;
        this.manager = new StandaloneDeviceRuntime(
                events,
                new CoreSettings(
                        builder.pollInterval,
                        builder.maxConcurrent,
                        builder.ioTimeout,
                        builder.retryInitial,
                        builder.maxBackoff,
                        builder.offlineAfterFailures),
                Set.of());
    }

    /** A runtime polling every second, with 3 s I/O timeouts and OFFLINE after 3 failed reads. */
    public static DriverRuntime start() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Attaches a driver: the devices that name it get sessions. */
    public DriverRuntime add(DeviceDriver driver) {
        manager.addDriver(driver);
        return this;
    }

    /** Detaches a driver, as when its bundle leaves: its devices go DRIVER_MISSING. */
    public DriverRuntime remove(DeviceDriver driver) {
        manager.removeDriver(driver);
        return this;
    }

    /** Puts these devices in force, as an inventory load does; devices not listed leave. */
    public DriverRuntime apply(List<Device> devices) {
        manager.apply(devices);
        return this;
    }

    public DriverRuntime apply(Device... devices) {
        return apply(List.of(devices));
    }

    /** The device's health and last values now. */
    public DeviceSnapshot snapshot(String deviceId) {
        return manager.snapshot(deviceId).orElseThrow(() -> new IllegalArgumentException("no device " + deviceId));
    }

    public DeviceHealth health(String deviceId) {
        return snapshot(deviceId).health();
    }

    /** The last value of a point, if one was reported. */
    public Optional<Value> value(String deviceId, String point) {
        return Optional.ofNullable(snapshot(deviceId).values().get(point));
    }

    /** Whether the device has an active (raised or acknowledged) alarm of that type. */
    public boolean alarmActive(String deviceId, String type) {
        return activeAlarms().stream()
                .anyMatch(a -> a.deviceId().equals(deviceId) && a.type().equals(type));
    }

    public List<Alarm> activeAlarms() {
        return manager.activeAlarms();
    }

    /** Writes through the runtime, as a command does, and waits for the device to accept it. */
    public void write(String deviceId, String point, Object value) throws DeviceIOException {
        await(manager.write(deviceId, point, value, ioTimeout));
    }

    /** Reads one point now, outside the poll schedule, as a readback does. */
    public Value read(String deviceId, String point) throws DeviceIOException {
        return await(manager.read(deviceId, List.of(point), ioTimeout)).get(0);
    }

    /** The runtime's devices as the command pipeline sees them, for tests that put commands through it. */
    public DeviceRegistry registry() {
        return manager;
    }

    /** The runtime's device I/O, through which the command pipeline writes and reads back. */
    public DeviceIO io() {
        return manager;
    }

    /** Waits, up to {@link #WAIT}, for a condition, failing the test with {@code what} when it does not come. */
    public void await(String what, BooleanSupplier condition) {
        Await.until(what, WAIT, condition);
    }

    private <T> T await(CompletionStage<T> stage) throws DeviceIOException {
        try {
            // The runtime abandons an overrunning call itself; the extra second only guards the test.
            return stage.toCompletableFuture().get(ioTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeviceIOException io) {
                throw io;
            }
            throw new AssertionError("the runtime failed with something other than a DeviceIOException", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the runtime did not give up after its own timeout of " + ioTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        manager.deactivate();
        events.close();
    }

    /** Settings of a test runtime; each has a default suited to tests. */
    public static final class Builder {
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration ioTimeout = Duration.ofSeconds(3);
        private Duration retryInitial = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(1);
        private int maxConcurrent = 4;
        private int offlineAfterFailures = 3;

        private Builder() {}

        /** Poll interval of devices that set none. */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = interval;
            return this;
        }

        /** Longest one read or write may take. */
        public Builder ioTimeout(Duration timeout) {
            this.ioTimeout = timeout;
            return this;
        }

        /** First and longest delay before a failed read is retried. */
        public Builder retry(Duration initial, Duration max) {
            this.retryInitial = initial;
            this.maxBackoff = max;
            return this;
        }

        public Builder maxConcurrent(int operations) {
            this.maxConcurrent = operations;
            return this;
        }

        public Builder offlineAfterFailures(int failures) {
            this.offlineAfterFailures = failures;
            return this;
        }

        public DriverRuntime build() {
            return new DriverRuntime(this);
        }
    }
}
