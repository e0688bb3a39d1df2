package org.urbis.core.internal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.AsyncDriverSession;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.event.HealthChanged;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceIOException;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.testing.Await;

class DeviceIoServiceTest extends AbstractDeviceRuntimeTest {

    @Test
    void writesToDevicesWithoutDriverAreRefusedWithThatReason() {
        start(2, Duration.ofSeconds(2));
        membership.apply(devices(1));
        DeviceIOException e = failure(() -> io.write("SL-1", "dim", 50, Duration.ofSeconds(1))
                .toCompletableFuture()
                .join());
        assertEquals(DeviceIOException.Reason.DRIVER_MISSING, e.reason());
    }

    @Test
    void writesAreCheckedBeforeTheyReachTheDriver() {
        start(2, Duration.ofSeconds(2));
        ScriptedDriver driver = new ScriptedDriver("scripted");
        membership.apply(devices(1));
        membership.addDriver(driver);

        assertEquals(
                DeviceIOException.Reason.INVALID_VALUE,
                failure(() -> io.write("SL-1", "dim", 150, Duration.ofSeconds(1))
                                .toCompletableFuture()
                                .join())
                        .reason());
        assertEquals(
                DeviceIOException.Reason.INVALID_VALUE,
                failure(() -> io.write("SL-1", "dim", "half", Duration.ofSeconds(1))
                                .toCompletableFuture()
                                .join())
                        .reason());
        assertEquals(
                DeviceIOException.Reason.NOT_ACCESSIBLE,
                failure(() -> io.write("SL-1", "power", 10, Duration.ofSeconds(1))
                                .toCompletableFuture()
                                .join())
                        .reason());
        assertEquals(
                DeviceIOException.Reason.UNKNOWN_POINT,
                failure(() -> io.write("SL-1", "colour", 10, Duration.ofSeconds(1))
                                .toCompletableFuture()
                                .join())
                        .reason());
        assertEquals(
                DeviceIOException.Reason.UNKNOWN_DEVICE,
                failure(() -> io.write("SL-9", "dim", 10, Duration.ofSeconds(1))
                                .toCompletableFuture()
                                .join())
                        .reason());
        assertTrue(driver.writes.isEmpty(), "nothing unsafe reached the driver: " + driver.writes);

        io.write("SL-1", "dim", 40, Duration.ofSeconds(1)).toCompletableFuture().join();
        assertEquals(List.of("SL-1/dim=40.0"), driver.writes);
    }

    @Test
    void aRefusedWriteLeavesTheDeviceHealthyButAnUnreachableOneDoesNot() {
        start(2, Duration.ofSeconds(2));
        ScriptedDriver driver = new ScriptedDriver("scripted");
        membership.apply(devices(1));
        membership.addDriver(driver);
        Await.until("ONLINE", DEADLINE, () -> status("SL-1") == HealthStatus.ONLINE);

        // Polls keep running meanwhile, so the error counter, which only failures move, is what to compare.
        long errors = snapshot("SL-1").health().errorCount();
        driver.writeFailure = new DriverException(QualityReason.DEVICE_ERROR, "exception code 3 (illegal data value)");
        DeviceIOException refused = failure(() -> io.write("SL-1", "dim", 40, Duration.ofSeconds(1))
                .toCompletableFuture()
                .join());
        assertEquals(DeviceIOException.Reason.DRIVER_ERROR, refused.reason());
        assertTrue(refused.getMessage().contains("illegal data value"), refused.getMessage());
        assertEquals(errors, snapshot("SL-1").health().errorCount(), "the device answered; it is not less healthy");

        driver.writeFailure = new DriverException(QualityReason.COMM_ERROR, "connection reset");
        failure(() -> io.write("SL-1", "dim", 40, Duration.ofSeconds(1))
                .toCompletableFuture()
                .join());
        assertEquals(errors + 1, snapshot("SL-1").health().errorCount());
        Await.until(
                "a health event naming the communication error",
                DEADLINE,
                () -> received.stream()
                        .anyMatch(e -> e instanceof HealthChanged h
                                && h.health().detail() == HealthDetail.COMMUNICATION_ERROR
                                && h.health().message().contains("connection reset")));
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
                    public void close() {}
                };
            }
        };
    }

    @Test
    void asynchronousWritesHoldNoWorkerAndTimeOutWithoutBlockingTheDevice() {
        start(1, Duration.ofMillis(300));
        Map<String, CompletableFuture<Void>> acks = new ConcurrentHashMap<>();
        DeviceDriver driver = acknowledgingDriver(acks);
        membership.apply(devices(50));
        membership.addDriver(driver);

        // One worker, fifty devices waiting on their acknowledgements at once.
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            writes.add(io.write("SL-" + i, "dim", 40, Duration.ofSeconds(20)).toCompletableFuture());
        }
        Await.until("every write started", DEADLINE, () -> acks.size() == 50);
        acks.values().forEach(ack -> ack.complete(null));
        writes.forEach(CompletableFuture::join);

        // An acknowledgement that never comes times out and frees the device for the next write.
        DeviceIOException e = failure(() -> io.write("SL-1", "dim", 10, Duration.ofMillis(200))
                .toCompletableFuture()
                .join());
        assertEquals(DeviceIOException.Reason.TIMEOUT, e.reason());
        CompletableFuture<Void> next =
                io.write("SL-1", "dim", 20, Duration.ofSeconds(20)).toCompletableFuture();
        Await.until("the next write reached the driver", DEADLINE, () -> acks.containsKey("SL-1=20.0"));
        acks.get("SL-1=20.0").complete(null);
        next.join();
    }

    @Test
    void anAsynchronousCallToAnIdleDeviceStartsAtOnceAndTheNextWaitsForIt() {
        start(1, Duration.ofSeconds(20));
        Map<String, CompletableFuture<Void>> acks = new ConcurrentHashMap<>();
        membership.apply(devices(2));
        membership.addDriver(acknowledgingDriver(acks));

        // Started on the caller's thread: no hand-off to a worker before the driver has it.
        CompletableFuture<Void> first =
                io.write("SL-1", "dim", 10, Duration.ofSeconds(20)).toCompletableFuture();
        assertTrue(acks.containsKey("SL-1=10.0"), "the driver has the write when write() returns");
        // One call at a time per device: the second waits in the lane until the first is acknowledged.
        CompletableFuture<Void> second =
                io.write("SL-1", "dim", 20, Duration.ofSeconds(20)).toCompletableFuture();
        assertFalse(acks.containsKey("SL-1=20.0"));
        acks.get("SL-1=10.0").complete(null);
        first.join();
        Await.until("the second write reached the driver", DEADLINE, () -> acks.containsKey("SL-1=20.0"));
        acks.get("SL-1=20.0").complete(null);
        second.join();
    }
}
