package org.urbis.benchmarks.irrigation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthStatus;
import org.urbis.control.internal.audit.AuditLog;
import org.urbis.control.internal.command.CommandPipeline;
import org.urbis.control.internal.command.ControlSettings;
import org.urbis.irrigation.internal.Irrigation;
import org.urbis.testing.FakeDeviceIO;
import org.urbis.testing.FakeRegistry;

/**
 * Simulated irrigation controllers behind the real command pipeline: each takes {@code zone<N>.run} = seconds, notes
 * when and what it was told, and reads it back. Nothing else of a controller matters to the benchmark.
 */
final class Field extends FakeRegistry {

    static final ZoneId PHAN_THIET = ZoneId.of("Asia/Ho_Chi_Minh");

    /** One run a controller was told to make. */
    record Told(String device, String point, long seconds, long atNanos) {}

    final List<Told> told = Collections.synchronizedList(new ArrayList<>());
    private final FakeDeviceIO io = new FakeDeviceIO();

    Field() {
        io.writer = w -> {
            told.add(new Told(w.device(), w.point(), ((Number) w.value()).longValue(), System.nanoTime()));
            return CompletableFuture.completedFuture(null);
        };
    }

    void controller(String id, int zones) {
        List<Point> points = new ArrayList<>();
        for (int z = 1; z <= zones; z++) {
            points.add(Point.builder("zone" + z + ".run", DataType.INTEGER)
                    .access(Access.READ_WRITE)
                    .unit("s")
                    .limits(0.0, 64_800.0)
                    .build());
        }
        put(
                new Device(id, DeviceClass.IRRIGATION, "irrigation", "sim://" + id, null, Map.of(), points, null, null),
                new DeviceHealth(id, HealthStatus.ONLINE, null, "", Instant.EPOCH, Instant.EPOCH, 0, 0),
                Map.of());
    }

    /** A pipeline to these controllers, the scheduler an operator, with its own rate or the default one. */
    CommandPipeline pipeline(Path auditDir, Clock clock, ExecutorService executor, String schedulerRate)
            throws java.io.IOException {
        ControlSettings settings = new ControlSettings(
                Set.of("operator", "admin"),
                Map.of("scheduler", Set.of("operator")),
                Duration.ofHours(24),
                1_000_000,
                Duration.ofHours(24),
                Duration.ofSeconds(30),
                5,
                20,
                1,
                5,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofMillis(100),
                256,
                schedulerRate == null
                        ? Map.of()
                        : ControlSettings.parseIssuerRates(new String[] {"scheduler=" + schedulerRate}));
        return new CommandPipeline(
                this, io, List::of, new AuditLog(auditDir.resolve("audit.log"), clock), settings, clock, executor);
    }

    /** Field conditions: no sensors; the water main of each controller as given. */
    static Irrigation.Conditions conditions(Function<String, String> mains) {
        return new Irrigation.Conditions() {
            @Override
            public String waterMain(String controller) {
                return mains.apply(controller);
            }
        };
    }
}
