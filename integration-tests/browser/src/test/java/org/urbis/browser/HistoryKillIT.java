package org.urbis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urbis.testing.Await;
import org.urbis.testing.DemoRuntime;

/**
 * The history store across a kill -9 of the runtime: a luminaire reports a new energy reading five times
 * a second into the demo distribution, the runtime is killed with SIGKILL while it writes, and after a
 * restart every reading the history had committed before the kill is there, in order and once, and the
 * store goes on taking new ones. Runs are sealed every 2 s, so that the kill finds both sealed chunks
 * and the write-ahead log.
 */
class HistoryKillIT {

    private static final Path WORK = Path.of(System.getProperty("urbis.browser.work", "target"));
    /** The demo's luminaire without a simulated node: only this test reports for it. */
    private static final String DEVICE = "SL-PT-090";

    private static final String POINT = "energy";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DemoRuntime demo;
    private Process publisher;

    @AfterEach
    void stop() {
        if (publisher != null) {
            publisher.destroyForcibly();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void everyValueCommittedBeforeAKillIsThereAfterTheRestart() throws Exception {
        demo = BrowserDemo.create("history-kill-runtime");
        demo.set("org.urbis.history.cfg", Map.of("sealSeconds", "2", "commitMillis", "200"));
        demo.start(Duration.ofMinutes(3));
        Instant from = Instant.now().minus(Duration.ofMinutes(1));
        AtomicLong reading = new AtomicLong();
        Thread reporter = report(reading);

        Await.until("20 readings of " + DEVICE + " in its history", Duration.ofMinutes(2), () -> count(from) >= 20);
        // What a query sees was appended; once the count of committed values has moved twice after the
        // query, a commit that began after it has ended, and everything the query saw is on disk.
        Map<Instant, Double> acknowledged = values(from);
        long w0 = get("/api/v1/history").path("written").asLong();
        AtomicLong w1 = new AtomicLong();
        Await.until("a commit after the query", Duration.ofMinutes(1), () -> {
            w1.set(written());
            return w1.get() > w0;
        });
        Await.until("a second commit after the query", Duration.ofMinutes(1), () -> written() > w1.get());
        demo.kill(); // mid-write: the luminaire still reports
        publisher.destroyForcibly(); // nothing it still holds may reach the restarted broker
        reporter.interrupt();
        reporter.join(10_000);
        long lastSent = reading.get();

        demo.start(Duration.ofMinutes(3));
        // The history component opens the store (and replays its log) on its own thread of Karaf's start.
        Await.until("the history store to open again", Duration.ofMinutes(1), () -> count(from) >= 0);
        JsonNode status = get("/api/v1/history");
        assertTrue(status.path("file").asText().endsWith("history.mv.db"), status.toString());
        Map<Instant, Double> after = values(from);
        List<String> lost = new ArrayList<>();
        acknowledged.forEach((time, value) -> {
            if (!value.equals(after.get(time))) {
                lost.add(time + "=" + value + " (now " + after.get(time) + ")");
            }
        });
        assertEquals(
                List.of(), lost, acknowledged.size() + " readings were committed before the kill; these are not back");
        // In order and once each: every reading is one more than the one before (the first few may have
        // come before the driver listened).
        double previous = after.values().iterator().next() - 1;
        for (double v : after.values()) {
            assertEquals(previous + 1, v, "readings after the restart: " + after.values());
            previous = v;
        }
        double last = previous;
        assertTrue(previous <= lastSent, "read back " + previous + " but only " + lastSent + " were sent");

        // The store goes on: readings sent after the restart are kept behind the old ones.
        reading.set((long) last + 1_000);
        reporter = report(reading);
        Await.until("a reading sent after the restart in the history", Duration.ofMinutes(1), () -> {
            try {
                return values(from).values().stream().anyMatch(v -> v > last + 1_000);
            } catch (IOException e) {
                return false;
            }
        });
        reporter.interrupt();
        reporter.join(10_000);
    }

    /** Starts a thread that sends {@code reading + 1}, + 2, … five times a second through mosquitto_pub. */
    private Thread report(AtomicLong reading) throws IOException {
        // The embedded broker may start after the REST API answers.
        Await.until("the embedded MQTT broker on port " + demo.mqttPort(), Duration.ofMinutes(2), () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", demo.mqttPort()), 1_000);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        publisher = new ProcessBuilder(
                        "mosquitto_pub",
                        "-h",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(demo.mqttPort()),
                        "-q",
                        "1",
                        "-i",
                        "history-kill-test",
                        "-t",
                        "urbis/luminaires/" + DEVICE + "/status",
                        "-l")
                .redirectErrorStream(true)
                .redirectOutput(WORK.resolve("history-kill-mosquitto_pub.log").toFile())
                .start();
        Process p = publisher;
        Thread t = new Thread(
                () -> {
                    try (Writer out = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8)) {
                        while (!Thread.currentThread().isInterrupted() && p.isAlive()) {
                            out.write("{\"ts\":" + System.currentTimeMillis()
                                    + ",\"relay\":true,\"dim\":100,\"power\":96.5,\"energy\":"
                                    + reading.incrementAndGet() + ",\"lamp\":\"OK\",\"voltage\":230.0}\n");
                            out.flush();
                            LockSupport.parkNanos(
                                    TimeUnit.MILLISECONDS.toNanos(200)); // the reporting rate, not a wait for anything
                        }
                    } catch (IOException e) {
                        // the broker went with the runtime
                    }
                },
                "luminaire " + DEVICE);
        t.start();
        return t;
    }

    /** The readings kept since {@code from}, or -1 while history does not answer. */
    private int count(Instant from) {
        try {
            return values(from).size();
        } catch (IOException e) {
            return -1;
        }
    }

    private Map<Instant, Double> values(Instant from) throws IOException {
        String query = "?point=" + POINT + "&from=" + URLEncoder.encode(from.toString(), StandardCharsets.UTF_8)
                + "&to="
                + URLEncoder.encode(Instant.now().plus(Duration.ofDays(1)).toString(), StandardCharsets.UTF_8);
        Map<Instant, Double> out = new LinkedHashMap<>();
        for (JsonNode v : get("/api/v1/devices/" + DEVICE + "/history" + query).path("values")) {
            out.put(Instant.parse(v.path("time").asText()), v.path("value").asDouble());
        }
        return out;
    }

    private long written() {
        try {
            return get("/api/v1/history").path("written").asLong();
        } catch (IOException e) {
            return -1;
        }
    }

    private JsonNode get(String path) throws IOException {
        String auth =
                Base64.getEncoder().encodeToString("maintenance:demo-maintenance".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(demo.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + auth)
                .header("Accept", "application/json")
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
