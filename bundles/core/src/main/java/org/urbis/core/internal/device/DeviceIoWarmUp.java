package org.urbis.core.internal.device;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.AsyncDriverSession;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.runtime.WarmUp;
import org.urbis.api.value.Value;
import org.urbis.core.internal.alarm.PlatformAlarmRegistry;
import org.urbis.core.internal.event.EventBus;

/**
 * Writes and reads back stand-in devices through a device runtime of their own, run once at
 * activation, so that the city's first command meets a warm JIT in the device I/O path (the device's
 * lane, its deadline, the checks against its points, its values recorded) as the command pipeline's
 * own warm-up does for the pipeline. The stand-ins' driver answers asynchronously on a thread of its
 * own, as a pushed protocol's driver does. Nothing reaches a device or the city's event stream: the
 * stand-ins, their driver and their events live in memory and are dropped afterwards.
 */
public final class DeviceIoWarmUp {

    /**
     * Stand-ins, and rounds of a write and a readback each: at least enough for the JIT to start compiling the
     * per-device path, then more while it is still compiling ({@link WarmUp}), up to a bound.
     */
    static final int DEVICES = 2_000;

    static final int ROUNDS = 8;
    static final int MAX_ROUNDS = 16;
    private static final String POINT = "level";

    private DeviceIoWarmUp() {}

    /**
     * Starts the warm-up on a thread of its own; completes with the number of readbacks that showed
     * their write, or exceptionally when the warm-up itself failed.
     */
    public static CompletionStage<Integer> start(CoreSettings settings) {
        return WarmUp.inBackground("urbis-device-io-warm-up", () -> rehearse(settings, DEVICES, ROUNDS, MAX_ROUNDS));
    }

    /** Writes each stand-in a new level and reads it back, round after round; returns the readbacks that matched. */
    static int rehearse(CoreSettings settings, int devices, int minRounds, int maxRounds) {
        EventBus events = new EventBus();
        DeviceMembership membership =
                new DeviceMembership(events, new PlatformAlarmRegistry(events), settings, Set.of());
        StandInDriver driver = new StandInDriver();
        try {
            membership.addDriver(driver);
            List<Device> standIns = new ArrayList<>(devices);
            for (int i = 0; i < devices; i++) {
                standIns.add(standIn("stand-in-" + i));
            }
            membership.apply(standIns);
            DeviceIoService io = new DeviceIoService(membership);
            AtomicInteger rounds = new AtomicInteger();
            return WarmUp.untilCompiled(minRounds, maxRounds, () -> {
                double level = 10.0 + rounds.getAndIncrement() % 80;
                List<CompletableFuture<Boolean>> shown = new ArrayList<>(devices);
                for (Device d : standIns) {
                    shown.add(io.write(d.id(), POINT, level, settings.ioTimeout())
                            .thenCompose(ok -> io.read(d.id(), List.of(POINT), settings.ioTimeout()))
                            .thenApply(values -> values.get(0) != null
                                    && Double.valueOf(level)
                                            .equals(values.get(0).value()))
                            .toCompletableFuture());
                }
                return (int) shown.stream().filter(CompletableFuture::join).count();
            });
        } finally {
            membership.deactivate();
            driver.close();
            events.close();
        }
    }

    private static Device standIn(String id) {
        return new Device(
                id,
                new DeviceClass("standin"),
                StandInDriver.ID,
                "memory",
                null,
                Map.of(),
                List.of(Point.builder(POINT, DataType.FLOAT)
                        .unit("%")
                        .access(Access.READ_WRITE)
                        .limits(0.0, 100.0)
                        .address(POINT)
                        .build()),
                null,
                Map.of());
    }

    /** Devices in memory that take a value, report it and answer on the driver's one thread, as a pushed protocol's do. */
    private static final class StandInDriver implements DeviceDriver {

        static final String ID = "warm-up-stand-in";
        private int opened; // the device runtime opens sessions under its lock
        private final ExecutorService answers =
                Executors.newSingleThreadExecutor(PlatformThreads.named("urbis-device-io-warm-up-answers"));

        @Override
        public String id() {
            return ID;
        }

        @Override
        public Set<DeviceClass> deviceClasses() {
            return Set.of(new DeviceClass("standin"));
        }

        /**
         * Three kinds of session, taken in turn: the JIT then compiles the core's calls into a session as calls to
         * any kind, instead of betting on the stand-ins' one kind, a bet the city's first command would undo (and the
         * compiled code with it).
         */
        @Override
        public DriverSession open(Device device, DeviceCallback callback) {
            switch (opened++ % 3) {
                case 0:
                    return new StandInSession(callback, answers);
                case 1:
                    return new OtherStandInSession(callback, answers);
                default:
                    return new ThirdStandInSession(callback, answers);
            }
        }

        void close() {
            answers.shutdownNow();
        }
    }

    /** A stand-in device's session: takes a value, reports it and answers on the driver's one thread. */
    private static class StandInSession implements AsyncDriverSession {

        private final DeviceCallback callback;
        private final ExecutorService answers;
        private volatile Object level;

        StandInSession(DeviceCallback callback, ExecutorService answers) {
            this.callback = callback;
            this.answers = answers;
        }

        @Override
        public Acquisition acquisition() {
            return Acquisition.PUSHED;
        }

        @Override
        public CompletionStage<Void> writeAsync(Point point, Object value, Duration timeout) {
            // Taken and reported, as a node's status after a command is.
            return CompletableFuture.runAsync(
                    () -> {
                        level = value;
                        callback.values(List.of(Value.good(point.name(), value, Instant.now())));
                    },
                    answers);
        }

        @Override
        public CompletionStage<List<Value>> readAsync(List<Point> points, Duration timeout) {
            return CompletableFuture.supplyAsync(
                    () -> {
                        Instant now = Instant.now();
                        List<Value> values = new ArrayList<>(points.size());
                        points.forEach(p -> values.add(Value.good(p.name(), level, now)));
                        return values;
                    },
                    answers);
        }

        @Override
        public void close() {}
    }

    /** The second kind of stand-in session (see {@link StandInDriver#open}). */
    private static final class OtherStandInSession extends StandInSession {
        OtherStandInSession(DeviceCallback callback, ExecutorService answers) {
            super(callback, answers);
        }
    }

    /** The third kind of stand-in session (see {@link StandInDriver#open}). */
    private static final class ThirdStandInSession extends StandInSession {
        ThirdStandInSession(DeviceCallback callback, ExecutorService answers) {
            super(callback, answers);
        }
    }
}
