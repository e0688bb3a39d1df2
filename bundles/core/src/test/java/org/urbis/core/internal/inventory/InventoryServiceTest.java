package org.urbis.core.internal.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.runtime.InventoryReport;
import org.urbis.core.internal.device.CoreSettings;
import org.urbis.core.internal.device.StandaloneDeviceRuntime;
import org.urbis.core.internal.event.EventBus;

class InventoryServiceTest {

    @TempDir
    Path folder;

    @TempDir
    Path data;

    private final EventBus events = new EventBus();
    private final StandaloneDeviceRuntime devices = new StandaloneDeviceRuntime(
            events,
            new CoreSettings(
                    Duration.ofSeconds(10), 2, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10), 3),
            Set.of("water"));
    private InventoryService inventory;

    @AfterEach
    void stop() {
        if (inventory != null) {
            inventory.deactivate();
        }
        devices.deactivate();
        events.close();
    }

    private InventoryService start(StandaloneDeviceRuntime manager) throws IOException {
        return new InventoryService(
                manager.membership(), manager.alarms(), folder, data.resolve("last-good.zip"), Duration.ofMillis(50));
    }

    /** A runtime started again: a new device manager and inventory over the same folders. */
    private InventoryService restart(EventBus bus, StandaloneDeviceRuntime manager) throws IOException {
        inventory.deactivate();
        inventory = null;
        try {
            return start(manager);
        } catch (IOException | RuntimeException e) {
            manager.deactivate();
            bus.close();
            throw e;
        }
    }

    private static StandaloneDeviceRuntime manager(EventBus bus) {
        return new StandaloneDeviceRuntime(
                bus,
                new CoreSettings(
                        Duration.ofSeconds(10),
                        2,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(10),
                        3),
                Set.of("water"));
    }

    private static Optional<Alarm> rejected(StandaloneDeviceRuntime manager) {
        return manager.activeAlarms().stream()
                .filter(a -> a.deviceId().equals("inventory") && a.type().equals("REJECTED"))
                .findFirst();
    }

    private static String csv(String... ids) {
        StringBuilder sb = new StringBuilder("id,class,driver,address,tag.zone\n");
        for (String id : ids) {
            sb.append(id).append(",water,water,tcp://127.0.0.1:5020/unit=1,Z1\n");
        }
        return sb.toString();
    }

    @Test
    void aBadFileLeavesThePreviousInventoryInForceAndAFixAppliesByItself() throws IOException {
        Files.writeString(folder.resolve("zone1.csv"), csv("PR-1", "PR-2"));
        inventory = start(devices);
        assertTrue(inventory.lastReport().applied());
        assertEquals(Set.of("PR-1", "PR-2"), Set.copyOf(devices.deviceIds()));

        Files.writeString(folder.resolve("zone2.csv"), csv("PR-3", "PR-1"));
        InventoryReport refused = inventory.reload();
        assertFalse(refused.applied());
        assertEquals(2, refused.devices(), "the previous inventory stays in force");
        assertEquals("zone2.csv", refused.problems().get(0).file());
        assertEquals("line 3", refused.problems().get(0).location());
        assertTrue(
                refused.problems().get(0).message().contains("PR-1"),
                refused.problems().get(0).message());
        assertEquals(Set.of("PR-1", "PR-2"), Set.copyOf(devices.deviceIds()), "nothing half-applied");

        // Fixing the file is enough: the folder watcher reloads it.
        Files.writeString(folder.resolve("zone2.csv"), csv("PR-3"));
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!devices.deviceIds().contains("PR-3") && System.nanoTime() < end) {
            LockSupport.parkNanos(10_000_000);
        }
        assertEquals(Set.of("PR-1", "PR-2", "PR-3"), Set.copyOf(devices.deviceIds()));
        assertTrue(inventory.lastReport().applied());
        assertEquals(List.of(), inventory.lastReport().problems());
    }

    /**
     * A bundle that keeps files of its own in the folder (the parking bundle's sites) declares their
     * ending; the inventory leaves them alone while it is there, and loads again when it comes or goes.
     */
    @Test
    void filesABundleOwnsAreLeftAloneWhileItIsThere() throws IOException {
        Files.writeString(folder.resolve("zone1.csv"), csv("PR-1"));
        Files.writeString(folder.resolve("streets.parking.json"), "{\"sites\": []}");
        InventoryFileOwners owners = new InventoryFileOwners();
        owners.add(7, InventoryFileOwners.parse("parking.json"));
        inventory = new InventoryService(
                devices.membership(),
                devices.alarms(),
                new DriverDeclarations(),
                owners,
                folder,
                data.resolve("last-good.zip"),
                Duration.ofMillis(50));
        assertTrue(
                inventory.lastReport().applied(),
                inventory.lastReport().problems().toString());
        assertEquals(Set.of("PR-1"), Set.copyOf(devices.deviceIds()));

        owners.remove(7); // the owner left: the file is read as any *.json, and it is no GeoJSON
        assertFalse(inventory.lastReport().applied());
        assertEquals(
                "streets.parking.json", inventory.lastReport().problems().get(0).file());
        assertEquals(Set.of("PR-1"), Set.copyOf(devices.deviceIds()), "the inventory in force stays");

        owners.add(8, Set.of(".parking.json"));
        assertTrue(inventory.lastReport().applied(), "loaded again when the owner came back");
    }

    @Test
    void aRestartWithABadFolderStartsFromTheLastGoodInventoryAndSaysSo() throws IOException {
        Files.writeString(folder.resolve("zone1.csv"), csv("PR-1", "PR-2"));
        inventory = start(devices);
        assertTrue(Files.exists(data.resolve("last-good.zip")));
        assertEquals(List.of(), devices.activeAlarms());
        Files.writeString(folder.resolve("zone2.csv"), "id,class\nPR-3\n");

        EventBus bus = new EventBus();
        StandaloneDeviceRuntime restarted = manager(bus);
        try {
            inventory = restart(bus, restarted);
            assertFalse(inventory.lastReport().applied());
            assertEquals(
                    Set.of("PR-1", "PR-2"), Set.copyOf(restarted.deviceIds()), "the last good inventory is in force");
            assertEquals(2, inventory.lastReport().devices());
            Alarm alarm = rejected(restarted).orElseThrow();
            assertEquals(AlarmSeverity.MAJOR, alarm.severity());
            assertTrue(
                    alarm.message()
                            .contains("problem(s) in zone2.csv; started with the last good inventory of 2 device(s)"),
                    alarm.message());

            Files.writeString(folder.resolve("zone2.csv"), csv("PR-3"));
            assertTrue(inventory.reload().applied());
            assertEquals(Optional.empty(), rejected(restarted), "a good load clears the alarm");
            assertEquals(Set.of("PR-1", "PR-2", "PR-3"), Set.copyOf(restarted.deviceIds()));
        } finally {
            inventory.deactivate();
            inventory = null;
            restarted.deactivate();
            bus.close();
        }
    }

    @Test
    void eachRefusalRaisesTheAlarmNamingTheFilesAndAGoodLoadClearsIt() throws IOException {
        Files.writeString(folder.resolve("zone1.csv"), csv("PR-1"));
        inventory = start(devices);
        Files.writeString(folder.resolve("zone2.csv"), csv("PR-1"));
        inventory.reload();
        assertTrue(
                rejected(devices)
                        .orElseThrow()
                        .message()
                        .contains(
                                "1 problem(s) in zone2.csv; the previous inventory of 1 device(s) " + "stays in force"),
                rejected(devices).orElseThrow().message());
        Files.writeString(folder.resolve("a.csv"), "id,class\nPR-9\n");
        inventory.reload();
        assertTrue(
                rejected(devices).orElseThrow().message().contains("a.csv, zone2.csv"),
                "the message follows the problems");
        Files.delete(folder.resolve("a.csv"));
        Files.delete(folder.resolve("zone2.csv"));
        assertTrue(inventory.reload().applied());
        assertEquals(Optional.empty(), rejected(devices));
    }

    @Test
    void aFirstStartWithABadFolderAndNothingKeptSaysSo() throws IOException {
        Files.writeString(folder.resolve("zone1.csv"), "id,class\nPR-1\n");
        inventory = start(devices);
        assertEquals(List.of(), devices.deviceIds());
        assertTrue(
                rejected(devices)
                        .orElseThrow()
                        .message()
                        .contains("no last good inventory is kept in " + data.resolve("last-good.zip")),
                rejected(devices).orElseThrow().message());
    }

    @Test
    void aDamagedLastGoodInventoryIsAClearErrorNotACrash() throws IOException {
        Files.writeString(data.resolve("last-good.zip"), "not a zip at all");
        Files.writeString(folder.resolve("zone1.csv"), "id,class\nPR-1\n");
        inventory = start(devices);
        assertEquals(List.of(), devices.deviceIds());
        String message = rejected(devices).orElseThrow().message();
        assertTrue(
                message.contains("the last good inventory " + data.resolve("last-good.zip") + " cannot be read ("),
                message);
        assertTrue(message.contains("so no device is in force"), message);

        Files.writeString(folder.resolve("zone1.csv"), csv("PR-1"));
        assertTrue(inventory.reload().applied(), "a good folder replaces the damaged file");
        try (var files = Files.list(data)) {
            assertEquals(
                    List.of(data.resolve("last-good.zip")),
                    files.toList(),
                    "written through a temporary file, renamed");
        }
    }
}
