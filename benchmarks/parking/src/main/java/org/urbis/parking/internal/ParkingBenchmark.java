package org.urbis.parking.internal;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;
import org.urbis.driver.parking.internal.ConnectionSettings;
import org.urbis.driver.parking.internal.DriverSettings;
import org.urbis.driver.parking.internal.NetworkServerConnection;
import org.urbis.driver.parking.internal.ParkingDriver;
import org.urbis.parking.codec.internal.NwaveNps405Codec;
import org.urbis.simulator.parking.LoraNetworkSimulator;
import org.urbis.simulator.parking.SensorModel;
import org.urbis.testing.Mosquitto;
import org.urbis.testkit.DeviceBuilder;
import org.urbis.testkit.DriverRuntime;
import org.urbis.testkit.Profiles;

/**
 * Parking load: simulated bays publish ChirpStack uplinks through mosquitto to the parking driver and
 * the device runtime; each arrival or departure is timed from the moment the simulator publishes it
 * to the moment its site's count shows it. At the same time wrk loads the ParkAPI sites feed (the
 * same occupancy and rendering code as {@code /public/parking/v3/sites}, on the JDK's HTTP server),
 * and a raw Paho subscriber that decodes nothing gives the broker's own latency as the ceiling. In
 * this package to use the feed's code as it is. Run by {@code benchmarks/parking/run.sh}.
 */
public final class ParkingBenchmark {

    private final int bays = Integer.getInteger("bench.bays", 20_000);
    private final int sites = Integer.getInteger("bench.sites", 200);
    private final int rate = Integer.getInteger("bench.rate", 500);
    private final int seconds = Integer.getInteger("bench.seconds", 120);
    private final Path out = Path.of(System.getProperty("bench.out", "target/parking-benchmark.txt"));

    private final ConcurrentLinkedQueue<Long> platformMicros = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> rawMicros = new ConcurrentLinkedQueue<>();
    /** Bay → (expected occupancy, publish nanos) of the change awaited in its site's count. */
    private final Map<String, long[]> pending = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        new ParkingBenchmark().run();
    }

    private void run() throws Exception {
        Path dir = Files.createTempDirectory("parking-bench-");
        try (Mosquitto broker = Mosquitto.start(dir)) {
            measure(broker.url());
        }
    }

    private void measure(String brokerUrl) throws Exception {
        List<ParkingSite> siteList = new ArrayList<>();
        for (int s = 0; s < sites; s++) {
            siteList.add(new ParkingSite("S-" + s, "Street " + s, 10.93, 108.10 + s * 0.001, "ON_STREET", Optional.empty(),
                    Optional.of(Duration.ofHours(2)), OpeningHours.parse("24/7"), Optional.empty(), "bench.parking.json"));
        }
        LoraNetworkSimulator sim = new LoraNetworkSimulator(brokerUrl, LoraNetworkSimulator.Server.CHIRPSTACK, "bench",
                Clock.systemUTC());
        List<Device> devices = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> euis = new ArrayList<>();
        var profile = Profiles.fromClasspath("URBIS-INF/profiles/parking.profiles.json").points("parking-bay");
        for (int i = 1; i <= bays; i++) {
            String eui = String.format(Locale.ROOT, "70B3D57E%08X", i);
            sim.add(eui, SensorModel.NWAVE_NPS405);
            euis.add(eui);
            String id = "PK-" + i;
            ids.add(id);
            devices.add(DeviceBuilder.device(id, DeviceClass.PARKING, "parking", "eui:" + eui).points(profile)
                    .option("model", "nwave-nps405").option("connection", "bench").tag("parking-site", "S-" + (i % sites))
                    .build());
        }
        NetworkServerConnection connection = new NetworkServerConnection(ConnectionSettings.of("bench", "chirpstack", brokerUrl));
        ParkingDriver driver = new ParkingDriver(DriverSettings.defaults(), Clock.systemUTC());
        driver.addCodec(new NwaveNps405Codec());
        driver.addConnection(connection);
        DriverRuntime runtime = DriverRuntime.builder().build().add(driver);
        runtime.apply(devices);
        MqttClient raw = new MqttClient(brokerUrl, "bench-raw", new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMaxInflight(65_535);
        raw.connect(o);
        raw.subscribe("application/+/device/+/event/up", 0, (topic, m) -> {
            // the ceiling: no JSON, no codec; the server's time is found by position only
            String s = new String(m.getPayload(), 0, Math.min(120, m.getPayload().length), StandardCharsets.US_ASCII);
            int at = s.indexOf("\"time\":\"");
            if (at >= 0) {
                Instant t = Instant.parse(s.substring(at + 8, s.indexOf('"', at + 8)));
                rawMicros.add(Duration.between(t, Instant.now()).toNanos() / 1_000);
            }
        });
        if (!sim.start(10)) {
            throw new IllegalStateException("the simulator cannot reach " + brokerUrl);
        }
        while (!connection.connected()) {
            Thread.sleep(10);
        }
        // every bay announces itself, at the load's rate
        long t0 = System.nanoTime();
        for (int i = 0; i < euis.size(); i++) {
            sim.heartbeat(euis.get(i));
            pace(t0, i);
        }
        long warmDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < warmDeadline && runtime.value(ids.get(ids.size() - 1), "occupied").isEmpty()) {
            Thread.sleep(50);
        }
        rawMicros.clear();

        ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.createContext("/public/parking/v3/sites", ex -> {
            List<DeviceSnapshot> snapshots = new ArrayList<>(ids.size());
            for (String id : ids) {
                snapshots.add(runtime.snapshot(id));
            }
            byte[] body = Feeds.parkApiSites(Occupancy.of(siteList, snapshots, Map.of(), Instant.now(), zone));
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        http.start();
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c16", "-d" + seconds + "s",
                "http://127.0.0.1:" + http.getAddress().getPort() + "/public/parking/v3/sites").redirectErrorStream(true).start();

        Thread checker = new Thread(() -> check(runtime), "bench-checker");
        checker.setDaemon(true);
        checker.start();
        long cpu0 = cpu();
        SplittableRandom random = new SplittableRandom(1);
        long start = System.nanoTime();
        long sent = 0;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
            int i = random.nextInt(bays);
            String id = ids.get(i);
            if (!pending.containsKey(id)) {
                boolean next = !sim.occupied(euis.get(i));
                pending.put(id, new long[] {next ? 1 : 0, System.nanoTime()});
                sim.park(euis.get(i), next);
            } else {
                sim.heartbeat(euis.get(i));
            }
            pace(start, sent++);
        }
        long cpu = cpu() - cpu0;
        String wrkOut = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        checker.interrupt();
        http.stop(0);
        StringBuilder r = new StringBuilder();
        r.append(String.format(Locale.ROOT, "parking benchmark %s: %d bays in %d sites, %d uplinks/s for %d s (%d sent)%n",
                Instant.now(), bays, sites, rate, seconds, sent));
        r.append("uplink -> site count (platform): ").append(stats(platformMicros)).append(", unconfirmed ")
                .append(pending.size()).append('\n');
        r.append("uplink -> raw Paho subscriber (ceiling): ").append(stats(rawMicros)).append('\n');
        r.append(String.format(Locale.ROOT, "process CPU %.1f s over %d s%n", cpu / 1e9, seconds));
        r.append("driver: ").append(driver.statistics()).append('\n');
        r.append("wrk on /public/parking/v3/sites (").append(sites).append(" sites):\n").append(wrkOut);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, r.toString());
        System.out.print(r);
        raw.disconnect();
        raw.close();
        runtime.close();
        driver.close();
        connection.close();
        sim.close();
    }

    /** Waits until the {@code n}th message is due at the rate. */
    private void pace(long start, long n) throws InterruptedException {
        long due = start + n * 1_000_000_000L / rate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    /** Times each awaited change when the runtime's value, which the site count is made of, shows it. */
    private void check(DriverRuntime runtime) {
        while (!Thread.currentThread().isInterrupted()) {
            for (Map.Entry<String, long[]> e : pending.entrySet()) {
                Value v = runtime.value(e.getKey(), "occupied").orElse(null);
                if (v != null && v.quality() == Quality.GOOD && v.value().equals(e.getValue()[0] == 1)) {
                    platformMicros.add((System.nanoTime() - e.getValue()[1]) / 1_000);
                    pending.remove(e.getKey());
                }
            }
            try {
                // a millisecond between scans: the checker must not take a core from what it measures
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static String stats(ConcurrentLinkedQueue<Long> micros) {
        long[] v = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        if (v.length == 0) {
            return "no samples";
        }
        return String.format(Locale.ROOT, "n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms", v.length, v[v.length / 2] / 1e3,
                v[(int) Math.min(v.length - 1, Math.round(v.length * 0.99))] / 1e3, v[v.length - 1] / 1e3);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
