package org.urbis.core.internal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.AsyncDriverSession;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.event.AlarmChanged;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.AlarmState;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.HealthChanged;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceIOException;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.core.internal.event.EventBus;
import org.urbis.testing.Await;

class DeviceManagerTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private final EventBus events = new EventBus();
    private final List<DeviceEvent> received = new CopyOnWriteArrayList<>();
    private DeviceManager manager;

    @BeforeEach
    void subscribe() {
        events.subscribe("test", received::addAll, SubscriptionOptions.lossless());
    }

    @AfterEach
    void stop() {
        if (manager != null) {
            manager.deactivate();
        }
        events.close();
    }

    private DeviceManager manager(int maxConcurrent, Duration timeout) {
        RuntimeSettings settings = new RuntimeSettings(Duration.ofMillis(50), maxConcurrent, timeout,
                Duration.ofMillis(20), Duration.ofMillis(200), 3);
        manager = new DeviceManager(events, settings, Set.of("scripted"));
        return manager;
    }

    private static Device device(String id) {
        return new Device(id, DeviceClass.STREETLIGHT, "scripted", "sim://" + id, null, Map.of("street", "Tran Phu"),
                List.of(Point.builder("power", DataType.FLOAT).unit("W").limits(0.0, 500.0).build(),
                        Point.builder("dim", DataType.FLOAT).unit("%").access(Access.READ_WRITE).limits(0.0, 100.0).build()),
                Duration.ofMillis(50), Map.of());
    }

    private List<Device> devices(int n) {
        List<Device> list = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            list.add(device("SL-" + i));
        }
        return list;
    }

    private HealthStatus status(String id) {
        return manager.snapshot(id).orElseThrow().health().status();
    }

    private DeviceSnapshot snapshot(String id) {
        return manager.snapshot(id).orElseThrow();
    }

    @Test
    void devicesWithoutTheirDriverAreDriverMissingAndComeBackWhenItArrives() {
        manager(4, Duration.ofSeconds(2));
        manager.apply(devices(3));
        assertEquals(HealthStatus.DRIVER_MISSING, status("SL-1"));

        ScriptedDriver driver = new ScriptedDriver("scripted");
        manager.addDriver(driver);
        Await.until("all ONLINE", DEADLINE, () -> manager.deviceIds().stream().allMatch(id -> status(id) == HealthStatus.ONLINE));
        Value power = snapshot("SL-2").values().get("power");
        assertEquals(Quality.GOOD, power.quality());

        manager.removeDriver(driver);
        for (String id : manager.deviceIds()) {
            DeviceSnapshot s = snapshot(id);
            assertEquals(HealthStatus.DRIVER_MISSING, s.health().status());
            Value stale = s.values().get("power");
            assertEquals(Quality.UNCERTAIN, stale.quality());
            assertEquals(QualityReason.STALE, stale.reason());
            assertTrue(stale.hasValue(), "the last value is kept, only marked STALE");
        }
        assertEquals(3, driver.closed.get(), "every session closed");
        int readsAfterRemoval = driver.reads("SL-1");

        ScriptedDriver again = new ScriptedDriver("scripted");
        manager.addDriver(again);
        Await.until("all ONLINE again", DEADLINE, () -> manager.deviceIds().stream().allMatch(id -> status(id) == HealthStatus.ONLINE
                && snapshot(id).values().get("power").quality() == Quality.GOOD));
        assertEquals(readsAfterRemoval, driver.reads("SL-1"), "the removed driver is never called again");
    }

    @Test
    void writesToDevicesWithoutDriverAreRefusedWithThatReason() {
        manager(2, Duration.ofSeconds(2));
        manager.apply(devices(1));
        DeviceIOException e = failure(() -> manager.write("SL-1", "dim", 50, Duration.ofSeconds(1)).toCompletableFuture().join());
        assertEquals(DeviceIOException.Reason.DRIVER_MISSING, e.reason());
    }

    @Test
    void aHangingDeviceDoesNotDelayTheOthersEvenWithOneWorker() throws Exception {
        manager(1, Duration.ofMillis(300));
        CountDownLatch release = new CountDownLatch(1);
        ScriptedDriver driver = new ScriptedDriver("scripted")
                .behave("SL-1", (d, p, n) -> {
                    // Ignores interrupts, like a driver stuck in a native call.
                    while (true) {
                        try {
                            if (release.await(1, TimeUnit.DAYS)) {
                                return ScriptedDriver.COUNTER.read(d, p, n);
                            }
                        } catch (InterruptedException ignored) {
                            // keep hanging
                        }
                    }
                })
                .behave("SL-2", (d, p, n) -> {
                    throw new IllegalStateException("driver bug");
                });
        manager.apply(devices(5));
        manager.addDriver(driver);

        Await.until("healthy devices polled 20 times each while SL-1 hangs", DEADLINE,
                () -> List.of("SL-3", "SL-4", "SL-5").stream().allMatch(id -> driver.reads(id) >= 20),
                () -> "reads: " + List.of(1, 2, 3, 4, 5).stream().map(i -> driver.reads("SL-" + i)).toList());
        assertEquals(1, driver.reads("SL-1"), "a hanging device is not called again while its call hangs");
        assertEquals(HealthStatus.OFFLINE, status("SL-1"));
        assertEquals(HealthDetail.TIMEOUT, snapshot("SL-1").health().detail());
        assertEquals(QualityReason.TIMEOUT, snapshot("SL-1").values().get("power").reason());
        assertEquals(HealthStatus.OFFLINE, status("SL-2"));
        assertTrue(snapshot("SL-2").health().message().contains("driver bug"), snapshot("SL-2").health().message());
        assertTrue(List.of("SL-3", "SL-4", "SL-5").stream().allMatch(id -> status(id) == HealthStatus.ONLINE));

        release.countDown();
        Await.until("SL-1 recovers once its call returns", DEADLINE, () -> status("SL-1") == HealthStatus.ONLINE);
    }

    @Test
    void healthGoesDegradedThenOfflineAndRecovers() {
        manager(2, Duration.ofSeconds(2));
        List<Boolean> failing = new CopyOnWriteArrayList<>(List.of(false));
        ScriptedDriver driver = new ScriptedDriver("scripted").behave("SL-1", (d, p, n) -> {
            if (failing.get(0)) {
                throw new DriverException(QualityReason.COMM_ERROR, "connection refused");
            }
            return ScriptedDriver.COUNTER.read(d, p, n);
        });
        manager.apply(devices(1));
        manager.addDriver(driver);
        Await.until("ONLINE", DEADLINE, () -> status("SL-1") == HealthStatus.ONLINE);

        failing.set(0, true);
        Await.until("OFFLINE", DEADLINE, () -> status("SL-1") == HealthStatus.OFFLINE);
        failing.set(0, false);
        Await.until("ONLINE again", DEADLINE, () -> status("SL-1") == HealthStatus.ONLINE);

        List<HealthStatus> transitions = received.stream().filter(e -> e instanceof HealthChanged)
                .map(e -> ((HealthChanged) e).health().status()).distinct().toList();
        assertEquals(List.of(HealthStatus.DRIVER_MISSING, HealthStatus.UNKNOWN, HealthStatus.ONLINE, HealthStatus.DEGRADED,
                HealthStatus.OFFLINE), transitions.subList(0, 5), "events: " + transitions);
        HealthChanged degraded = received.stream().filter(e -> e instanceof HealthChanged h && h.health().status() == HealthStatus.DEGRADED)
                .map(HealthChanged.class::cast).findFirst().orElseThrow();
        assertEquals(HealthDetail.COMMUNICATION_ERROR, degraded.health().detail());
        assertTrue(degraded.health().message().contains("connection refused"), degraded.health().message());
        assertTrue(snapshot("SL-1").health().errorCount() >= 3);
    }

    @Test
    void valuesAreCheckedAgainstTheirPoint() {
        manager(2, Duration.ofSeconds(2));
        ScriptedDriver driver = new ScriptedDriver("scripted").behave("SL-1", (d, p, n) -> List.of(
                Value.good("power", 900.0, Instant.now()),
                Value.good("dim", "bright", Instant.now())));
        manager.apply(devices(1));
        manager.addDriver(driver);
        Await.until("values", DEADLINE, () -> snapshot("SL-1").values().size() == 2);
        Value power = snapshot("SL-1").values().get("power");
        assertEquals(Quality.UNCERTAIN, power.quality());
        assertEquals(QualityReason.OUT_OF_RANGE, power.reason());
        assertEquals(900.0, power.value());
        Value dim = snapshot("SL-1").values().get("dim");
        assertEquals(QualityReason.TYPE_MISMATCH, dim.reason());
        assertEquals(HealthStatus.DEGRADED, status("SL-1"));
        assertEquals(HealthDetail.PARTIAL_READ, snapshot("SL-1").health().detail());
    }

    @Test
    void writesAreCheckedBeforeTheyReachTheDriver() {
        manager(2, Duration.ofSeconds(2));
        ScriptedDriver driver = new ScriptedDriver("scripted");
        manager.apply(devices(1));
        manager.addDriver(driver);

        assertEquals(DeviceIOException.Reason.INVALID_VALUE,
                failure(() -> manager.write("SL-1", "dim", 150, Duration.ofSeconds(1)).toCompletableFuture().join()).reason());
        assertEquals(DeviceIOException.Reason.INVALID_VALUE,
                failure(() -> manager.write("SL-1", "dim", "half", Duration.ofSeconds(1)).toCompletableFuture().join()).reason());
        assertEquals(DeviceIOException.Reason.NOT_ACCESSIBLE,
                failure(() -> manager.write("SL-1", "power", 10, Duration.ofSeconds(1)).toCompletableFuture().join()).reason());
        assertEquals(DeviceIOException.Reason.UNKNOWN_POINT,
                failure(() -> manager.write("SL-1", "colour", 10, Duration.ofSeconds(1)).toCompletableFuture().join()).reason());
        assertEquals(DeviceIOException.Reason.UNKNOWN_DEVICE,
                failure(() -> manager.write("SL-9", "dim", 10, Duration.ofSeconds(1)).toCompletableFuture().join()).reason());
        assertTrue(driver.writes.isEmpty(), "nothing unsafe reached the driver: " + driver.writes);

        manager.write("SL-1", "dim", 40, Duration.ofSeconds(1)).toCompletableFuture().join();
        assertEquals(List.of("SL-1/dim=40.0"), driver.writes);
    }

    @Test
    void aRefusedWriteLeavesTheDeviceHealthyButAnUnreachableOneDoesNot() {
        manager(2, Duration.ofSeconds(2));
        ScriptedDriver driver = new ScriptedDriver("scripted");
        manager.apply(devices(1));
        manager.addDriver(driver);
        Await.until("ONLINE", DEADLINE, () -> status("SL-1") == HealthStatus.ONLINE);

        // Polls keep running meanwhile, so the error counter, which only failures move, is what to compare.
        long errors = snapshot("SL-1").health().errorCount();
        driver.writeFailure = new DriverException(QualityReason.DEVICE_ERROR, "exception code 3 (illegal data value)");
        DeviceIOException refused = failure(() -> manager.write("SL-1", "dim", 40, Duration.ofSeconds(1)).toCompletableFuture().join());
        assertEquals(DeviceIOException.Reason.DRIVER_ERROR, refused.reason());
        assertTrue(refused.getMessage().contains("illegal data value"), refused.getMessage());
        assertEquals(errors, snapshot("SL-1").health().errorCount(), "the device answered; it is not less healthy");

        driver.writeFailure = new DriverException(QualityReason.COMM_ERROR, "connection reset");
        failure(() -> manager.write("SL-1", "dim", 40, Duration.ofSeconds(1)).toCompletableFuture().join());
        assertEquals(errors + 1, snapshot("SL-1").health().errorCount());
        Await.until("a health event naming the communication error", DEADLINE, () -> received.stream().anyMatch(e -> e instanceof HealthChanged h
                && h.health().detail() == HealthDetail.COMMUNICATION_ERROR && h.health().message().contains("connection reset")));
    }

    /** A driver whose writes wait for the test to acknowledge them: {@code acks} gets "device=value" and the ack. */
    private static DeviceDriver acknowledgingDriver(Map<String, CompletableFuture<Void>> acks) {
        return new DeviceDriver() {
            @Override
            public String id() {
                return "scripted";
            }

            @Override
            public Set<DeviceClass> deviceClasses() {
                return Set.of(DeviceClass.STREETLIGHT);
            }

            @Override
            public DriverSession open(Device device, DeviceCallback callback) {
                return new AsyncDriverSession() {
                    @Override
                    public Acquisition acquisition() {
                        return Acquisition.PUSHED;
                    }

                    @Override
                    public CompletionStage<List<Value>> readAsync(List<Point> points, Duration timeout) {
                        return CompletableFuture.completedFuture(List.of());
                    }

                    @Override
                    public CompletionStage<Void> writeAsync(Point point, Object value, Duration timeout) {
                        CompletableFuture<Void> ack = new CompletableFuture<>();
                        acks.put(device.id() + "=" + value, ack);
                        return ack;
                    }

                    @Override
                    public void close() {
                    }
                };
            }
        };
    }

    @Test
    void asynchronousWritesHoldNoWorkerAndTimeOutWithoutBlockingTheDevice() {
        manager(1, Duration.ofMillis(300));
        Map<String, CompletableFuture<Void>> acks = new ConcurrentHashMap<>();
        DeviceDriver driver = acknowledgingDriver(acks);
        manager.apply(devices(50));
        manager.addDriver(driver);

        // One worker, fifty devices waiting on their acknowledgements at once.
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            writes.add(manager.write("SL-" + i, "dim", 40, Duration.ofSeconds(20)).toCompletableFuture());
        }
        Await.until("every write started", DEADLINE, () -> acks.size() == 50);
        acks.values().forEach(ack -> ack.complete(null));
        writes.forEach(CompletableFuture::join);

        // An acknowledgement that never comes times out and frees the device for the next write.
        DeviceIOException e = failure(() -> manager.write("SL-1", "dim", 10, Duration.ofMillis(200)).toCompletableFuture().join());
        assertEquals(DeviceIOException.Reason.TIMEOUT, e.reason());
        CompletableFuture<Void> next = manager.write("SL-1", "dim", 20, Duration.ofSeconds(20)).toCompletableFuture();
        Await.until("the next write reached the driver", DEADLINE, () -> acks.containsKey("SL-1=20.0"));
        acks.get("SL-1=20.0").complete(null);
        next.join();
    }

    @Test
    void anAsynchronousCallToAnIdleDeviceStartsAtOnceAndTheNextWaitsForIt() {
        manager(1, Duration.ofSeconds(20));
        Map<String, CompletableFuture<Void>> acks = new ConcurrentHashMap<>();
        manager.apply(devices(2));
        manager.addDriver(acknowledgingDriver(acks));

        // Started on the caller's thread: no hand-off to a worker before the driver has it.
        CompletableFuture<Void> first = manager.write("SL-1", "dim", 10, Duration.ofSeconds(20)).toCompletableFuture();
        assertTrue(acks.containsKey("SL-1=10.0"), "the driver has the write when write() returns");
        // One call at a time per device: the second waits in the lane until the first is acknowledged.
        CompletableFuture<Void> second = manager.write("SL-1", "dim", 20, Duration.ofSeconds(20)).toCompletableFuture();
        assertFalse(acks.containsKey("SL-1=20.0"));
        acks.get("SL-1=10.0").complete(null);
        first.join();
        Await.until("the second write reached the driver", DEADLINE, () -> acks.containsKey("SL-1=20.0"));
        acks.get("SL-1=20.0").complete(null);
        second.join();
    }

    @Test
    void platformAlarmsAreListedAcknowledgedClearedAndStreamed() {
        manager(1, Duration.ofSeconds(1));
        manager.raise("telemetry", "STORE_FULL", AlarmSeverity.MAJOR, "buffer 100 % full");
        manager.raise("telemetry", "STORE_FULL", AlarmSeverity.MAJOR, "buffer 100 % full");
        assertEquals(1, manager.activeAlarms().size(), "raising an active alarm again changes nothing");
        assertEquals(AlarmState.ACKNOWLEDGED, manager.acknowledge("telemetry", "STORE_FULL", "maintenance").orElseThrow().state());
        manager.clear("telemetry", "STORE_FULL", "buffer drained");
        assertEquals(List.of(), manager.activeAlarms());
        Await.until("raised, acknowledged and cleared as events", DEADLINE, () -> received.stream()
                .filter(e -> e instanceof AlarmChanged a && a.alarm().type().equals("STORE_FULL"))
                .map(e -> ((AlarmChanged) e).alarm().state()).toList()
                .equals(List.of(AlarmState.RAISED, AlarmState.ACKNOWLEDGED, AlarmState.CLEARED)));
    }

    @Test
    void anInventoryChangeTouchesOnlyTheDevicesThatChanged() {
        manager(2, Duration.ofSeconds(2));
        ScriptedDriver driver = new ScriptedDriver("scripted");
        manager.addDriver(driver);
        assertArrayEquals(new int[] {3, 0, 0}, manager.apply(devices(3)));
        Await.until("ONLINE", DEADLINE, () -> status("SL-3") == HealthStatus.ONLINE);

        List<Device> next = new ArrayList<>(devices(2));
        Device moved = device("SL-2");
        next.set(1, new Device("SL-2", moved.deviceClass(), moved.driver(), "sim://elsewhere", null, moved.tags(),
                moved.points(), moved.pollInterval(), moved.options()));
        next.add(device("SL-4"));
        assertArrayEquals(new int[] {1, 1, 1}, manager.apply(next));
        assertEquals(2, driver.closed.get(), "SL-2 re-attached and SL-3 detached; SL-1 untouched");
        assertEquals(Set.of("SL-1", "SL-2", "SL-4"), Set.copyOf(manager.deviceIds()));
    }

    private static DeviceIOException failure(Runnable call) {
        CompletionException e = assertThrows(CompletionException.class, call::run);
        assertTrue(e.getCause() instanceof DeviceIOException, "cause: " + e.getCause());
        return (DeviceIOException) e.getCause();
    }
}
