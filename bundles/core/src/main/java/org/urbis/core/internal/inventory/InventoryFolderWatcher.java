package org.urbis.core.internal.inventory;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.runtime.PlatformThreads;

/**
 * Watches the inventory folder and runs a callback once a burst of changes is over.
 *
 * <p>Saving a file, copying a folder or unpacking an archive produces many events within a short
 * time; the callback runs once, after no inventory file has changed for the quiet period. Hidden
 * and temporary files are ignored (the same as {@link InventoryReader} skips), so an editor's swap
 * file does not trigger a reload, but renaming a finished temporary file into place does.
 *
 * <p>The callback runs on the watcher's own daemon thread, {@value #THREAD_NAME}, never
 * concurrently with itself. If it throws, the failure is logged and watching goes on. The watcher
 * does not call back for the files already there when it starts: start it, then load once.
 */
public final class InventoryFolderWatcher implements AutoCloseable {

    /** How long the folder must be still before the callback runs, unless told otherwise. */
    public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMillis(500);

    static final String THREAD_NAME = "urbis-inventory-watcher";

    private static final Logger LOG = LoggerFactory.getLogger(InventoryFolderWatcher.class);
    /** How long close() waits for a callback that is still running. */
    private static final long CLOSE_WAIT_MILLIS = 10_000;

    private final Path directory;
    private final long quietNanos;
    private final Runnable onChange;
    private final WatchService watchService;
    private final Thread thread;
    private volatile boolean closed;

    /** Watches {@code directory} with the {@linkplain #DEFAULT_QUIET_PERIOD default quiet period}. */
    public InventoryFolderWatcher(Path directory, Runnable onChange) throws IOException {
        this(directory, DEFAULT_QUIET_PERIOD, onChange);
    }

    /**
     * Starts watching {@code directory}, creating it when missing. Changes made after this
     * constructor returns are seen.
     *
     * @param quietPeriod how long no inventory file may change before {@code onChange} runs
     * @throws IOException when the folder cannot be created or watched
     */
    public InventoryFolderWatcher(Path directory, Duration quietPeriod, Runnable onChange) throws IOException {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        if (quietPeriod.isNegative()) {
            throw new IllegalArgumentException("quiet period must not be negative: " + quietPeriod);
        }
        this.quietNanos = quietPeriod.toNanos();
        Files.createDirectories(directory);
        this.watchService = directory.getFileSystem().newWatchService();
        try {
            register();
        } catch (IOException | RuntimeException e) {
            watchService.close();
            throw e;
        }
        this.thread = PlatformThreads.named(THREAD_NAME).newThread(this::run);
        thread.start();
    }

    /** The folder being watched. */
    public Path directory() {
        return directory;
    }

    /**
     * Stops watching. A pending callback is dropped; one that is running is waited for (a
     * bounded time). Safe to call more than once, and from the callback itself.
     */
    @Override
    public void close() {
        closed = true;
        try {
            watchService.close(); // wakes the thread out of take()/poll()
        } catch (IOException e) {
            LOG.warn("Closing the watch on {} failed", directory, e);
        }
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The inventory watcher of {} is still running its callback", directory);
        }
    }

    /** The watcher's thread, for tests. */
    Thread thread() {
        return thread;
    }

    private void register() throws IOException {
        directory.register(watchService, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
    }

    private void run() {
        boolean pending = false;
        long lastChange = 0;
        try {
            while (!closed) {
                WatchKey key;
                if (pending) {
                    long wait = lastChange + quietNanos - System.nanoTime();
                    if (wait <= 0) {
                        pending = false;
                        fire();
                        continue;
                    }
                    key = watchService.poll(wait, TimeUnit.NANOSECONDS);
                } else {
                    key = watchService.take();
                }
                if (key != null && relevant(key)) {
                    pending = true;
                    lastChange = System.nanoTime();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: nothing more to do
        }
        LOG.debug("Stopped watching {}", directory);
    }

    /** Whether the events of a key touch an inventory file; re-arms the key. */
    private boolean relevant(WatchKey key) {
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == OVERFLOW) {
                relevant = true; // events were lost, so anything may have changed
            } else if (event.context() instanceof Path name && InventoryFileKind.of(name.toString()) != null) {
                relevant = true;
            }
        }
        if (!key.reset() && !closed) {
            // The folder itself was deleted or moved away: its inventory is gone, and it is
            // recreated so that files put back later are seen.
            LOG.warn("The inventory folder {} went away; recreating it", directory);
            try {
                Files.createDirectories(directory);
                register();
            } catch (IOException e) {
                LOG.error("Cannot watch the inventory folder {} any more", directory, e);
            }
            relevant = true;
        }
        return relevant;
    }

    private void fire() {
        try {
            onChange.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            // A failed reload must not end the watching: the next change may well fix it. Errors
            // are caught too, as a refreshed bundle can surface as NoClassDefFoundError.
            LOG.error("Handling a change of the inventory folder {} failed", directory, e);
        }
    }
}
