package org.urbis.core.internal.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.runtime.InventoryReport;
import org.urbis.core.internal.device.DeviceManager;
import org.urbis.core.internal.device.RuntimeSettings;
import org.urbis.core.internal.event.EventBus;

class InventoryServiceTest {

    @TempDir
    Path folder;

    private final EventBus events = new EventBus();
    private final DeviceManager devices = new DeviceManager(events, new RuntimeSettings(Duration.ofSeconds(10), 2,
            Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10), 3), Set.of("water"));
    private InventoryService inventory;

    @AfterEach
    void stop() {
        if (inventory != null) {
            inventory.deactivate();
        }
        devices.deactivate();
        events.close();
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
        inventory = new InventoryService(devices, folder, Duration.ofMillis(50));
        assertTrue(inventory.lastReport().applied());
        assertEquals(Set.of("PR-1", "PR-2"), Set.copyOf(devices.deviceIds()));

        Files.writeString(folder.resolve("zone2.csv"), csv("PR-3", "PR-1"));
        InventoryReport refused = inventory.reload();
        assertFalse(refused.applied());
        assertEquals(2, refused.devices(), "the previous inventory stays in force");
        assertEquals("zone2.csv", refused.problems().get(0).file());
        assertEquals("line 3", refused.problems().get(0).location());
        assertTrue(refused.problems().get(0).message().contains("PR-1"), refused.problems().get(0).message());
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
}
