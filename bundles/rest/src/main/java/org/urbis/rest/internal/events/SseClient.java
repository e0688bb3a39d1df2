package org.urbis.rest.internal.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * One client of the live stream: a bounded queue of its own holding the events' shared frames, sent
 * as batches: everything queued goes out in one write and one flush, and the next batch once that
 * write is done, so that a busy stream costs a write per client per round trip, not per event, and a
 * slow client never holds up the others. A client whose queue overflows is dropped: it reconnects and
 * resumes from the ring, or starts over. Nothing here blocks the thread that offers events.
 */
final class SseClient {

    private static final Logger LOG = LoggerFactory.getLogger(SseClient.class);

    /** Stands for a keep-alive comment in the queue; only sent when there is nothing else to send. */
    private static final byte[] KEEPALIVE = new byte[0];
    /** The note that events were missed. */
    private static final byte[] RESET = LiveEvent.frame(-1, "reset", "{}");
    /** Frames per write at most, so that one write stays a few hundred kilobytes. */
    private static final int MAX_BATCH = 1_000;

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.UTF_8);

    private final SseEventSink sink;
    private final Sse sse;
    private final EventFilter filter;
    private final BlockingQueue<byte[]> queue;
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

    /** Queues an event if the client wants it; never blocks. It goes out on the next {@link #wake}. */
    void offer(LiveEvent e) {
        if (filter.matches(e)) {
            enqueue(e.frame());
        }
    }

    /** Queues a keep-alive comment, sent at once unless events are on their way anyway. */
    void keepAlive() {
        if (queue.isEmpty()) {
            enqueue(KEEPALIVE);
        }
        wake();
    }

    void reset() {
        enqueue(RESET);
    }

    private void enqueue(byte[] frame) {
        if (closed) {
            return;
        }
        if (!queue.offer(frame)) {
            LOG.info("Live event client dropped: it fell {} events behind", queue.size());
            close();
        }
    }

    /** Starts sending what is queued unless a batch is on its way already; its completion sends the next. */
    void wake() {
        if (!closed && !queue.isEmpty() && sending.compareAndSet(false, true)) {
            sender.execute(this::sendBatch);
        }
    }

    /** Sends everything queued as one write; runs only while {@link #sending} is held. */
    private void sendBatch() {
        if (closed()) {
            sending.set(false);
            close();
            return;
        }
        OutboundSseEvent batch = nextBatch();
        if (batch == null) {
            sending.set(false);
            wake();
            return;
        }
        try {
            sink.send(batch).whenComplete((ok, error) -> {
                if (error != null) {
                    sending.set(false);
                    close();
                } else if (queue.isEmpty()) {
                    sending.set(false);
                    wake();
                } else {
                    // still holding the turn; on the sender, as a write that completed at once runs this inline
                    sender.execute(this::sendBatch);
                }
            });
        } catch (RuntimeException e) {
            sending.set(false);
            close();
        }
    }

    /** The queued frames as one event for the sink, or a comment when only keep-alives were queued; null when empty. */
    private OutboundSseEvent nextBatch() {
        List<byte[]> frames = new ArrayList<>();
        queue.drainTo(frames, MAX_BATCH);
        if (frames.isEmpty()) {
            return null;
        }
        byte[] data = batchData(frames);
        return data == null
                ? sse.newEventBuilder().comment("keepalive").build()
                : sse.newEventBuilder()
                        .mediaType(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                        .data(byte[].class, data)
                        .build();
    }

    /**
     * The frames one after another as the data of one event, or null when there are only keep-alives (the
     * data itself keeps the connection alive). The sink writes an event of data alone as {@code "data: " +
     * data + "\n\n"}: so the data is the frames without the first one's {@code "data: "} and the last one's
     * blank line, and the stream carries exactly the frames, each a complete event of its own.
     */
    static byte[] batchData(List<byte[]> frames) {
        int length = 0;
        for (byte[] f : frames) {
            length += f.length;
        }
        if (length == 0) {
            return null;
        }
        byte[] data = new byte[length - DATA.length - END.length];
        int at = -DATA.length; // where the next frame starts in data
        for (byte[] f : frames) {
            int from = Math.max(0, -at);
            int to = Math.min(f.length, data.length - at);
            if (to > from) {
                System.arraycopy(f, from, data, at + from, to - from);
            }
            at += f.length;
        }
        return data;
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
