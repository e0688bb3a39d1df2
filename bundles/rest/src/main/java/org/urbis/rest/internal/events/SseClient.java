package org.urbis.rest.internal.events;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.OutboundSseEvent;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the live stream: a bounded queue of its own, sent one event at a time (the next
 * once the last is written), so that a slow client never holds up the others. A client whose queue
 * overflows is dropped: it reconnects and resumes from the ring, or starts over.
 */
final class SseClient {

    private static final Logger LOG = LoggerFactory.getLogger(SseClient.class);

    /** Stands for a keep-alive comment in the queue. */
    private static final LiveEvent KEEPALIVE = new LiveEvent(-1, "keepalive", null, null, "", java.time.Instant.EPOCH);
    /** Stands for the note that events were missed. */
    private static final LiveEvent RESET = new LiveEvent(-2, "reset", null, null, "{}", java.time.Instant.EPOCH);

    private final SseEventSink sink;
    private final Sse sse;
    private final EventFilter filter;
    private final BlockingQueue<LiveEvent> queue;
    private final Executor sender;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final Runnable onClose;
    private volatile boolean closed;

    SseClient(SseEventSink sink, Sse sse, EventFilter filter, int capacity, Executor sender, Runnable onClose) {
        this.sink = sink;
        this.sse = sse;
        this.filter = filter;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.sender = sender;
        this.onClose = onClose;
    }

    boolean closed() {
        return closed || sink.isClosed();
    }

    /** Queues an event if the client wants it; never blocks. */
    void offer(LiveEvent e) {
        if (filter.matches(e)) {
            enqueue(e);
        }
    }

    void keepAlive() {
        enqueue(KEEPALIVE);
    }

    void reset() {
        enqueue(RESET);
    }

    private void enqueue(LiveEvent e) {
        if (closed) {
            return;
        }
        if (!queue.offer(e)) {
            LOG.info("Live event client dropped: it fell {} events behind", queue.size());
            close();
            return;
        }
        sender.execute(this::pump);
    }

    /** Sends the next queued event unless one is on its way; its completion sends the one after. */
    private void pump() {
        if (closed() || !sending.compareAndSet(false, true)) {
            return;
        }
        LiveEvent next = queue.poll();
        if (next == null) {
            sending.set(false);
            if (!queue.isEmpty()) {
                sender.execute(this::pump);
            }
            return;
        }
        try {
            sink.send(toSse(next)).whenComplete((ok, error) -> {
                sending.set(false);
                if (error != null) {
                    close();
                } else {
                    sender.execute(this::pump);
                }
            });
        } catch (RuntimeException e) {
            sending.set(false);
            close();
        }
    }

    private OutboundSseEvent toSse(LiveEvent e) {
        if (e == KEEPALIVE) {
            return sse.newEventBuilder().comment("keepalive").build();
        }
        OutboundSseEvent.Builder b = sse.newEventBuilder().name(e.type()).mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class,
                e.json());
        return e == RESET ? b.build() : b.id(Long.toString(e.id())).build();
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.clear();
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.debug("Closing a live event client failed", e);
        }
        onClose.run();
    }
}
