package org.urbis.benchmarks.rest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients of the live event stream, each on its own connection and thread. A value event's delivery time is
 * the time it was read here less its source timestamp (the same machine's clock); only events read while
 * {@link #measure} is on count.
 */
final class EventClients implements AutoCloseable {

    private final List<InputStream> streams = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Latencies delivery = new Latencies();
    private final AtomicLong events = new AtomicLong();
    private volatile boolean measure;

    EventClients(HttpClient http, URI uri, String cookie, int clients) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(clients);
        for (int i = 0; i < clients; i++) {
            HttpResponse<InputStream> r = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Cookie", cookie)
                            .header("Accept", "text/event-stream")
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) {
                throw new IOException("event stream answered HTTP " + r.statusCode());
            }
            streams.add(r.body());
            Thread t = new Thread(() -> read(r.body(), connected), "sse-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        if (!connected.await(60, TimeUnit.SECONDS)) {
            throw new IOException("not every event client received an event within 60 s");
        }
    }

    private void read(InputStream body, CountDownLatch connected) {
        boolean first = true;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.startsWith("data:")) {
                    continue;
                }
                long now = System.currentTimeMillis();
                if (first) {
                    connected.countDown();
                    first = false;
                }
                events.incrementAndGet();
                if (measure) {
                    Instant time = timeOf(line);
                    if (time == null) {
                        delivery.fail("an event without a time: " + line);
                    } else {
                        delivery.add((now - time.toEpochMilli()) * 1_000_000L);
                    }
                }
            }
        } catch (IOException e) {
            if (measure) {
                delivery.fail(e.toString());
            }
        }
    }

    /** The {@code "time"} field of an event's JSON, found without a parser so that the client stays cheap. */
    private static Instant timeOf(String data) {
        int i = data.indexOf("\"time\":\"");
        if (i < 0) {
            return null;
        }
        int from = i + 8;
        int to = data.indexOf('"', from);
        return to < 0 ? null : Instant.parse(data.substring(from, to));
    }

    long events() {
        return events.get();
    }

    void measure(boolean on) {
        measure = on;
    }

    Latencies delivery() {
        return delivery;
    }

    @Override
    public void close() {
        measure = false;
        for (InputStream s : streams) {
            try {
                s.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
