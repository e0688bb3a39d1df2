package org.urbis.driver.gridmeter.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands what one meter reports on to the platform, in order, on the driver's reporting threads. The platform's
 * callback may wait (for room in a lossless subscriber's queue, say), and must never hold up the DNP3 master's I/O
 * thread, which serves many other outstations and keeps their poll schedules.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Executor threads;
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    Outbox(Executor threads) {
        this.threads = threads;
    }

    /** Runs the report after those posted before it, on a reporting thread. */
    void post(Runnable report) {
        waiting.add(report);
        drainLater();
    }

    private void drainLater() {
        if (!waiting.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                threads.execute(this::drain);
            } catch (RejectedExecutionException e) {
                waiting.clear(); // the driver is stopping: nobody takes reports any more
            }
        }
    }

    private void drain() {
        try {
            for (Runnable report = waiting.poll(); report != null; report = waiting.poll()) {
                try {
                    report.run();
                } catch (RuntimeException e) {
                    LOG.warn("Reporting to the platform failed: {}", e.toString(), e);
                }
            }
        } finally {
            draining.set(false);
        }
        drainLater(); // a report posted between the last poll and the reset
    }
}
