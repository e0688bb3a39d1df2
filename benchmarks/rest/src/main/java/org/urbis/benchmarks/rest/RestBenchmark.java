package org.urbis.benchmarks.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The REST API and web console of the built distribution with many devices, over real HTTP on loopback:
 * <ol>
 * <li>baseline: the same server's smallest authenticated answer ({@code GET /api/v1/site}), one request after
 * another and at the fixed rate of the detail phase;</li>
 * <li>{@code GET /api/v1/devices} (every device, summary), one request after another;</li>
 * <li>{@code GET /api/v1/devices/{id}} of random devices at a fixed rate (open loop);</li>
 * <li>many clients of {@code /api/v1/events} receiving every value change, delivery time from the value's
 * source timestamp;</li>
 * <li>the console's map in headless Chromium: navigation until its last marker is drawn (map.mjs).</li>
 * </ol>
 * Nothing is measured before the runtime has settled: every device online, the platform's start-up warm-up
 * finished and the JIT compiler quiet, once after the start and again after the warm-up requests; the results
 * say when each held. Arguments: results file, devices, fixed rate per second, seconds per measured phase, event
 * clients.
 */
public final class RestBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RestBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        Path here = results.toAbsolutePath().getParent().getParent();
        int devices = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Duration phase = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 30);
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 50;
        // Polled every ten seconds, each device changes its value once per poll: devices / 10 changes a second.
        int pollSeconds = 10;
        Path tarball = Path.of(System.getProperty("bench.assembly"));
        Path driver = Path.of(System.getProperty("bench.testDriver"));
        Path signer = Path.of(System.getProperty("bench.signer"));

        List<String> out = new ArrayList<>();
        out.add("# Urbis REST benchmark, " + Instant.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", the production distribution on 127.0.0.1");
        out.add("# command: " + System.getProperty("bench.command", "RestBenchmark " + String.join(" ", args)));
        out.add(String.format(
                Locale.ROOT,
                "# devices %d (test driver, polled every %d s: %d value changes/s), fixed rate %d/s, "
                        + "%d s per phase, %d event clients",
                devices,
                pollSeconds,
                devices / pollSeconds,
                rate,
                phase.toSeconds(),
                clients));

        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(8, RestBenchmark::daemon))
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        try (Distribution runtime =
                Distribution.prepare(tarball, driver, signer, here.resolve("target/runtime"), devices, pollSeconds)) {
            long t0 = System.nanoTime();
            runtime.start(here.resolve("target/runtime.log"));
            runtime.awaitReady(http, "/api/v1/site", body -> true, Duration.ofMinutes(10));
            runtime.awaitReady(
                    http,
                    "/api/v1/devices?class=test&health=ONLINE",
                    body -> count(body) == devices,
                    Duration.ofMinutes(5));
            progress("runtime up with %d devices online in %.1f s", devices, (System.nanoTime() - t0) / 1e9);
            out.add(String.format(
                    Locale.ROOT,
                    "# all %d devices ONLINE %.1f s after the start",
                    devices,
                    (System.nanoTime() - t0) / 1e9));
            out.add("# start-up " + settle(runtime));
            String cookie = login(http, runtime.base());
            Load load = new Load(http, cookie);
            URI site = runtime.base().resolve("/api/v1/site");
            URI list = runtime.base().resolve("/api/v1/devices");
            Random random = new Random(42);
            int[] picks =
                    random.ints(rate * (int) phase.toSeconds() * 2, 0, devices).toArray();

            // Warm-up of every path, then the measured phases.
            load.sequential(50, i -> site);
            load.sequential(20, i -> list);
            load.fixedRate(rate, Duration.ofSeconds(5), i -> detail(runtime, picks[i]));
            // What the warm-up made the JIT compile is compiled before anything is measured.
            out.add("# after the warm-up requests, " + settle(runtime));

            Latencies siteSeq = load.sequential(200, i -> site);
            progress("baseline, site one after another: %s", siteSeq);
            out.add(siteSeq.lines("baseline_site_sequential", "GET /api/v1/site, 200 requests one after another"));
            Latencies listSeq = load.sequential(200, i -> list);
            progress("device list one after another: %s", listSeq);
            out.add(listSeq.lines(
                    "devices_list_sequential",
                    "GET /api/v1/devices (all " + devices
                            + ", summary), 200 requests one after another; goal p99 <= 100 ms"));
            Latencies siteRate = load.fixedRate(rate, phase, i -> site);
            progress("baseline, site at %d/s: %s", rate, siteRate);
            out.add(siteRate.lines("baseline_site_fixed_rate", "GET /api/v1/site at " + rate + "/s, open loop"));
            Latencies detail = load.fixedRate(rate, phase, i -> detail(runtime, picks[i]));
            progress("device detail at %d/s: %s", rate, detail);
            out.add(detail.lines(
                    "device_detail_fixed_rate",
                    "GET /api/v1/devices/{random id} at " + rate
                            + "/s, open loop, latency from when each was due; goal p99 <= 20 ms"));

            // The runtime's own CPU without event clients (the devices' polls), beside which the events' cost is read.
            Duration idleBefore = runtime.cpu();
            long idleStart = System.nanoTime();
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(10));
            double idleCpuMs = runtime.cpu().minus(idleBefore).toNanos()
                    / 1e6
                    * (phase.toNanos() / (double) (System.nanoTime() - idleStart));
            out.add(String.format(
                    Locale.ROOT,
                    "idle_server_cpu_percent %.0f   # the runtime's CPU without event clients, in %% of " + "one core",
                    idleCpuMs / 10 / phase.toSeconds()));
            try (EventClients events =
                    new EventClients(http, runtime.base().resolve("/api/v1/events?types=value"), cookie, clients)) {
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(5));
                long before = events.events();
                Duration cpuBefore = runtime.cpu();
                events.measure(true);
                long start = System.nanoTime();
                LockSupport.parkNanos(phase.toNanos());
                events.measure(false);
                double seconds = (System.nanoTime() - start) / 1e9;
                long delivered = events.events() - before;
                double perClient = delivered / seconds / clients;
                double cpuMs = runtime.cpu().minus(cpuBefore).toNanos() / 1e6;
                progress("events: %.0f a second per client, delivery %s", perClient, events.delivery());
                out.add(String.format(
                        Locale.ROOT,
                        "events_per_client_per_s %.0f   # value events each of %d clients received " + "a second",
                        perClient,
                        clients));
                out.add(String.format(
                        Locale.ROOT,
                        "events_server_cpu_percent %.0f   # the runtime's CPU while it sent them, in %% of "
                                + "one core (polling the devices included)",
                        cpuMs / 10 / seconds));
                out.add(String.format(
                        Locale.ROOT,
                        "events_server_cpu_us_per_event %.1f   # that CPU less the idle runtime's, per "
                                + "event delivered to a client",
                        (cpuMs - idleCpuMs * seconds / phase.toSeconds()) * 1000 / Math.max(1, delivered)));
                out.add(events.delivery()
                        .lines(
                                "events_delivery",
                                "value change source time until read by a client, " + clients
                                        + " clients; goal p99 <= 250 ms"));
            }
            out.addAll(map(here, runtime.base(), devices));
        }
        Files.createDirectories(results.toAbsolutePath().getParent());
        String text = String.join("\n", out) + "\n";
        Files.writeString(results, text);
        System.out.print(text);
        System.exit(0);
    }

    /** Waits until the runtime's start-up work and JIT compiling no longer overlap a measurement; says what held. */
    private static String settle(Distribution runtime) throws IOException {
        String settled = runtime.awaitSettled(0.05, Duration.ofSeconds(5), Duration.ofMinutes(5));
        progress("%s", settled);
        return settled;
    }

    /** The client's threads do not keep a failed run's JVM alive. */
    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "bench-http");
        t.setDaemon(true);
        return t;
    }

    private static URI detail(Distribution runtime, int device) {
        return runtime.base().resolve("/api/v1/devices/" + Distribution.deviceId(device));
    }

    private static int count(String body) {
        try {
            return JSON.readTree(body).path("count").asInt(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Logs in as a browser does and returns the session cookie. */
    private static String login(HttpClient http, URI base) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(
                java.util.Map.of("username", Distribution.USER, "password", Distribution.PASSWORD));
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(base.resolve("/api/v1/session"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("login answered HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.headers()
                .firstValue("Set-Cookie")
                .map(c -> c.split(";", 2)[0])
                .orElseThrow(() -> new IOException("login set no cookie"));
    }

    /** The console's map, timed by map.mjs in headless Chromium. */
    private static List<String> map(Path here, URI base, int devices) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "node",
                        here.resolve("map.mjs").toString(),
                        base.toString(),
                        Distribution.USER,
                        Distribution.PASSWORD,
                        String.valueOf(devices),
                        here.resolve("target/map.png").toString())
                .directory(here.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            progress("map: failed: %s", output);
            return List.of("console_map_failed   # " + output.replace('\n', ' '));
        }
        JsonNode r = JSON.readTree(output.substring(output.lastIndexOf('\n') + 1));
        progress("map: %s", r);
        return List.of(String.format(
                Locale.ROOT,
                "console_map_%d_markers_ms %d   # headless Chromium, navigation to the map "
                        + "until its last marker is drawn; goal <= 2000 ms (screenshot target/map.png)",
                devices,
                r.path("mapMs").asLong()));
    }

    private static void progress(String format, Object... args) {
        System.err.printf(format + "%n", args);
    }
}
