package org.urbis.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.AsyncDriverSession;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.testing.Await;

/**
 * What every driver session must do, whatever its protocol: open without blocking, read every
 * readable point within the deadline, report failures as {@link DriverException}s or BAD values
 * with a quality reason (never another exception), never run past its timeout, and leave no thread
 * behind once closed. A driver's test extends this class and says how to start the driver and
 * which devices to try; polled ({@link DriverSession}) and pushed or asynchronous
 * ({@link AsyncDriverSession}) drivers are checked alike.
 *
 * <p>Every call into the driver runs on a thread of the kit and is waited for with a deadline, so a
 * driver that blocks fails the test instead of hanging it.
 */
public abstract class DriverContractTest {

    private static final Set<QualityReason> FAILURE_REASONS =
            Set.of(QualityReason.COMM_ERROR, QualityReason.TIMEOUT, QualityReason.DEVICE_ERROR);

    private final ExecutorService caller = Executors.newCachedThreadPool(PlatformThreads.named("urbis-testkit-caller"));
    private final List<DriverSession> sessions = new ArrayList<>();
    private Set<Thread> beforeDriver;
    private DeviceDriver driver;
    private BlackHole blackHole;

    /** Starts the driver as its bundle would, with settings suited to the devices below. */
    protected abstract DeviceDriver startDriver() throws Exception;

    /** Stops the driver as its bundle's deactivation would: every thread it started must end. */
    protected abstract void stopDriver(DeviceDriver driver) throws Exception;

    /** A device the driver can reach now, such as one of a simulator the test started. */
    protected abstract Device reachableDevice();

    /** A device that never answers: a {@link BlackHole} for TCP, a topic nobody serves for MQTT. */
    protected abstract Device unresponsiveDevice();

    /** The timeout given to each read and write. */
    protected Duration timeout() {
        return Duration.ofSeconds(2);
    }

    /** How far past its timeout a call may return: scheduling, a last packet in flight. */
    protected Duration grace() {
        return Duration.ofSeconds(1);
    }

    /** How long a reachable device may take to deliver its first values (a pushing device's first report). */
    protected Duration firstValuesWithin() {
        return Duration.ofSeconds(10);
    }

    /**
     * Whether a thread belongs to the JVM, the test framework or the test's own simulators rather
     * than to the driver. Override to add a simulator's threads started after the driver.
     */
    protected boolean ignoredThread(Thread thread) {
        String name = thread.getName();
        return name.startsWith("ForkJoinPool.commonPool")
                || name.startsWith("urbis-testkit")
                || name.equals("process reaper")
                || name.equals("Attach Listener")
                || name.equals("Common-Cleaner")
                // the JDK's one timer behind CompletableFuture.orTimeout and delayedExecutor, started on first use
                || name.equals("CompletableFutureDelayScheduler");
    }

    /** Whether a thread belongs to the j2mod Modbus TCP server a simulator runs: it ends its handlers in its own time, after the driver hung up. */
    protected static boolean modbusSimulatorThread(Thread thread) {
        return thread.getName().startsWith("Modbus TCP Listener");
    }

    /** A TCP port that never answers, for {@link #unresponsiveDevice()}: opened on first use, closed after the test. */
    protected final BlackHole blackHole() {
        if (blackHole == null) {
            blackHole = new BlackHole();
        }
        return blackHole;
    }

    /** A value the contract writes to a point of an unresponsive device, or empty to skip the point. */
    protected Optional<Object> probeValue(Point point) {
        double min = point.limits().min() == null ? 0 : point.limits().min();
        switch (point.type()) {
            case BOOLEAN:
                return Optional.of(Boolean.FALSE);
            case INTEGER:
                return Optional.of((long) Math.ceil(min));
            case FLOAT:
                return Optional.of(min);
            default:
                return Optional.empty();
        }
    }

    /** The driver under test, started on first use. */
    protected final DeviceDriver driver() throws Exception {
        if (driver == null) {
            beforeDriver = liveThreads();
            driver = startDriver();
        }
        return driver;
    }

    @AfterEach
    final void closeEverything() throws Exception {
        sessions.forEach(DriverSession::close);
        if (driver != null) {
            stopDriver(driver);
        }
        if (blackHole != null) {
            blackHole.close();
        }
        caller.shutdownNow();
    }

    @Test
    void validatesAReachableDeviceWithoutProblems() throws Exception {
        DeviceDriver d = driver();
        Device device = reachableDevice();
        assertEquals(List.of(), within(grace(), () -> d.validate(device)).value(), "validate(" + device.id() + ")");
    }

    @Test
    void opensWithoutBlocking() throws Exception {
        open(reachableDevice(), new RecordingCallback());
        open(unresponsiveDevice(), new RecordingCallback());
    }

    /**
     * Whether a pushed device has reported enough for every readable point to be read: by default its
     * first value. A driver whose devices announce themselves with a frame that carries only some points
     * (a sensor's startup frame) waits for more.
     */
    protected boolean firstValuesPushed(RecordingCallback callback, List<Point> readable) {
        return !callback.values().isEmpty();
    }

    @Test
    void readsEveryReadablePointWithinTheDeadline() throws Exception {
        Device device = reachableDevice();
        RecordingCallback callback = new RecordingCallback();
        DriverSession session = open(device, callback);
        List<Point> readable = readable(device);
        assumeFalse(readable.isEmpty(), device.id() + " has no readable point");
        if (session.acquisition() == Acquisition.PUSHED) {
            Await.until(
                    device.id() + " to push its first values",
                    firstValuesWithin(),
                    () -> firstValuesPushed(callback, readable));
            for (Value v : callback.values()) {
                assertTrue(
                        device.point(v.point()).isPresent(),
                        "pushed a value of point '" + v.point() + "', which " + device.id() + " does not have");
            }
        }
        Outcome<List<Value>> read = read(session, readable);
        if (read.failure() != null) {
            fail("reading " + device.id() + " failed: " + read.failure().reason() + " "
                    + read.failure().getMessage());
        }
        assertEquals(
                names(readable),
                read.value().stream().map(Value::point).collect(Collectors.toSet()),
                "one value per requested point");
        assertEquals(readable.size(), read.value().size(), "one value per requested point");
        for (Value v : read.value()) {
            assertTrue(
                    v.hasValue(),
                    device.id() + " is reachable, yet " + v.point() + " is " + v.reason() + " " + v.detail());
        }
    }

    @Test
    void anUnresponsiveDeviceFailsInTimeWithAQualityReason() throws Exception {
        Device device = unresponsiveDevice();
        DriverSession session = open(device, new RecordingCallback());
        List<Point> readable = readable(device);
        if (!readable.isEmpty()) {
            Outcome<List<Value>> read = read(session, readable);
            if (read.failure() != null) {
                assertTrue(
                        FAILURE_REASONS.contains(read.failure().reason()),
                        "a read of an unresponsive device failed with "
                                + read.failure().reason() + "; expected one of " + FAILURE_REASONS);
            } else {
                for (Value v : read.value()) {
                    assertTrue(
                            v.quality() == Quality.BAD && v.reason() != QualityReason.NONE,
                            "the unresponsive " + device.id() + " cannot have given " + v);
                }
            }
        }
        for (Point point : device.points()) {
            Optional<Object> probe = point.access().writable() ? probeValue(point) : Optional.empty();
            if (probe.isPresent()) {
                Outcome<Void> write = write(session, point, probe.get());
                assertTrue(
                        write.failure() != null,
                        "a write of " + point.name() + " to the unresponsive " + device.id()
                                + " cannot have been accepted");
                assertTrue(
                        FAILURE_REASONS.contains(write.failure().reason()),
                        "the write failed with " + write.failure().reason() + "; expected one of " + FAILURE_REASONS);
                break;
            }
        }
    }

    @Test
    void leavesNoThreadBehindOnceClosed() throws Exception {
        DeviceDriver d = driver();
        Set<Thread> withDriver = liveThreads();
        for (Device device : List.of(reachableDevice(), unresponsiveDevice())) {
            DriverSession session = open(device, new RecordingCallback());
            List<Point> readable = readable(device);
            if (!readable.isEmpty()) {
                read(session, readable);
            }
            within(grace(), () -> {
                session.close();
                session.close(); // closing twice is harmless
                return null;
            });
            sessions.remove(session);
        }
        awaitNoThreadsBut(withDriver, "the closed sessions");
        driver = null;
        within(timeout().plus(grace()), () -> {
            stopDriver(d);
            return null;
        });
        awaitNoThreadsBut(beforeDriver, "the stopped driver");
    }

    // ---- calls with a deadline ----

    /** The result of a call into the driver: a value, or the DriverException it reported. */
    protected record Outcome<T>(T value, DriverException failure) {}

    private DriverSession open(Device device, RecordingCallback callback) throws Exception {
        DeviceDriver d = driver();
        Outcome<DriverSession> opened = within(grace(), () -> d.open(device, callback));
        if (opened.failure() != null) {
            fail("open(" + device.id() + ") failed: " + opened.failure().getMessage());
        }
        sessions.add(opened.value());
        return opened.value();
    }

    private Outcome<List<Value>> read(DriverSession session, List<Point> points) {
        Duration deadline = timeout().plus(grace());
        if (session instanceof AsyncDriverSession async) {
            // The stage itself must complete: awaiting it through read() would hide one that never does.
            return completed(deadline, "readAsync", () -> async.readAsync(points, timeout()));
        }
        return within(deadline, () -> session.read(points, timeout()));
    }

    private Outcome<Void> write(DriverSession session, Point point, Object value) {
        Duration deadline = timeout().plus(grace());
        if (session instanceof AsyncDriverSession async) {
            return completed(deadline, "writeAsync", () -> async.writeAsync(point, value, timeout()));
        }
        return within(deadline, () -> {
            session.write(point, value, timeout());
            return null;
        });
    }

    private <T> Outcome<T> completed(Duration deadline, String what, Callable<CompletionStage<T>> call) {
        long start = System.nanoTime();
        Outcome<CompletionStage<T>> stage = within(deadline, call);
        if (stage.failure() != null) {
            fail(what + " threw " + stage.failure() + "; an asynchronous call reports failures through its stage");
        }
        Duration left = deadline.minusNanos(System.nanoTime() - start);
        return within(left.isNegative() ? Duration.ZERO : left, () -> {
            try {
                return stage.value().toCompletableFuture().get();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        });
    }

    private <T> Outcome<T> within(Duration deadline, Callable<T> call) {
        Future<T> future = caller.submit(call);
        try {
            return new Outcome<>(future.get(deadline.toNanos(), TimeUnit.NANOSECONDS), null);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("the driver was still busy after " + deadline.toMillis() + " ms (timeout "
                    + timeout().toMillis() + " ms): it must give up at its timeout");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DriverException de) {
                return new Outcome<>(null, de);
            }
            throw new AssertionError(
                    "the driver threw " + e.getCause() + ": a failure must be a DriverException with "
                            + "a quality reason, or a BAD value",
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    // ---- threads ----

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .collect(Collectors.toSet());
    }

    private List<String> threadsBut(Set<Thread> allowed) {
        return liveThreads().stream()
                .filter(t -> !allowed.contains(t) && !ignoredThread(t))
                .map(Thread::getName)
                .sorted()
                .toList();
    }

    private void awaitNoThreadsBut(Set<Thread> allowed, String what) {
        Await.until(
                "the threads of " + what + " to end",
                timeout().plus(grace()).multipliedBy(2),
                () -> threadsBut(allowed).isEmpty(),
                () -> "; still alive: " + threadsBut(allowed));
    }

    private static List<Point> readable(Device device) {
        return device.points().stream().filter(p -> p.access().readable()).toList();
    }

    private static Set<String> names(List<Point> points) {
        return points.stream().map(Point::name).collect(Collectors.toSet());
    }
}
