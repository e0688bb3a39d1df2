package org.urbis.benchmarks.rest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/** Requests over real HTTP, one after another or at a fixed rate. */
final class Load {

    private final HttpClient http;
    private final String cookie;

    Load(HttpClient http, String cookie) {
        this.http = http;
        this.cookie = cookie;
    }

    private HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri)
                .header("Cookie", cookie)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    /** {@code count} requests one after another; each latency is its own round trip. */
    Latencies sequential(int count, IntFunction<URI> uri) throws InterruptedException {
        Latencies l = new Latencies();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            try {
                HttpResponse<byte[]> r = http.send(get(uri.apply(i)), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() == 200) {
                    l.add(System.nanoTime() - start);
                } else {
                    l.fail("HTTP " + r.statusCode());
                }
            } catch (java.io.IOException e) {
                l.fail(e.toString());
            }
        }
        return l;
    }

    /**
     * Open loop: request {@code i} is due at {@code start + i / rate} whether or not earlier ones have
     * answered, and its latency counts from when it was due, so a stalled server cannot hide its stall by
     * slowing the client down.
     */
    Latencies fixedRate(int perSecond, Duration length, IntFunction<URI> uri) {
        Latencies l = new Latencies();
        int total = (int) (perSecond * length.toMillis() / 1000);
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            all.add(http.sendAsync(get(uri.apply(i)), HttpResponse.BodyHandlers.ofByteArray())
                    .handle((r, e) -> {
                        if (e != null) {
                            l.fail(e.toString());
                        } else if (r.statusCode() != 200) {
                            l.fail("HTTP " + r.statusCode());
                        } else {
                            l.add(System.nanoTime() - due);
                        }
                        return null;
                    }));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
        return l;
    }
}
