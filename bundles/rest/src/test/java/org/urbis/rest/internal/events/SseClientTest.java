package org.urbis.rest.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import javax.ws.rs.core.GenericType;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.OutboundSseEvent;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseBroadcaster;
import javax.ws.rs.sse.SseEventSink;
import org.junit.jupiter.api.Test;

class SseClientTest {

    private final Sink sink = new Sink();
    private final AtomicInteger closed = new AtomicInteger();

    private SseClient client(String types, int capacity) {
        return new SseClient(
                sink,
                new Events(),
                EventFilter.parse(types, null, null, null),
                capacity,
                Runnable::run,
                closed::incrementAndGet);
    }

    private static LiveEvent value(long id) {
        return new LiveEvent(
                id, "value", "SL-" + id, null, "{\"device\":\"SL-" + id + "\",\"value\":\"ünf\"}", Instant.EPOCH);
    }

    @Test
    void eventsQueuedWhileAWriteIsOnItsWayGoOutTogetherAsCompleteEvents() {
        SseClient c = client(null, 100);
        c.offer(value(1));
        c.wake();
        assertEquals(1, sink.writes.size());
        for (long id = 2; id <= 5; id++) {
            c.offer(value(id));
            c.wake(); // a write is still on its way: nothing more is written yet
        }
        assertEquals(1, sink.writes.size());
        sink.completeAll();
        assertEquals(2, sink.writes.size(), "the four events waiting went out in one write");
        sink.completeAll();

        List<String[]> events = parse(sink.stream());
        assertEquals(5, events.size());
        for (int i = 0; i < 5; i++) {
            String[] e = events.get(i);
            assertEquals(Long.toString(i + 1), e[0], "id");
            assertEquals("value", e[1], "event name");
            assertEquals("{\"device\":\"SL-" + (i + 1) + "\",\"value\":\"ünf\"}", e[2], "data");
        }
        assertEquals(0, closed.get());
    }

    @Test
    void aClientGetsOnlyTheTypesItAskedFor() {
        SseClient c = client("health", 100);
        c.offer(value(1));
        c.offer(new LiveEvent(2, "health", "SL-1", null, "{\"health\":\"ONLINE\"}", Instant.EPOCH));
        c.wake();
        sink.completeAll();
        List<String[]> events = parse(sink.stream());
        assertEquals(1, events.size());
        assertEquals("health", events.get(0)[1]);
    }

    @Test
    void aKeepAliveIsACommentAndOnlyWhenNothingElseGoesOut() {
        SseClient c = client(null, 100);
        c.keepAlive();
        sink.completeAll();
        assertEquals(": keepalive\n\n", sink.stream());
        c.offer(value(7));
        c.keepAlive();
        sink.completeAll();
        assertEquals(": keepalive\n\n" + new String(value(7).frame(), StandardCharsets.UTF_8), sink.stream());
    }

    @Test
    void aClientThatFallsTooFarBehindIsDroppedWithoutHoldingUpTheOffer() {
        SseClient c = client(null, 3);
        c.offer(value(1));
        c.wake(); // its write never completes: the client stopped reading
        for (long id = 2; id <= 5; id++) {
            c.offer(value(id));
        }
        assertEquals(1, closed.get());
        assertTrue(sink.closed);
    }

    @Test
    void aResetHasNoIdSoThatTheClientKeepsItsPlace() {
        SseClient c = client(null, 10);
        c.reset();
        c.wake();
        assertEquals("data: {}\nevent: reset\n\n", sink.stream());
    }

    /** Server-sent events as an EventSource reads them: {id, event, data} each. */
    private static List<String[]> parse(String stream) {
        assertTrue(stream.isEmpty() || stream.endsWith("\n\n"), "the stream ends with a complete event: " + stream);
        List<String[]> events = new ArrayList<>();
        String[] current = new String[3];
        for (String line : stream.split("\n", -1)) {
            if (line.isEmpty()) {
                if (current[2] != null) {
                    events.add(current);
                }
                current = new String[3];
            } else if (line.startsWith("id: ")) {
                current[0] = line.substring(4);
            } else if (line.startsWith("event: ")) {
                current[1] = line.substring(7);
            } else if (line.startsWith("data: ")) {
                assertEquals(null, current[2], "one data line per event");
                current[2] = line.substring(6);
            } else {
                assertTrue(line.startsWith(":"), "a line of the stream: " + line);
            }
        }
        return events;
    }

    /** A sink that writes each event as the JAX-RS SSE writer does; its writes complete when the test says. */
    private static final class Sink implements SseEventSink {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final List<CompletableFuture<Void>> writes = new ArrayList<>();
        boolean closed;

        @Override
        public CompletionStage<?> send(OutboundSseEvent e) {
            if (e.getComment() != null) {
                out.writeBytes((": " + e.getComment() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (e.getData() != null) {
                out.writeBytes("data: ".getBytes(StandardCharsets.UTF_8));
                out.writeBytes((byte[]) e.getData());
                out.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes("\n".getBytes(StandardCharsets.UTF_8));
            CompletableFuture<Void> done = new CompletableFuture<>();
            writes.add(done);
            return done;
        }

        void completeAll() {
            for (int i = 0; i < writes.size(); i++) {
                writes.get(i).complete(null);
            }
        }

        String stream() {
            return out.toString(StandardCharsets.UTF_8);
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class Events implements Sse {
        @Override
        public OutboundSseEvent.Builder newEventBuilder() {
            return new Builder();
        }

        @Override
        public SseBroadcaster newBroadcaster() {
            throw new UnsupportedOperationException();
        }
    }

    private static final class Builder implements OutboundSseEvent.Builder {
        private String comment;
        private Object data;
        private MediaType mediaType;

        @Override
        public OutboundSseEvent.Builder id(String id) {
            throw new AssertionError("ids are in the frames");
        }

        @Override
        public OutboundSseEvent.Builder name(String name) {
            throw new AssertionError("names are in the frames");
        }

        @Override
        public OutboundSseEvent.Builder reconnectDelay(long milliseconds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OutboundSseEvent.Builder mediaType(MediaType mediaType) {
            this.mediaType = mediaType;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder comment(String comment) {
            this.comment = comment;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder data(Class type, Object data) {
            assertEquals(byte[].class, type);
            this.data = data;
            return this;
        }

        @Override
        public OutboundSseEvent.Builder data(GenericType type, Object data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OutboundSseEvent.Builder data(Object data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OutboundSseEvent build() {
            String c = comment;
            Object d = data;
            MediaType m = mediaType;
            return new OutboundSseEvent() {
                @Override
                public Class<?> getType() {
                    return d == null ? null : byte[].class;
                }

                @Override
                public Type getGenericType() {
                    return getType();
                }

                @Override
                public MediaType getMediaType() {
                    return m;
                }

                @Override
                public Object getData() {
                    return d;
                }

                @Override
                public String getId() {
                    return null;
                }

                @Override
                public String getName() {
                    return null;
                }

                @Override
                public String getComment() {
                    return c;
                }

                @Override
                public long getReconnectDelay() {
                    return -1;
                }

                @Override
                public boolean isReconnectDelaySet() {
                    return false;
                }
            };
        }
    }
}
