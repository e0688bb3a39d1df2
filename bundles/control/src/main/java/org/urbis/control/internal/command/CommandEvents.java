package org.urbis.control.internal.command;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.command.CommandEvent;
import org.urbis.api.command.CommandListener;
import org.urbis.api.runtime.PlatformThreads;

/**
 * Hands the pipeline's state changes to the {@link CommandListener}s on a thread of its own, through
 * a bounded queue: the pipeline never waits. With no listener nothing is queued; when the queue is
 * full the change is dropped and counted (a live view misses it; the audit log has it).
 */
public final class CommandEvents implements Consumer<CommandEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandEvents.class);
    private static final int BATCH = 1_000;

    private final List<CommandListener> listeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<CommandEvent> queue;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    public CommandEvents(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = PlatformThreads.named("urbis-command-events").newThread(this::deliver);
        thread.start();
    }

    public void add(CommandListener listener) {
        listeners.add(listener);
    }

    public void remove(CommandListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void accept(CommandEvent event) {
        if (!listeners.isEmpty() && !queue.offer(event)) {
            long n = dropped.incrementAndGet();
            if (Long.bitCount(n) == 1) {
                LOG.warn("Command state changes dropped for live views: {} so far (the listeners fall behind)", n);
            }
        }
    }

    /** State changes lost because the queue was full, since start. */
    public long dropped() {
        return dropped.get();
    }

    private void deliver() {
        List<CommandEvent> batch = new ArrayList<>(BATCH);
        while (!closed) {
            try {
                CommandEvent first = queue.poll(500, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
            } catch (InterruptedException e) {
                return;
            }
            for (CommandListener l : listeners) {
                for (CommandEvent e : batch) {
                    try {
                        l.commandChanged(e);
                    } catch (RuntimeException x) {
                        LOG.warn(
                                "Command listener {} failed on {}", l.getClass().getName(), e.commandId(), x);
                    }
                }
            }
            batch.clear();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
