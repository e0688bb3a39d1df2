package org.urbis.dnp3.internal.master;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One I/O thread: a selector for its sockets and a timer queue. Everything of the associations it serves runs
 * on this thread, so their state needs no locks; other threads hand work in with {@link #execute(Runnable)}.
 */
final class IoLoop implements AutoCloseable {

    /** What a selection key's attachment does when its channel is ready. */
    interface Ready {
        void ready(SelectionKey key);
    }

    /** A scheduled action; cancel it to drop it. */
    static final class Timer implements Comparable<Timer> {
        private final long deadline;
        private final long order;
        private final Runnable action;
        private boolean cancelled;

        private Timer(long deadline, long order, Runnable action) {
            this.deadline = deadline;
            this.order = order;
            this.action = action;
        }

        void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(deadline, other.deadline);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(IoLoop.class);

    private final Selector selector;
    private final Thread thread;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long timerCount;
    private volatile boolean running = true;

    IoLoop(String name) throws IOException {
        selector = Selector.open();
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    Selector selector() {
        return selector;
    }

    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Schedules on the loop; call from the loop thread. */
    Timer schedule(Duration delay, Runnable action) {
        Timer timer = new Timer(System.nanoTime() + delay.toNanos(), timerCount++, action);
        timers.add(timer);
        return timer;
    }

    private void run() {
        while (running) {
            try {
                selector.select(this::ready, waitMillis());
            } catch (IOException | RuntimeException e) {
                LOG.warn("DNP3 I/O loop {}: {}", thread.getName(), e.toString(), e);
            }
            runTasks();
            runTimers();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing selector", e);
        }
    }

    private void ready(SelectionKey key) {
        try {
            ((Ready) key.attachment()).ready(key);
        } catch (RuntimeException e) {
            LOG.warn("DNP3 I/O handler failed: {}", e.toString(), e);
        }
    }

    private long waitMillis() {
        if (!tasks.isEmpty()) {
            return 1;
        }
        Timer next = timers.peek();
        if (next == null) {
            return 0;
        }
        return Math.max(1, (next.deadline - System.nanoTime() + 999_999) / 1_000_000);
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            safely(task);
        }
    }

    private void runTimers() {
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().deadline - now <= 0) {
            Timer timer = timers.poll();
            if (!timer.cancelled) {
                safely(timer.action);
            }
        }
    }

    private static void safely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("DNP3 task failed: {}", e.toString(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
    }
}
