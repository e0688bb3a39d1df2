package org.urbis.core.internal.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the watcher against a real folder. Waits are bounded waits for a callback: a long deadline
 * where one must come, a few quiet periods where none may.
 */
class InventoryFolderWatcherTest {

    /** Generous: a loaded build machine may be slow to deliver file events. */
    private static final long DEADLINE_SECONDS = 10;

    @TempDir
    Path dir;

    /** The name of the thread each callback ran on, in order. */
    private final BlockingQueue<String> callbacks = new LinkedBlockingQueue<>();

    private InventoryFolderWatcher watcher;

    @AfterEach
    void tearDown() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private void watch(Duration quietPeriod) throws IOException {
        watcher = new InventoryFolderWatcher(
                dir, quietPeriod, () -> callbacks.add(Thread.currentThread().getName()));
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private String awaitCallback() throws InterruptedException {
        String thread = callbacks.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
        assertNotNull(thread, "no callback within " + DEADLINE_SECONDS + " s");
        return thread;
    }

    private void assertNoCallbackWithin(Duration time) throws InterruptedException {
        assertNull(callbacks.poll(time.toMillis(), TimeUnit.MILLISECONDS), "unexpected callback");
    }

    @Test
    void createsTheFolderWhenMissing() throws IOException {
        Path missing = dir.resolve("inventory/phan-thiet");

        watcher = new InventoryFolderWatcher(missing, () -> {});

        assertTrue(Files.isDirectory(missing));
        assertEquals(missing, watcher.directory());
    }

    @Test
    void aBurstOfChangesGivesOneCallbackOnTheWatcherThread() throws Exception {
        Duration quiet = Duration.ofMillis(300);
        watch(quiet);

        for (int i = 0; i < 20; i++) {
            write("lights.geojson", "{\"type\": \"FeatureCollection\", \"features\": []} " + i);
            write("valves.csv", "id,class,driver,address\n" + i);
        }

        assertEquals("urbis-inventory-watcher", awaitCallback());
        assertNoCallbackWithin(quiet.multipliedBy(5));
    }

    @Test
    void hiddenAndTemporaryFilesDoNotTriggerButRenamingOneIntoPlaceDoes() throws Exception {
        Duration quiet = Duration.ofMillis(100);
        watch(quiet);

        write(".lights.geojson.swp", "x");
        write("lights.geojson~", "x");
        write("valves.csv.tmp", "x");
        write("download.csv.part", "x");
        write(".hidden.csv", "x");
        write("notes.txt", "x");
        assertNoCallbackWithin(quiet.multipliedBy(10));

        Files.move(dir.resolve("valves.csv.tmp"), dir.resolve("valves.csv"), StandardCopyOption.ATOMIC_MOVE);
        awaitCallback();
        assertNoCallbackWithin(quiet.multipliedBy(5));
    }

    @Test
    void deletingAnInventoryFileTriggers() throws Exception {
        write("valves.csv", "id,class,driver,address\n");
        watch(Duration.ofMillis(100));

        Files.delete(dir.resolve("valves.csv"));

        awaitCallback();
    }

    @Test
    void theFolderGoingAwayTriggersAndItIsRecreated() throws Exception {
        Path folder = dir.resolve("inventory");
        watcher = new InventoryFolderWatcher(
                folder,
                Duration.ofMillis(100),
                () -> callbacks.add(Thread.currentThread().getName()));
        Files.writeString(folder.resolve("valves.csv"), "x");
        awaitCallback();

        Files.delete(folder.resolve("valves.csv"));
        Files.delete(folder);
        awaitCallback();
        assertTrue(Files.isDirectory(folder));

        Files.writeString(folder.resolve("valves.csv"), "back");
        awaitCallback();
    }

    @Test
    void keepsWatchingWhenTheCallbackThrows() throws Exception {
        watcher = new InventoryFolderWatcher(dir, Duration.ofMillis(100), () -> {
            callbacks.add(Thread.currentThread().getName());
            throw new IllegalStateException("reload failed (thrown by the test)");
        });

        write("valves.csv", "1");
        awaitCallback();
        write("valves.csv", "2");
        awaitCallback();
        assertTrue(watcher.thread().isAlive());
    }

    @Test
    void closeStopsTheDaemonThread() throws Exception {
        watch(Duration.ofMillis(100));
        Thread thread = watcher.thread();
        assertEquals("urbis-inventory-watcher", thread.getName());
        assertTrue(thread.isDaemon());
        assertTrue(thread.isAlive());

        watcher.close();

        assertFalse(thread.isAlive(), "close() returns once the thread has ended");
        write("valves.csv", "x");
        assertNoCallbackWithin(Duration.ofMillis(500));
        watcher.close(); // twice is fine
    }

    @Test
    void closeDropsAPendingCallback() throws Exception {
        watch(Duration.ofSeconds(30));
        write("valves.csv", "x");

        watcher.close();

        assertFalse(watcher.thread().isAlive());
        assertTrue(callbacks.isEmpty());
    }

    @Test
    void theCallbackMayCloseTheWatcher() throws Exception {
        AtomicReference<InventoryFolderWatcher> self = new AtomicReference<>();
        watcher = new InventoryFolderWatcher(
                dir, Duration.ofMillis(100), () -> self.get().close());
        self.set(watcher);

        write("valves.csv", "x");

        watcher.thread().join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        assertFalse(watcher.thread().isAlive());
    }
}
