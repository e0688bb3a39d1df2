package org.urbis.core.internal.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.EventListener;
import org.urbis.api.event.OverflowPolicy;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.runtime.PlatformThreads;

/** One subscriber's bounded queue and the thread that delivers it in batches. */
final class QueuedSubscription implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(QueuedSubscription.class);

    private final String name;
    private final EventListener listener;
    private final SubscriptionOptions options;
    private final Consumer<QueuedSubscription> onClose;
    private final BlockingQueue<DeviceEvent> queue;
    private final Thread thread;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();
    private volatile boolean closed;

    QueuedSubscription(
            String name, EventListener listener, SubscriptionOptions options, Consumer<QueuedSubscription> onClose) {
        this.name = name;
        this.listener = listener;
        this.options = options;
        this.onClose = onClose;
        this.queue = new ArrayBlockingQueue<>(options.capacity());
        this.thread = PlatformThreads.named("urbis-events-" + name).newThread(this::deliver);
    }

    void start() {
        thread.start();
    }

    void offer(DeviceEvent event) {
        if (closed || !options.wants(event)) {
            return;
        }
        if (options.overflow() == OverflowPolicy.DROP_OLDEST) {
            while (!queue.offer(event)) {
                if (queue.poll() != null) {
                    dropped.incrementAndGet();
                }
            }
            return;
        }
        try {
            if (!queue.offer(event) && !queue.offer(event, options.maxBlock().toMillis(), TimeUnit.MILLISECONDS)) {
                overflowed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            overflowed();
        }
    }

    private void overflowed() {
        long n = dropped.incrementAndGet();
        // One line per power of two keeps a stuck subscriber visible without flooding the log.
        if (Long.bitCount(n) == 1) {
            LOG.error(
                    "Event subscription '{}' is full ({} queued) and did not drain within {}: {} event(s) dropped so far",
                    name,
                    queue.size(),
                    options.maxBlock(),
                    n);
        }
    }

    private void deliver() {
        List<DeviceEvent> batch = new ArrayList<>(options.maxBatch());
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, options.maxBatch() - 1);
            try {
                listener.onEvents(List.copyOf(batch));
            } catch (Exception | LinkageError e) {
                long n = listenerFailures.incrementAndGet();
                LOG.error(
                        "Event subscriber '{}' failed on a batch of {} event(s) (failure {})",
                        name,
                        batch.size(),
                        n,
                        e);
            }
            delivered.addAndGet(batch.size());
            batch.clear();
        }
    }

    @Override
    public long delivered() {
        return delivered.get();
    }

    @Override
    public long dropped() {
        return dropped.get();
    }

    @Override
    public int queued() {
        return queue.size();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        onClose.accept(this);
        thread.interrupt();
        dropped.addAndGet(queue.size());
        queue.clear();
    }

    @Override
    public String toString() {
        return "subscription '" + name + "' (" + queued() + " queued, " + delivered() + " delivered, " + dropped()
                + " dropped)";
    }
}
