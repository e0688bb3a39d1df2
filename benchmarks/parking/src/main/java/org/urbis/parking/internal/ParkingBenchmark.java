package org.urbis.parking.internal;

import java.lang.management.ManagementFactory;
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
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.event.DeviceChanged;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.HealthChanged;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.core.internal.device.CoreSettings;
import org.urbis.core.internal.device.StandaloneDeviceRuntime;
import org.urbis.core.internal.event.EventBus;
import org.urbis.driver.parking.internal.ConnectionSettings;
import org.urbis.driver.parking.internal.NetworkServerConnection;
import org.urbis.driver.parking.internal.ParkingDriver;
import org.urbis.driver.parking.internal.ParkingDriverSettings;
import org.urbis.parking.codec.internal.NwaveNps405Codec;
import org.urbis.simulator.parking.LoraNetworkSimulator;
import org.urbis.simulator.parking.SensorModel;
import org.urbis.testing.Mosquitto;
import org.urbis.testing.Paho;
import org.urbis.testkit.DeviceBuilder;
import org.urbis.testkit.Profiles;

/**
 * Parking load: simulated bays publish ChirpStack uplinks through mosquitto to the parking driver, the
 * device runtime and its event stream, and the site counts kept from its events as the parking service
 * keeps them; each arrival or departure is timed from the moment the simulator publishes it to the
 * moment its site's {@code occupied} count shows it (one change per site in flight, so that a count
 * names its change). At the same time wrk loads {@code GET /public/parking/v3/sites} answered by the
 * feed servlet itself, with its one-second occupancy snapshot, in Jetty 9.4 (Pax Web's container), and
 * a raw Paho subscriber that decodes nothing gives the broker's own latency as the ceiling. In this
 * package to use the feed's code as it is. Run by {@code benchmarks/parking/run.sh}.
 */
public final class ParkingBenchmark {

    private final int bays = Integer.getInteger("bench.bays", 20_000);
    private final int sites = Integer.getInteger("bench.sites", 200);
    private final int rate = Integer.getInteger("bench.rate", 500);
    private final int seconds = Integer.getInteger("bench.seconds", 120);
    /** As {@code rateLimit.clients} in {@code etc/org.urbis.parking.cfg}: the load client's own rate. */
    private final String rateLimitClients = System.getProperty("bench.rateLimitClients", "127.0.0.1=1000000/1000000");

    private final String wrkOptions = System.getProperty("bench.wrk", "-t1 -c4");
    private final Path out = Path.of(System.getProperty("bench.out", "target/parking-benchmark.txt"));

    private final ConcurrentLinkedQueue<Long> siteMicros = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> rawMicros = new ConcurrentLinkedQueue<>();
    /** Site → (its occupied count expected, publish nanos) of the change awaited in its count. */
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
        Map<String, ParkingSite> siteMap = new java.util.LinkedHashMap<>();
        for (int s = 0; s < sites; s++) {
            siteMap.put(
                    "S-" + s,
                    new ParkingSite(
                            "S-" + s,
                            "Street " + s,
                            10.93,
                            108.10 + s * 0.001,
                            "ON_STREET",
                            Optional.empty(),
                            Optional.of(Duration.ofHours(2)),
                            OpeningHours.parse("24/7"),
                            Optional.empty(),
                            "bench.parking.json"));
        }
        LoraNetworkSimulator sim =
                new LoraNetworkSimulator(brokerUrl, LoraNetworkSimulator.Server.CHIRPSTACK, "bench", Clock.systemUTC());
        List<Device> devices = new ArrayList<>();
        List<String> euis = new ArrayList<>();
        var profile = Profiles.fromClasspath("URBIS-INF/profiles/parking.profiles.json")
                .points("parking-bay");
        for (int i = 1; i <= bays; i++) {
            String eui = String.format(Locale.ROOT, "70B3D57E%08X", i);
            sim.add(eui, SensorModel.NWAVE_NPS405);
            euis.add(eui);
            devices.add(DeviceBuilder.device("PK-" + i, DeviceClass.PARKING, "parking", "eui:" + eui)
                    .points(profile)
                    .option("model", "nwave-nps405")
                    .option("connection", "bench")
                    .tag("parking-site", site(i - 1))
                    .build());
        }
        NetworkServerConnection connection =
                new NetworkServerConnection(ConnectionSettings.of("bench", "chirpstack", brokerUrl));
        ParkingDriver driver = new ParkingDriver(ParkingDriverSettings.defaults(), Clock.systemUTC());
        driver.addCodec(new NwaveNps405Codec());
        driver.addConnection(connection);
        EventBus events = new EventBus();
        StandaloneDeviceRuntime manager = new StandaloneDeviceRuntime(
                events,
                new CoreSettings(
                        Duration.ofSeconds(1),
                        4,
                        Duration.ofSeconds(3),
                        Duration.ofMillis(200),
                        Duration.ofSeconds(1),
                        3),
                Set.of(ParkingDriver.ID));
        manager.addDriver(driver);
        manager.apply(devices);

        // the site counts, wired as the parking service wires them
        SiteCounts counts = new SiteCounts();
        Subscription occupancy = events.subscribe(
                "parking-occupancy",
                e -> counts.onEvents(e, manager),
                SubscriptionOptions.lossless().only(ValueChanged.class, HealthChanged.class, DeviceChanged.class));
        counts.recount(siteMap, manager.find(new DeviceQuery(DeviceClass.PARKING, null, null)), Instant.now());
        AutoCloseable timing = counts.listen(this::timeCounts);

        MqttClient raw = Paho.connect(brokerUrl, "bench-raw", 65_535);
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
        // every bay announces itself, at the load's rate, until every site counts all its bays free
        long t0 = System.nanoTime();
        for (int i = 0; i < euis.size(); i++) {
            sim.heartbeat(euis.get(i));
            pace(t0, i);
        }
        long warmDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < warmDeadline && !allCounted(counts)) {
            Thread.sleep(50);
        }
        rawMicros.clear();
        int[] occupied = new int[sites];

        Server http = feed(siteMap, manager);
        int port = ((ServerConnector) http.getConnectors()[0]).getLocalPort();
        List<String> wrkCommand = new ArrayList<>(List.of("wrk"));
        wrkCommand.addAll(List.of(wrkOptions.trim().split("\\s+")));
        wrkCommand.addAll(
                List.of("-d" + seconds + "s", "--latency", "http://127.0.0.1:" + port + "/public/parking/v3/sites"));
        Process wrk = new ProcessBuilder(wrkCommand).redirectErrorStream(true).start();

        long cpu0 = cpu();
        SplittableRandom random = new SplittableRandom(1);
        long start = System.nanoTime();
        long sent = 0;
        long changes = 0;
        while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
            int i = random.nextInt(bays);
            String site = site(i);
            int s = i % sites;
            if (!pending.containsKey(site)) {
                boolean next = !sim.occupied(euis.get(i));
                occupied[s] += next ? 1 : -1;
                pending.put(site, new long[] {occupied[s], System.nanoTime()});
                sim.park(euis.get(i), next);
                changes++;
            } else {
                sim.heartbeat(euis.get(i));
            }
            pace(start, sent++);
        }
        long cpu = cpu() - cpu0;
        String wrkOut = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        StringBuilder r = new StringBuilder();
        r.append(String.format(
                Locale.ROOT,
                "parking benchmark %s: %d bays in %d sites, %d uplinks/s for %d s (%d sent, %d of them "
                        + "arrivals or departures)%n",
                Instant.now(),
                bays,
                sites,
                rate,
                seconds,
                sent,
                changes));
        r.append("uplink -> site count (driver, runtime, events, site counts): ")
                .append(stats(siteMicros))
                .append(", still awaited at the end ")
                .append(pending.size())
                .append('\n');
        r.append("uplink -> raw Paho subscriber (ceiling): ")
                .append(stats(rawMicros))
                .append('\n');
        r.append(String.format(
                Locale.ROOT,
                "process CPU %.1f s over %d s (%d cores)%n",
                cpu / 1e9,
                seconds,
                Runtime.getRuntime().availableProcessors()));
        r.append("driver: ").append(driver.statistics()).append('\n');
        r.append("wrk ")
                .append(String.join(" ", wrkCommand.subList(1, wrkCommand.size())))
                .append(" on the feed servlet in Jetty (")
                .append(sites)
                .append(" sites, 1 s occupancy snapshot, rateLimit.clients ")
                .append(rateLimitClients)
                .append("):\n")
                .append(wrkOut);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, r.toString());
        System.out.print(r);
        http.stop();
        timing.close();
        occupancy.close();
        raw.disconnect();
        raw.close();
        manager.deactivate();
        events.close();
        driver.close();
        connection.close();
        sim.close();
    }

    private String site(int bayIndex) {
        return "S-" + (bayIndex % sites);
    }

    /** Whether every site counts all its bays, free. */
    private boolean allCounted(SiteCounts counts) {
        for (int s = 0; s < sites; s++) {
            var v = counts.counts("S-" + s).get(SiteCounts.UNKNOWN);
            if (v == null || ((Number) v.value()).longValue() != 0) {
                return false;
            }
        }
        return true;
    }

    /** Times each awaited change when its site's occupied count shows it. */
    private void timeCounts(List<DeviceEvent> batch) {
        long now = System.nanoTime();
        for (DeviceEvent e : batch) {
            if (e instanceof ValueChanged v && v.value().point().equals(SiteCounts.OCCUPIED)) {
                String site = v.deviceId().substring(SiteCounts.ID_PREFIX.length());
                long[] awaited = pending.get(site);
                if (awaited != null
                        && ((Number) v.value().value()).longValue() == awaited[0]
                        && pending.remove(site, awaited)) {
                    siteMicros.add((now - awaited[1]) / 1_000);
                }
            }
        }
    }

    /** The sites feed as the platform serves it: the feed servlet, its snapshot and its rate limit, in Jetty. */
    private Server feed(Map<String, ParkingSite> siteMap, StandaloneDeviceRuntime manager) throws Exception {
        ZoneId zone = ZoneId.of("Asia/Ho_Chi_Minh");
        OccupancySnapshot snapshot = new OccupancySnapshot(
                () -> Occupancy.of(
                        siteMap.values(),
                        manager.find(new DeviceQuery(DeviceClass.PARKING, null, null)),
                        Map.of(),
                        Instant.now(),
                        zone),
                Duration.ofSeconds(1));
        FeedServlet servlet = new FeedServlet(
                snapshot,
                new ClientLimiter(
                        new ClientLimiter.Rate(20, 60), ClientLimiter.Rate.parse(new String[] {rateLimitClients})),
                "vn",
                "urbis",
                10);
        Server server = new Server(new QueuedThreadPool(16, 4));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(servlet), "/public/parking/*");
        server.setHandler(context);
        server.start();
        return server;
    }

    /** Waits until the {@code n}th message is due at the rate. */
    private void pace(long start, long n) throws InterruptedException {
        long due = start + n * 1_000_000_000L / rate;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private static String stats(ConcurrentLinkedQueue<Long> micros) {
        long[] v = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        if (v.length == 0) {
            return "no samples";
        }
        return String.format(
                Locale.ROOT,
                "n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms",
                v.length,
                v[v.length / 2] / 1e3,
                v[(int) Math.min(v.length - 1, Math.round(v.length * 0.99))] / 1e3,
                v[v.length - 1] / 1e3);
    }

    private static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
