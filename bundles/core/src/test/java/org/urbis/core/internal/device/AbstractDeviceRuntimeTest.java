package org.urbis.core.internal.device;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceIOException;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.core.internal.alarm.PlatformAlarmRegistry;
import org.urbis.core.internal.event.EventBus;

/** The device runtime's three services wired as in the platform, over streetlights of the driver "scripted". */
abstract class AbstractDeviceRuntimeTest {

    static final Duration DEADLINE = Duration.ofSeconds(20);

    final EventBus events = new EventBus();
    final List<DeviceEvent> received = new CopyOnWriteArrayList<>();
    PlatformAlarmRegistry alarms;
    DeviceMembership membership;
    DeviceIoService io;

    @BeforeEach
    void subscribe() {
        events.subscribe("test", received::addAll, SubscriptionOptions.lossless());
    }

    @AfterEach
    void stop() {
        if (membership != null) {
            membership.deactivate();
        }
        events.close();
    }

    void start(int maxConcurrent, Duration timeout) {
        CoreSettings settings = new CoreSettings(
                Duration.ofMillis(50), maxConcurrent, timeout, Duration.ofMillis(20), Duration.ofMillis(200), 3);
        alarms = new PlatformAlarmRegistry(events);
        membership = new DeviceMembership(events, alarms, settings, Set.of("scripted"));
        io = new DeviceIoService(membership);
    }

    static Device device(String id) {
        return new Device(
                id,
                DeviceClass.STREETLIGHT,
                "scripted",
                "sim://" + id,
                null,
                Map.of("street", "Tran Phu"),
                List.of(
                        Point.builder("power", DataType.FLOAT)
                                .unit("W")
                                .limits(0.0, 500.0)
                                .build(),
                        Point.builder("dim", DataType.FLOAT)
                                .unit("%")
                                .access(Access.READ_WRITE)
                                .limits(0.0, 100.0)
                                .build()),
                Duration.ofMillis(50),
                Map.of());
    }

    static List<Device> devices(int n) {
        List<Device> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(device("SL-" + i));
        }
        return list;
    }

    HealthStatus status(String id) {
        return membership.snapshot(id).orElseThrow().health().status();
    }

    DeviceSnapshot snapshot(String id) {
        return membership.snapshot(id).orElseThrow();
    }

    static DeviceIOException failure(Runnable call) {
        CompletionException e = assertThrows(CompletionException.class, call::run);
        assertTrue(e.getCause() instanceof DeviceIOException, "cause: " + e.getCause());
        return (DeviceIOException) e.getCause();
    }
}
