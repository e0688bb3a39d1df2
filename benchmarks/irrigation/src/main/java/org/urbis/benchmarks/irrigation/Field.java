package org.urbis.benchmarks.irrigation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.event.Alarm;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceIO;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Value;
import org.urbis.control.internal.audit.AuditLog;
import org.urbis.control.internal.command.CommandPipeline;
import org.urbis.control.internal.command.ControlSettings;
import org.urbis.irrigation.internal.Irrigation;

/**
 * Simulated irrigation controllers behind the real command pipeline: each takes {@code zone<N>.run} = seconds, notes
 * when and what it was told, and reads it back. Nothing else of a controller matters to the benchmark.
 */
final class Field implements DeviceRegistry, DeviceIO {

    /** One run a controller was told to make. */
    record Told(String device, String point, long seconds, long atNanos) {
    }

    private final Map<String, DeviceSnapshot> devices = new ConcurrentHashMap<>();
    private final Map<String, Object> stored = new ConcurrentHashMap<>();
    final List<Told> told = java.util.Collections.synchronizedList(new ArrayList<>());

    void controller(String id, int zones) {
        List<Point> points = new ArrayList<>();
        for (int z = 1; z <= zones; z++) {
            points.add(Point.builder("zone" + z + ".run", DataType.INTEGER).access(Access.READ_WRITE).unit("s").limits(0.0, 64_800.0).build());
        }
        Device d = new Device(id, DeviceClass.IRRIGATION, "irrigation", "sim://" + id, null, Map.of(), points, null, null);
        devices.put(id, new DeviceSnapshot(d, new DeviceHealth(id, HealthStatus.ONLINE, null, "", Instant.EPOCH, Instant.EPOCH, 0, 0),
                Map.of()));
    }

    /** A pipeline to these controllers, the scheduler an operator, with its own rate or the default one. */
    CommandPipeline pipeline(Path auditDir, Clock clock, ExecutorService executor, String schedulerRate) throws java.io.IOException {
        ControlSettings settings = new ControlSettings(Set.of("operator", "admin"), Map.of("scheduler", Set.of("operator")),
                Duration.ofHours(24), 1_000_000, Duration.ofHours(24), Duration.ofSeconds(30), 5, 20, 1, 5, Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofMillis(100), 256,
                schedulerRate == null ? Map.of() : ControlSettings.parseIssuerRates(new String[] {"scheduler=" + schedulerRate}));
        return new CommandPipeline(this, this, List::of, new AuditLog(auditDir.resolve("audit.log"), clock), settings, clock, executor);
    }

    /** Field conditions: no rain sensor, no moisture; the water main of each controller as given. */
    static Irrigation.Conditions conditions(Function<String, String> mains) {
        return new Irrigation.Conditions() {
            @Override
            public Optional<Boolean> rainSensor(String controller) {
                return Optional.empty();
            }

            @Override
            public double controllerRainDelayHours(String controller) {
                return 0;
            }

            @Override
            public OptionalDouble reading(String device, String point) {
                return OptionalDouble.empty();
            }

            @Override
            public String waterMain(String controller) {
                return mains.apply(controller);
            }
        };
    }

    static final ZoneId PHAN_THIET = ZoneId.of("Asia/Ho_Chi_Minh");

    @Override
    public CompletionStage<Void> write(String deviceId, String point, Object value, Duration timeout) {
        told.add(new Told(deviceId, point, ((Number) value).longValue(), System.nanoTime()));
        stored.put(deviceId + "/" + point, value);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<List<Value>> read(String deviceId, List<String> points, Duration timeout) {
        List<Value> out = new ArrayList<>();
        for (String p : points) {
            Object v = stored.get(deviceId + "/" + p);
            if (v != null) {
                out.add(Value.good(p, v, Instant.now()));
            }
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public Collection<String> deviceIds() {
        return devices.keySet();
    }

    @Override
    public Optional<DeviceSnapshot> snapshot(String deviceId) {
        return Optional.ofNullable(devices.get(deviceId));
    }

    @Override
    public List<DeviceSnapshot> find(DeviceQuery query) {
        return List.copyOf(devices.values());
    }

    @Override
    public List<Alarm> activeAlarms() {
        return List.of();
    }

    @Override
    public Optional<Alarm> acknowledge(String deviceId, String type, String actor) {
        return Optional.empty();
    }

    /** A clock the SWAT run moves to each run's start. */
    static final class Settable extends Clock {
        private volatile Instant now;

        Settable(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
