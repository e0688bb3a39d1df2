package org.urbis.core.internal.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Device;
import org.urbis.api.driver.DriverException;
import org.urbis.api.event.AlarmChanged;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.AlarmState;
import org.urbis.api.event.HealthChanged;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.testing.Await;

class DeviceMembershipTest extends AbstractDeviceRuntimeTest {

    @Test
    void devicesWithoutTheirDriverAreDriverMissingAndComeBackWhenItArrives() {
        start(4, Duration.ofSeconds(2));
        membership.apply(devices(3));
        assertEquals(HealthStatus.DRIVER_MISSING, status("SL-1"));

        ScriptedDriver driver = new ScriptedDriver("scripted");
        membership.addDriver(driver);
        Await.until(
                "all ONLINE",
                DEADLINE,
                () -> membership.deviceIds().stream().allMatch(id -> status(id) == HealthStatus.ONLINE));
        Value power = snapshot("SL-2").values().get("power");
        assertEquals(Quality.GOOD, power.quality());

        membership.removeDriver(driver);
        for (String id : membership.deviceIds()) {
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
        membership.addDriver(again);
        Await.until(
                "all ONLINE again",
                DEADLINE,
                () -> membership.deviceIds().stream()
                        .allMatch(id -> status(id) == HealthStatus.ONLINE
                                && snapshot(id).values().get("power").quality() == Quality.GOOD));
        assertEquals(readsAfterRemoval, driver.reads("SL-1"), "the removed driver is never called again");
    }

    @Test
    void aHangingDeviceDoesNotDelayTheOthersEvenWithOneWorker() throws Exception {
        start(1, Duration.ofMillis(300));
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
        membership.apply(devices(5));
        membership.addDriver(driver);

        Await.until(
                "healthy devices polled 20 times each while SL-1 hangs",
                DEADLINE,
                () -> List.of("SL-3", "SL-4", "SL-5").stream().allMatch(id -> driver.reads(id) >= 20),
                () -> "reads: "
                        + List.of(1, 2, 3, 4, 5).stream()
                                .map(i -> driver.reads("SL-" + i))
                                .toList());
        assertEquals(1, driver.reads("SL-1"), "a hanging device is not called again while its call hangs");
        assertEquals(HealthStatus.OFFLINE, status("SL-1"));
        assertEquals(HealthDetail.TIMEOUT, snapshot("SL-1").health().detail());
        assertEquals(
                QualityReason.TIMEOUT, snapshot("SL-1").values().get("power").reason());
        assertEquals(HealthStatus.OFFLINE, status("SL-2"));
        assertTrue(
                snapshot("SL-2").health().message().contains("driver bug"),
                snapshot("SL-2").health().message());
        assertTrue(List.of("SL-3", "SL-4", "SL-5").stream().allMatch(id -> status(id) == HealthStatus.ONLINE));

        release.countDown();
        Await.until("SL-1 recovers once its call returns", DEADLINE, () -> status("SL-1") == HealthStatus.ONLINE);
    }

    @Test
    void healthGoesDegradedThenOfflineAndRecovers() {
        start(2, Duration.ofSeconds(2));
        List<Boolean> failing = new CopyOnWriteArrayList<>(List.of(false));
        ScriptedDriver driver = new ScriptedDriver("scripted").behave("SL-1", (d, p, n) -> {
            if (failing.get(0)) {
                throw new DriverException(QualityReason.COMM_ERROR, "connection refused");
            }
            return ScriptedDriver.COUNTER.read(d, p, n);
        });
        membership.apply(devices(1));
        membership.addDriver(driver);
        Await.until("ONLINE", DEADLINE, () -> status("SL-1") == HealthStatus.ONLINE);

        failing.set(0, true);
        Await.until("OFFLINE", DEADLINE, () -> status("SL-1") == HealthStatus.OFFLINE);
        failing.set(0, false);
        Await.until("ONLINE again", DEADLINE, () -> status("SL-1") == HealthStatus.ONLINE);

        List<HealthStatus> transitions = received.stream()
                .filter(e -> e instanceof HealthChanged)
                .map(e -> ((HealthChanged) e).health().status())
                .distinct()
                .toList();
        assertEquals(
                List.of(
                        HealthStatus.DRIVER_MISSING,
                        HealthStatus.UNKNOWN,
                        HealthStatus.ONLINE,
                        HealthStatus.DEGRADED,
                        HealthStatus.OFFLINE),
                transitions.subList(0, 5),
                "events: " + transitions);
        HealthChanged degraded = received.stream()
                .filter(e -> e instanceof HealthChanged h && h.health().status() == HealthStatus.DEGRADED)
                .map(HealthChanged.class::cast)
                .findFirst()
                .orElseThrow();
        assertEquals(HealthDetail.COMMUNICATION_ERROR, degraded.health().detail());
        assertTrue(
                degraded.health().message().contains("connection refused"),
                degraded.health().message());
        assertTrue(snapshot("SL-1").health().errorCount() >= 3);
    }

    @Test
    void valuesAreCheckedAgainstTheirPoint() {
        start(2, Duration.ofSeconds(2));
        ScriptedDriver driver = new ScriptedDriver("scripted")
                .behave(
                        "SL-1",
                        (d, p, n) -> List.of(
                                Value.good("power", 900.0, Instant.now()), Value.good("dim", "bright", Instant.now())));
        membership.apply(devices(1));
        membership.addDriver(driver);
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
    void platformAlarmsAreListedAcknowledgedClearedAndStreamedThroughTheRegistry() {
        start(1, Duration.ofSeconds(1));
        alarms.raise("telemetry", "STORE_FULL", AlarmSeverity.MAJOR, "buffer 100 % full");
        alarms.raise("telemetry", "STORE_FULL", AlarmSeverity.MAJOR, "buffer 100 % full");
        assertEquals(1, membership.activeAlarms().size(), "raising an active alarm again changes nothing");
        assertEquals(
                AlarmState.ACKNOWLEDGED,
                membership
                        .acknowledge("telemetry", "STORE_FULL", "maintenance")
                        .orElseThrow()
                        .state());
        alarms.clear("telemetry", "STORE_FULL", "buffer drained");
        assertEquals(List.of(), membership.activeAlarms());
        Await.until(
                "raised, acknowledged and cleared as events",
                DEADLINE,
                () -> received.stream()
                        .filter(e ->
                                e instanceof AlarmChanged a && a.alarm().type().equals("STORE_FULL"))
                        .map(e -> ((AlarmChanged) e).alarm().state())
                        .toList()
                        .equals(List.of(AlarmState.RAISED, AlarmState.ACKNOWLEDGED, AlarmState.CLEARED)));
    }

    @Test
    void anInventoryChangeTouchesOnlyTheDevicesThatChanged() {
        start(2, Duration.ofSeconds(2));
        ScriptedDriver driver = new ScriptedDriver("scripted");
        membership.addDriver(driver);
        assertArrayEquals(new int[] {3, 0, 0}, membership.apply(devices(3)));
        Await.until("ONLINE", DEADLINE, () -> status("SL-3") == HealthStatus.ONLINE);

        List<Device> next = new ArrayList<>(devices(2));
        Device moved = device("SL-2");
        next.set(
                1,
                new Device(
                        "SL-2",
                        moved.deviceClass(),
                        moved.driver(),
                        "sim://elsewhere",
                        null,
                        moved.tags(),
                        moved.points(),
                        moved.pollInterval(),
                        moved.options()));
        next.add(device("SL-4"));
        assertArrayEquals(new int[] {1, 1, 1}, membership.apply(next));
        assertEquals(2, driver.closed.get(), "SL-2 re-attached and SL-3 detached; SL-1 untouched");
        assertEquals(Set.of("SL-1", "SL-2", "SL-4"), Set.copyOf(membership.deviceIds()));
    }
}
