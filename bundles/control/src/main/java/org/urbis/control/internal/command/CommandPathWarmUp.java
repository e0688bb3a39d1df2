package org.urbis.control.internal.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.command.Interlock;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.event.Alarm;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceIO;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.runtime.WarmUp;
import org.urbis.api.value.Value;
import org.urbis.control.internal.audit.AuditLog;

/**
 * Group commands to stand-in devices through a pipeline of their own, run once at activation, so
 * that the city's first command does not meet a cold JIT: on a small machine its compiling more than
 * doubled the first group command's time. Nothing reaches a device (the stand-ins live in memory) and
 * nothing reaches the city's audit log (a throwaway log in a temporary folder, deleted afterwards).
 */
public final class CommandPathWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(CommandPathWarmUp.class);

    /**
     * Stand-ins per command, and commands: at least enough for the JIT to start compiling the per-device path, then
     * more while it is still compiling ({@link WarmUp}), up to a bound.
     */
    static final int DEVICES = 2_000;

    static final int COMMANDS = 8;
    static final int MAX_COMMANDS = 16;
    private static final long REHEARSAL_SEGMENT_BYTES = 256 * 1024;
    /**
     * Records per audit batch in the rehearsal: with the city's 64, its batches were too few for the JIT to compile
     * the batch method fully (only its loop, on the spot), which the city's first command then paid for.
     */
    private static final int REHEARSAL_BATCH = 4;

    private static final String ISSUER = "warm-up";
    private static final String GROUP = "warm-up=stand-in";

    private CommandPathWarmUp() {}

    /**
     * Starts the warm-up on a thread of its own (it waits for each command), the per-device work on a small pool of
     * its own: a city's command sent while it runs never queues behind stand-in work. Completes with the number of
     * stand-in device commands confirmed, or exceptionally when the warm-up itself failed.
     *
     * @param interlocks the city's own interlocks, as its pipeline is given them: the stand-ins (street lights) pass
     *                   by the other classes' interlocks as the city's luminaires do, so the JIT compiles the
     *                   interlock checks as the city's commands take them
     */
    public static CompletionStage<Integer> start(ControlSettings settings, Supplier<List<Interlock>> interlocks) {
        return WarmUp.inBackground(
                "urbis-command-warm-up", () -> rehearse(settings, interlocks, DEVICES, COMMANDS, MAX_COMMANDS));
    }

    private static int rehearse(
            ControlSettings settings,
            Supplier<List<Interlock>> interlocks,
            int devices,
            int minCommands,
            int maxCommands) {
        // The JIT compiles the same code whichever pool runs it; two threads keep the rehearsal's hand-offs real.
        ExecutorService work = Executors.newFixedThreadPool(2, PlatformThreads.numbered("urbis-command-warm-up"));
        try {
            return rehearse(
                    settings,
                    interlocks,
                    work,
                    devices,
                    minCommands,
                    maxCommands,
                    Files.createTempDirectory("urbis-warm-up"));
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary folder for the command path warm-up", e);
        } finally {
            work.shutdownNow();
        }
    }

    /** Runs the commands with a throwaway audit log in {@code folder}, which is deleted afterwards. */
    static int rehearse(
            ControlSettings settings,
            Supplier<List<Interlock>> interlocks,
            Executor executor,
            int devices,
            int minCommands,
            int maxCommands,
            Path folder) {
        // Small segments, so that the rehearsal starts new ones as the city's log does now and then: the compiled
        // writer has then seen that happen, rather than being thrown away when the city's log first does it. Small
        // batches, so that the batch method is compiled whole here (REHEARSAL_BATCH).
        try (AuditLog audit = new AuditLog(
                        folder.resolve("audit.log"), Clock.systemUTC(), REHEARSAL_SEGMENT_BYTES, REHEARSAL_BATCH);
                StandIns first = new StandIns(devices);
                StandIns second = new OtherStandIns(devices);
                StandIns third = new ThirdStandIns(devices)) {
            // Rates and the issuer's roles of its own: the warm-up is never limited by, nor counts against, the city's.
            ControlSettings own = new ControlSettings(
                    Set.of(ISSUER),
                    Map.of(ISSUER, Set.of(ISSUER)),
                    settings.dedupWindow(),
                    maxCommands + 1,
                    settings.maxExpiry(),
                    settings.selectTimeout(),
                    1e9,
                    Integer.MAX_VALUE,
                    1e9,
                    Integer.MAX_VALUE,
                    settings.ioTimeout(),
                    settings.confirmTimeout(),
                    settings.confirmInterval(),
                    settings.groupParallelism(),
                    Map.of());
            // Three kinds of stand-ins, a pipeline for each, taken in turn: the JIT then compiles the pipeline's calls
            // into the device runtime as calls to any kind, instead of betting on the stand-ins' one kind, a bet the
            // city's first command would undo (and the compiled code with it).
            List<CommandPipeline> pipelines = Stream.of(first, second, third)
                    .map(s -> new CommandPipeline(s, s, interlocks, audit, own, Clock.systemUTC(), executor))
                    .toList();
            AtomicInteger sent = new AtomicInteger();
            return WarmUp.untilCompiled(minCommands, maxCommands, () -> {
                int i = sent.getAndIncrement();
                Command c = new Command(
                        "warm-up-" + i,
                        Command.GROUP_PREFIX + GROUP,
                        StandIns.POINT,
                        10.0 + i,
                        ISSUER,
                        "warm-up",
                        Instant.now().plus(Duration.ofMinutes(1)),
                        Command.Operation.DIRECT);
                CommandResult r = pipelines
                        .get(i % pipelines.size())
                        .submit(c)
                        .toCompletableFuture()
                        .join();
                return r.counts().getOrDefault(CommandState.CONFIRMED, 0);
            });
        } catch (IOException e) {
            throw new UncheckedIOException("the command path warm-up could not use its audit log", e);
        } finally {
            delete(folder);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debug("Could not delete the warm-up folder {}: {}", folder, e.toString());
        }
    }

    /** Devices in memory that take any value at once and read it back. */
    private static class StandIns implements DeviceRegistry, DeviceIO, AutoCloseable {

        static final String POINT = "dim";
        /** A few points, as a real device has: the JIT then learns the lists a real device's points come in. */
        private static final List<Point> POINTS = List.of(
                Point.builder("switch", DataType.BOOLEAN)
                        .access(Access.READ_WRITE)
                        .address("switch")
                        .build(),
                Point.builder(POINT, DataType.FLOAT)
                        .unit("%")
                        .access(Access.READ_WRITE)
                        .limits(0.0, 100.0)
                        .address(POINT)
                        .build(),
                Point.builder("power", DataType.FLOAT)
                        .unit("W")
                        .address("power")
                        .build());

        private final Map<String, DeviceSnapshot> snapshots = new LinkedHashMap<>();
        private final Map<String, Object> written = new ConcurrentHashMap<>();
        private final ExecutorService answers =
                Executors.newSingleThreadExecutor(PlatformThreads.named("urbis-command-warm-up-answers"));

        StandIns(int n) {
            Instant now = Instant.now();
            for (int i = 0; i < n; i++) {
                String id = "stand-in-" + i;
                Device d = new Device(
                        id,
                        new DeviceClass("standin"),
                        "none",
                        "memory",
                        null,
                        Map.of("warm-up", "stand-in"),
                        POINTS,
                        null,
                        Map.of());
                snapshots.put(
                        id,
                        new DeviceSnapshot(
                                d,
                                new DeviceHealth(id, HealthStatus.ONLINE, HealthDetail.NONE, "", now, now, 0, 0),
                                // every point last read, as a real device has: the JIT learns the maps and the
                                // checks a city's devices meet; half of them read after any command sent, as a
                                // device reporting its new level is
                                lastRead(i % 2 == 0 ? now : now.plus(Duration.ofDays(1)))));
            }
        }

        private static Map<String, Value> lastRead(Instant at) {
            return Map.of(
                    "switch",
                    Value.good("switch", true, at),
                    POINT,
                    Value.good(POINT, 0.0, at),
                    "power",
                    Value.good("power", 40.0, at));
        }

        @Override
        public Collection<String> deviceIds() {
            return snapshots.keySet();
        }

        @Override
        public Optional<DeviceSnapshot> snapshot(String deviceId) {
            return Optional.ofNullable(snapshots.get(deviceId));
        }

        @Override
        public List<DeviceSnapshot> find(DeviceQuery query) {
            return new ArrayList<>(snapshots.values());
        }

        @Override
        public List<Alarm> activeAlarms() {
            return List.of();
        }

        @Override
        public Optional<Alarm> acknowledge(String deviceId, String type, String actor) {
            return Optional.empty();
        }

        /**
         * Taken on a thread of the stand-ins' own, as a driver's acknowledgement arrives on its message thread: the
         * pipeline then goes on from another thread, as with a real device, and the JIT learns that path.
         */
        @Override
        public CompletionStage<Void> write(String deviceId, String pointName, Object value, Duration timeout) {
            return CompletableFuture.runAsync(() -> written.put(deviceId, value), answers);
        }

        /** Answered at once, as a driver answers a readback from the status that came with the acknowledgement. */
        @Override
        public CompletionStage<List<Value>> read(String deviceId, List<String> pointNames, Duration timeout) {
            List<Value> values = new ArrayList<>(1);
            values.add(Value.good(POINT, written.get(deviceId), Instant.now()));
            return CompletableFuture.completedFuture(values);
        }

        @Override
        public void close() {
            answers.shutdownNow();
        }
    }

    /** The second kind of stand-ins (see {@link #rehearse}). */
    private static final class OtherStandIns extends StandIns {
        OtherStandIns(int n) {
            super(n);
        }
    }

    /** The third kind of stand-ins (see {@link #rehearse}). */
    private static final class ThirdStandIns extends StandIns {
        ThirdStandIns(int n) {
            super(n);
        }
    }
}
