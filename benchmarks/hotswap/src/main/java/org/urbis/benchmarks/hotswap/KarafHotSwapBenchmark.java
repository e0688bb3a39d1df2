package org.urbis.benchmarks.hotswap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.urbis.simulator.water.WaterSimulator;
import org.urbis.testing.Await;
import org.urbis.testing.KarafHome;
import org.urbis.testing.Mosquitto;
import org.urbis.testing.Paho;

/**
 * Hot swap under load in the real distribution: N simulated water RTUs behind gateways of {@value #PER_GATEWAY} units,
 * polled every second by the water driver bundle, and B bystander RTUs polled every second by another driver bundle
 * (the grid meter's Modbus driver), while the telemetry publishes every change as Sparkplug B through a real
 * mosquitto to a subscriber here. After a window without a swap, the water driver bundle is updated in place
 * ({@code bundle:update}), then uninstalled and installed again, through Karaf's own shell, a window after each.
 *
 * <p>Every RTU's spare holding register 100 counts tenths of a second, so each poll reads a new value: the values'
 * source timestamps are the device's reads as the IOC sees them. Measured: per device the largest gap between reads
 * beyond the interval, in the window without a swap and in each swap's window; the bystanders' gaps; every value the
 * runtime accepted (its history store) that the subscriber did not receive, and values received twice; Sparkplug
 * sequence numbers that skipped; and whether any other bundle changed (id, state, last modified, or a restart that
 * re-registered its services). Run by {@code benchmarks/hotswap/run.sh}; figures go to {@code bench.out}.
 */
public final class KarafHotSwapBenchmark {

    private static final int PER_GATEWAY = 100;
    private static final long INTERVAL_MS = 1000;
    /** The counting point: the RTUs' first spare holding register. */
    private static final String TICK = "tick";

    private static final int TICK_REGISTER = 100;
    private static final String[] WATER_POINTS = {
        "{\"name\": \"tick\", \"type\": \"INTEGER\", \"access\": \"r\", \"deadband\": 0, \"address\": \"hr:100\"}",
        "{\"name\": \"position\", \"type\": \"FLOAT\", \"unit\": \"%\", \"access\": \"r\", \"deadband\": 0.5, \"address\": \"ir:0\", \"options\": {\"scale\": \"0.1\"}}",
        "{\"name\": \"pressure\", \"type\": \"FLOAT\", \"unit\": \"bar\", \"access\": \"r\", \"deadband\": 0.05, \"address\": \"ir:1\", \"options\": {\"rawMin\": \"4000\", \"rawMax\": \"20000\", \"engMin\": \"0\", \"engMax\": \"10\"}}",
        "{\"name\": \"flow\", \"type\": \"FLOAT\", \"unit\": \"m3/h\", \"access\": \"r\", \"deadband\": 1, \"address\": \"ir:2\", \"options\": {\"type\": \"float32\", \"order\": \"CDAB\"}}",
        "{\"name\": \"totaliser\", \"type\": \"FLOAT\", \"unit\": \"m3\", \"access\": \"r\", \"deadband\": 0, \"address\": \"ir:4\", \"options\": {\"type\": \"uint32\", \"scale\": \"0.1\"}}",
        "{\"name\": \"temperature\", \"type\": \"FLOAT\", \"unit\": \"°C\", \"access\": \"r\", \"deadband\": 0.2, \"address\": \"ir:6\", \"options\": {\"type\": \"int16\", \"scale\": \"0.1\"}}"
    };
    private static final String WATER_BUNDLE = "urbis-driver-water";
    private static final String GROUP = "bench";
    private static final String NODE = "hotswap";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int devices = Integer.getInteger("bench.devices", 500);
    private final int bystanders = Integer.getInteger("bench.bystanders", 100);
    private final int window = Integer.getInteger("bench.window", 30);
    private final Path distribution = Path.of(System.getProperty("bench.distribution", "karaf-assembly/target/demo"));
    private final Path out = Path.of(System.getProperty("bench.out", "target/results.txt"));

    /** Per device and point, the source timestamps (epoch ms) of the GOOD values received, with how often each came. */
    private final Map<String, Map<String, Map<Long, Integer>>> received = new ConcurrentHashMap<>();

    private final Map<String, Map<Long, String>> aliases = new ConcurrentHashMap<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong sequenceSkips = new AtomicLong();
    private volatile long lastSeq = -1;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Path home;
    private int httpPort;
    private int sshPort;

    public static void main(String[] args) throws Exception {
        new KarafHotSwapBenchmark().run();
    }

    void run() throws Exception {
        Path work = Files.createTempDirectory("urbis-hotswap-bench");
        List<WaterSimulator> sims = new ArrayList<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        Process karaf = null;
        try (Mosquitto broker = Mosquitto.start(work.resolve("broker"))) {
            StringBuilder inventory = new StringBuilder("{\"type\": \"FeatureCollection\", \"features\": [\n");
            rtus(inventory, "WV-S", "water", "water", devices, sims);
            rtus(inventory, "WV-B", "gridmeter", "gridmeter", bystanders, sims);
            inventory.setLength(inventory.length() - 2);
            inventory.append("\n]}\n");
            long started = System.nanoTime();
            ticker.scheduleAtFixedRate(
                    () -> {
                        int tenths = (int) ((System.nanoTime() - started) / 100_000_000L) & 0xFFFF;
                        for (WaterSimulator sim : sims) {
                            for (int u = 1; u <= sim.units(); u++) {
                                sim.rtu(u).holding(TICK_REGISTER, tenths);
                            }
                        }
                    },
                    0,
                    100,
                    TimeUnit.MILLISECONDS);
            MqttClient ioc = subscriber(broker.url());

            home = work.resolve("karaf");
            prepare(inventory.toString(), broker.url());
            karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("karaf.out").toFile())
                    .start();
            Process k = karaf;
            Await.until(
                    "the REST API of the distribution in " + home,
                    Duration.ofMinutes(5),
                    () -> k.isAlive() && answers(),
                    () -> k.isAlive()
                            ? ""
                            : "(Karaf exited with " + k.exitValue() + ", see " + home.resolve("karaf.out") + ")");
            Await.until(
                    "every device's tick at the subscriber",
                    Duration.ofMinutes(5),
                    () -> ticking() == devices + bystanders,
                    () -> ticking() + " of " + (devices + bystanders) + " devices deliver");
            TimeUnit.SECONDS.sleep(10); // warm-up: every session settled, JIT; measured from here

            Map<Long, String> before = bundles();
            Map.Entry<Long, String> water = before.entrySet().stream()
                    .filter(e -> e.getValue().contains(WATER_BUNDLE))
                    .findFirst()
                    .orElseThrow(
                            () -> new IllegalStateException("no " + WATER_BUNDLE + " bundle in " + before.values()));
            String location = location(water.getKey());
            long t0 = System.currentTimeMillis();
            TimeUnit.SECONDS.sleep(window);
            long t1 = System.currentTimeMillis();
            String updated = shell("bundle:update " + water.getKey());
            TimeUnit.SECONDS.sleep(window);
            long t2 = System.currentTimeMillis();
            String reinstalled = shell("bundle:uninstall " + water.getKey() + "\nbundle:install -s " + location);
            TimeUnit.SECONDS.sleep(window);
            long t3 = System.currentTimeMillis();
            Map<Long, String> after = bundles();
            // the history commits what it accepted a moment later
            TimeUnit.SECONDS.sleep(10);

            // what the runtime accepted in the three windows, against what the subscriber received
            long[] counts = compare(t0, t3);
            StringBuilder report = new StringBuilder();
            report.append(String.format(
                    Locale.ROOT,
                    "Hot swap under load in the distribution, %s%n%d water RTUs (swapped) + %d bystander "
                            + "RTUs (grid meter driver) x %d points polled every 1 s, %d Modbus gateways of up to %d units, telemetry (Sparkplug B, "
                            + "QoS 1) through mosquitto; windows of %d s; %d cores; load average %s%n"
                            + "The water driver bundle was updated by bundle:update at +%d s, uninstalled and installed again at +%d s.%n%n",
                    Instant.now(),
                    devices,
                    bystanders,
                    WATER_POINTS.length,
                    sims.size(),
                    PER_GATEWAY,
                    window,
                    Runtime.getRuntime().availableProcessors(),
                    loadAverage(),
                    (t1 - t0) / 1000,
                    (t2 - t0) / 1000));
            report.append(String.format(
                    Locale.ROOT,
                    "%-48s %10s %10s %10s%n",
                    "polling gap beyond the 1 s interval (ms)",
                    "p50",
                    "p99",
                    "max"));
            Gaps baseline = gaps("WV-S", t0, t1);
            Gaps update = gaps("WV-S", t1, t2);
            Gaps reinstall = gaps("WV-S", t2, t3);
            Gaps bystandersBefore = gaps("WV-B", t0, t1);
            Gaps bystandersDuring = gaps("WV-B", t1, t3);
            report.append(line("no swap: water RTUs, largest per device", baseline));
            report.append(line("update: water RTUs, largest per device", update));
            report.append(line("reinstall: water RTUs, largest per device", reinstall));
            report.append(line("no swap: bystanders, largest per device", bystandersBefore));
            report.append(line("swaps: bystanders, largest per device", bystandersDuring));
            double worst = Math.max(update.max(), reinstall.max());
            report.append(String.format(
                    Locale.ROOT,
                    "%nLargest polling gap of a swapped device across a swap: %.0f ms beyond the interval "
                            + "(goal: at most 1000 ms): %s; the window without a swap: %.0f ms%n",
                    worst,
                    worst <= 1000 ? "met" : "NOT met",
                    baseline.max()));
            report.append(String.format(
                    Locale.ROOT,
                    "Bystanders' largest gap: %.0f ms during the swaps, %.0f ms without%n",
                    bystandersDuring.max(),
                    bystandersBefore.max()));
            report.append(String.format(
                    Locale.ROOT,
                    "Values accepted by the runtime (its history, GOOD) in the three windows: %d; "
                            + "received by the subscriber: %d; lost (accepted, never received): %d (goal 0); received twice: %d%n",
                    counts[0],
                    counts[1],
                    counts[2],
                    counts[3]));
            report.append(String.format(
                    Locale.ROOT,
                    "Sparkplug messages received %d, sequence numbers skipped %d%n",
                    messages.get(),
                    sequenceSkips.get()));
            List<String> moved = new ArrayList<>();
            before.forEach((id, state) -> {
                if (!id.equals(water.getKey()) && !state.equals(after.get(id))) {
                    moved.add(state + " -> " + after.get(id));
                }
            });
            report.append(String.format(
                    Locale.ROOT,
                    "Other bundles refreshed, restarted or changed (id, state, last modified, services): "
                            + "%d of %d (goal 0)%s%n",
                    moved.size(),
                    before.size() - 1,
                    moved.isEmpty() ? "" : ": " + moved));
            Matcher reinstalledAs = Pattern.compile("Bundle ID: (\\d+)").matcher(reinstalled);
            Matcher error = Pattern.compile("(?m)^.*(Error|Exception).*$").matcher(updated + reinstalled);
            report.append(String.format(
                    Locale.ROOT,
                    "Water driver bundle %d updated, then reinstalled as bundle %s%s%n",
                    water.getKey(),
                    reinstalledAs.find() ? reinstalledAs.group(1) : "?",
                    error.find() ? "; the shell said: " + error.group().strip() : ""));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report.toString());
            System.out.println(report);
            ioc.disconnect();
            ioc.close();
        } finally {
            if (karaf != null) {
                KarafHome.stop(karaf);
            }
            ticker.shutdownNow();
            sims.forEach(WaterSimulator::close);
            delete(work);
        }
    }

    /** The copy of the distribution and the broker's folder are the run's own. */
    private static void delete(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---- the site ----

    private void rtus(StringBuilder json, String prefix, String cls, String driver, int n, List<WaterSimulator> sims)
            throws IOException {
        WaterSimulator sim = null;
        for (int i = 0; i < n; i++) {
            if (i % PER_GATEWAY == 0) {
                sim = new WaterSimulator(InetAddress.getLoopbackAddress(), 0, Math.min(PER_GATEWAY, n - i), 1000);
                sims.add(sim);
            }
            String points = driver.equals("water") ? String.join(", ", WATER_POINTS) : WATER_POINTS[0];
            json.append(String.format(
                    Locale.ROOT,
                    "{\"type\": \"Feature\", \"id\": \"%s-%04d\", \"geometry\": {\"type\": \"Point\", "
                            + "\"coordinates\": [%.5f, 10.93]}, \"properties\": {\"class\": \"%s\", \"driver\": \"%s\", "
                            + "\"address\": \"tcp://127.0.0.1:%d/unit=%d\", \"tags\": {\"zone\": \"%s\"}, \"points\": [%s], \"pollInterval\": 1}},%n",
                    prefix,
                    i,
                    108.1 + i * 0.0001,
                    cls,
                    driver,
                    sim.port(),
                    i % PER_GATEWAY + 1,
                    prefix,
                    points));
        }
    }

    /** A copy of the distribution on free ports, its demo devices, feeders and programs replaced by the benchmark's RTUs. */
    private void prepare(String inventory, String broker) throws IOException, InterruptedException {
        if (!Files.isDirectory(distribution.resolve("bin"))) {
            throw new IOException(distribution.toAbsolutePath() + " is no distribution: build karaf-assembly first");
        }
        int exit = new ProcessBuilder("cp", "-a", distribution.toString(), home.toString())
                .inheritIO()
                .start()
                .waitFor();
        if (exit != 0) {
            throw new IOException("cp -a " + distribution + " " + home + " failed with " + exit);
        }
        httpPort = Mosquitto.freePort();
        sshPort = Mosquitto.freePort();
        set(
                "org.ops4j.pax.web.cfg",
                Map.of(
                        "org.osgi.service.http.port",
                        Integer.toString(httpPort),
                        "org.ops4j.pax.web.listening.addresses",
                        "127.0.0.1"));
        set("org.apache.karaf.shell.cfg", Map.of("sshPort", Integer.toString(sshPort), "sshHost", "127.0.0.1"));
        set(
                "org.apache.karaf.management.cfg",
                Map.of(
                        "rmiRegistryPort",
                        Integer.toString(Mosquitto.freePort()),
                        "rmiServerPort",
                        Integer.toString(Mosquitto.freePort()),
                        "rmiRegistryHost",
                        "127.0.0.1",
                        "rmiServerHost",
                        "127.0.0.1"));
        int embedded = Mosquitto.freePort();
        set(
                "org.urbis.broker.cfg",
                Map.of("host", "127.0.0.1", "port", Integer.toString(embedded), "persistence", "false"));
        // every change reported as it comes: no integrity reports, which would repeat values
        set(
                "org.urbis.telemetry.cfg",
                Map.of(
                        "broker.url",
                        broker,
                        "group.id",
                        GROUP,
                        "node.id",
                        NODE,
                        "encoding",
                        "sparkplug",
                        "integrity.intervalSeconds",
                        "0"));
        set("org.urbis.driver.streetlight.cfg", Map.of("broker.url", "tcp://127.0.0.1:" + embedded));
        set("org.urbis.simulator.streetlight.cfg", Map.of("broker.url", "tcp://127.0.0.1:" + embedded, "count", "0"));
        set("org.urbis.simulator.water.cfg", Map.of("port", Integer.toString(Mosquitto.freePort()), "units", "1"));
        for (String folder : List.of("inventory", "grid", "irrigation", "schedules")) {
            Path dir = home.resolve("etc/urbis").resolve(folder);
            if (Files.isDirectory(dir)) {
                try (var files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
        Files.writeString(home.resolve("etc/urbis/inventory/hotswap-bench.geojson"), inventory);
    }

    private void set(String file, Map<String, String> values) throws IOException {
        KarafHome.set(home, file, values);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll("^(\\S+ \\S+ \\S+).*", "$1");
        } catch (IOException e) {
            return "unknown";
        }
    }

    // ---- Karaf's shell ----

    /** Runs commands in Karaf's shell over SSH as the demo's admin, fed on standard input; returns what they printed. */
    private String shell(String commands) throws IOException, InterruptedException {
        Process client = new ProcessBuilder(
                        home.resolve("bin/client").toString(),
                        "-a",
                        Integer.toString(sshPort),
                        "-h",
                        "127.0.0.1",
                        "-u",
                        "admin",
                        "-p",
                        "demo-admin",
                        "-r",
                        "10",
                        "-d",
                        "2")
                .redirectErrorStream(true)
                .start();
        client.getOutputStream().write((commands + "\nlogout\n").getBytes(StandardCharsets.UTF_8));
        client.getOutputStream().close();
        String text = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!client.waitFor(2, TimeUnit.MINUTES)) {
            client.destroyForcibly();
            throw new IOException("Karaf's client did not end: " + text);
        }
        // the terminal's escape sequences are not output
        return text.replaceAll("\u001B\\[[0-9;?]*[A-Za-z]", "").replace("\r", "");
    }

    private static final Pattern BUNDLE = Pattern.compile("(?m)^B (\\d+) (.*)$");
    private static final Pattern SERVICE = Pattern.compile("(?m)^S (\\d+) (\\d+)$");

    /**
     * Every bundle: its id, name, state, last modified time and the ids of the services it registered (a bundle that
     * was refreshed or restarted registers its services again, under new ids).
     */
    private Map<Long, String> bundles() throws IOException, InterruptedException {
        String text = shell(
                "each ($.context bundles) { echo B ($it bundleId) ($it symbolicName) ($it state) ($it lastModified) }\n"
                        + "each ($.context bundles) { b = $it ; each ($b registeredServices) { echo S ($b bundleId) ($it property service.id) } }");
        Map<Long, String> out = new TreeMap<>();
        Matcher m = BUNDLE.matcher(text);
        while (m.find()) {
            out.put(Long.parseLong(m.group(1)), m.group(1) + " " + m.group(2).strip() + ", services");
        }
        Matcher s = SERVICE.matcher(text);
        while (s.find()) {
            out.computeIfPresent(Long.parseLong(s.group(1)), (id, b) -> b + " " + s.group(2));
        }
        if (out.size() < 10) {
            throw new IOException("the shell listed no bundles: " + text);
        }
        return out;
    }

    private String location(long id) throws IOException, InterruptedException {
        String text = shell("echo L (($.context bundle " + id + ") location)");
        Matcher m = Pattern.compile("(?m)^L (\\S+)").matcher(text);
        if (!m.find()) {
            throw new IOException("no location of bundle " + id + ": " + text);
        }
        return m.group(1);
    }

    // ---- the REST API ----

    private boolean answers() {
        return KarafHome.answers(http, request("/api/v1/site"));
    }

    private HttpRequest request(String path) {
        String auth =
                Base64.getEncoder().encodeToString("maintenance:demo-maintenance".getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + auth)
                .header("Accept", "application/json")
                .build();
    }

    /**
     * Per device and point, the GOOD values the history kept with a timestamp in [from, to), against those received:
     * accepted, received, lost, received twice. Waits until the subscriber has caught up or no longer comes nearer.
     */
    private long[] compare(long from, long to) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            ids.add(String.format(Locale.ROOT, "WV-S-%04d", i));
        }
        for (int i = 0; i < bystanders; i++) {
            ids.add(String.format(Locale.ROOT, "WV-B-%04d", i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Map<String, List<Long>> accepted = new ConcurrentHashMap<>();
        try {
            List<Future<?>> all = new ArrayList<>();
            for (String id : ids) {
                List<String> points = id.startsWith("WV-S")
                        ? List.of("tick", "position", "pressure", "flow", "totaliser", "temperature")
                        : List.of(TICK);
                for (String point : points) {
                    all.add(pool.submit(() -> {
                        accepted.put(id + "/" + point, history(id, point, from, to));
                        return null;
                    }));
                }
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long lost = Long.MAX_VALUE;
        long progress = System.nanoTime();
        long[] counts = new long[4];
        while (true) {
            long missing = 0;
            long total = 0;
            for (Map.Entry<String, List<Long>> e : accepted.entrySet()) {
                String[] key = e.getKey().split("/");
                Map<Long, Integer> got = received.getOrDefault(key[0], Map.of()).getOrDefault(key[1], Map.of());
                total += e.getValue().size();
                missing +=
                        e.getValue().stream().filter(t -> !got.containsKey(t)).count();
            }
            if (missing < lost) {
                progress = System.nanoTime();
            }
            lost = missing;
            counts[0] = total;
            if (lost == 0 || System.nanoTime() - progress > TimeUnit.SECONDS.toNanos(15)) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        counts[2] = lost;
        // only the points compared: the subscriber also receives the devices' health metrics, which the history keeps
        // apart
        for (String key : accepted.keySet()) {
            String[] k = key.split("/");
            for (Map.Entry<Long, Integer> t : received.getOrDefault(k[0], Map.of())
                    .getOrDefault(k[1], Map.of())
                    .entrySet()) {
                if (t.getKey() >= from && t.getKey() < to) {
                    counts[1]++;
                    counts[3] += t.getValue() - 1;
                }
            }
        }
        return counts;
    }

    private List<Long> history(String id, String point, long from, long to) throws IOException, InterruptedException {
        String query = "/api/v1/devices/" + id + "/history?point=" + point + "&from="
                + URLEncoder.encode(Instant.ofEpochMilli(from).toString(), StandardCharsets.UTF_8) + "&to="
                + URLEncoder.encode(Instant.ofEpochMilli(to).toString(), StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(request(query), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + query + ": " + r.statusCode() + " " + r.body());
        }
        List<Long> times = new ArrayList<>();
        for (JsonNode v : JSON.readTree(r.body()).path("values")) {
            if ("GOOD".equals(v.path("quality").asText())) {
                times.add(Instant.parse(v.path("time").asText()).toEpochMilli());
            }
        }
        return times;
    }

    // ---- the subscriber ----

    private MqttClient subscriber(String url) throws Exception {
        MqttClient sub = Paho.connect(url, "bench-ioc", 1000);
        SparkplugBPayloadDecoder decoder = new SparkplugBPayloadDecoder();
        sub.subscribe("spBv1.0/" + GROUP + "/+/" + NODE + "/#", 1, (topic, message) -> {
            String[] parts = topic.split("/");
            String type = parts[2];
            SparkplugBPayload payload = decoder.buildFromByteArray(message.getPayload(), null);
            sequence(type, payload.getSeq());
            if (parts.length < 5) {
                return;
            }
            String device = parts[4];
            Map<Long, String> names = aliases.computeIfAbsent(device, k -> new ConcurrentHashMap<>());
            for (Metric m : payload.getMetrics()) {
                if (type.equals("DBIRTH") && m.getName() != null && m.hasAlias()) {
                    names.put(m.getAlias(), m.getName());
                }
                if ((type.equals("DDATA") || type.equals("DBIRTH"))
                        && m.getTimestamp() != null
                        && (m.getProperties() == null || m.getProperties().getPropertyValue("Quality") == null)) {
                    String name = m.getName() != null ? m.getName() : names.get(m.getAlias());
                    if (name != null && m.getValue() != null) {
                        received.computeIfAbsent(device, k -> new ConcurrentHashMap<>())
                                .computeIfAbsent(name, k -> new ConcurrentHashMap<>())
                                .merge(m.getTimestamp().getTime(), 1, Integer::sum);
                    }
                }
            }
        });
        return sub;
    }

    /** Counts skips in the node's message sequence (0..255, restarting at its birth). */
    private synchronized void sequence(String type, Long seq) {
        messages.incrementAndGet();
        if (seq == null) {
            return;
        }
        if (!type.equals("NBIRTH") && lastSeq >= 0 && seq != (lastSeq + 1) % 256) {
            sequenceSkips.incrementAndGet();
        }
        lastSeq = seq;
    }

    /** How many devices have delivered their tick at least three times. */
    private int ticking() {
        int n = 0;
        for (Map<String, Map<Long, Integer>> points : received.values()) {
            if (points.getOrDefault(TICK, Map.of()).size() >= 3) {
                n++;
            }
        }
        return n;
    }

    // ---- the figures ----

    /** Per device, its largest gap between consecutive reads beyond the interval, ms. */
    private record Gaps(List<Double> ms) {
        double pct(int p) {
            if (ms.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(ms);
            Collections.sort(sorted);
            return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
        }

        double max() {
            return pct(100);
        }
    }

    /** Per device whose id starts with {@code prefix}, the largest gap between consecutive reads both in [from, to), or spanning it. */
    private Gaps gaps(String prefix, long from, long to) {
        List<Double> ms = new ArrayList<>();
        received.forEach((id, points) -> {
            if (!id.startsWith(prefix)) {
                return;
            }
            List<Long> reads =
                    new ArrayList<>(points.getOrDefault(TICK, Map.of()).keySet());
            Collections.sort(reads);
            long worst = -1;
            for (int i = 1; i < reads.size(); i++) {
                if (reads.get(i) >= from && reads.get(i - 1) < to) {
                    worst = Math.max(worst, reads.get(i) - reads.get(i - 1) - INTERVAL_MS);
                }
            }
            if (worst >= 0 || reads.size() > 1) {
                ms.add((double) Math.max(0, worst));
            }
        });
        return new Gaps(ms);
    }

    private static String line(String what, Gaps g) {
        return String.format(
                Locale.ROOT,
                "%-48s %10.0f %10.0f %10.0f   (%d devices)%n",
                what,
                g.pct(50),
                g.pct(99),
                g.max(),
                g.ms().size());
    }
}
