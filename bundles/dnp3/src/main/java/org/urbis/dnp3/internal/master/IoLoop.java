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

    /** A scheduled action, once or at a fixed rate; cancel it to drop it. */
    static final class Timer implements Comparable<Timer> {
        private long deadline;
        private long order;
        private final long period;
        private final Runnable action;
        private boolean cancelled;

        private Timer(long deadline, long period, Runnable action) {
            this.deadline = deadline;
            this.period = period;
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

    /**
     * A timeout that is pushed back far more often than it expires (a response timeout, a keep-alive): it keeps
     * a single timer in the queue, which on expiry checks the current deadline and waits on if it moved, instead
     * of a cancelled timer left in the queue for every push.
     */
    final class Timeout {
        private final Runnable action;
        private long deadline;
        private boolean armed;
        private Timer timer;

        private Timeout(Runnable action) {
            this.action = action;
        }

        /** (Re)starts the timeout: the action runs after this long unless started again or stopped before. */
        void start(Duration delay) {
            deadline = System.nanoTime() + delay.toNanos();
            armed = true;
            if (timer == null || timer.deadline - deadline > 0) {
                if (timer != null) {
                    timer.cancel();
                }
                timer = at(deadline, this::expired);
            }
        }

        void stop() {
            armed = false;
        }

        private void expired() {
            timer = null;
            if (!armed) {
                return;
            }
            if (deadline - System.nanoTime() > 0) {
                timer = at(deadline, this::expired);
                return;
            }
            armed = false;
            action.run();
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
        return at(System.nanoTime() + delay.toNanos(), action);
    }

    /**
     * Runs an action at a fixed rate from {@code first} on; call from the loop thread. A late run does not
     * shift the ones after it, and runs missed while the loop was held up are skipped, not made up in a burst.
     */
    Timer every(Duration first, Duration period, Runnable action) {
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a period must be positive: " + period);
        }
        return add(new Timer(System.nanoTime() + first.toNanos(), period.toNanos(), action));
    }

    /** A timeout of the loop, idle until started; use from the loop thread. */
    Timeout timeout(Runnable action) {
        return new Timeout(action);
    }

    private Timer at(long deadline, Runnable action) {
        return add(new Timer(deadline, 0, action));
    }

    private Timer add(Timer timer) {
        timer.order = timerCount++;
        timers.add(timer);
        return timer;
    }

    /** Timers waiting, cancelled ones included until their time comes. */
    int timersQueued() {
        return timers.size();
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
            if (timer.cancelled) {
                continue;
            }
            safely(timer.action);
            if (timer.period > 0 && !timer.cancelled) {
                timer.deadline += timer.period;
                if (timer.deadline - now <= 0) {
                    timer.deadline += ((now - timer.deadline) / timer.period + 1) * timer.period;
                }
                add(timer);
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
