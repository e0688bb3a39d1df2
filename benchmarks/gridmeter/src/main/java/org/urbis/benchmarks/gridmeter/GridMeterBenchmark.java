package org.urbis.benchmarks.gridmeter;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.value.Value;
import org.urbis.core.internal.device.CoreSettings;
import org.urbis.core.internal.device.StandaloneDeviceRuntime;
import org.urbis.core.internal.event.EventBus;
import org.urbis.dnp3.Association;
import org.urbis.dnp3.AssociationConfig;
import org.urbis.dnp3.AssociationListener;
import org.urbis.dnp3.AssociationState;
import org.urbis.dnp3.Dnp3Master;
import org.urbis.dnp3.Measurement;
import org.urbis.dnp3.PointType;
import org.urbis.driver.gridmeter.internal.GridMeterDriver;
import org.urbis.driver.gridmeter.internal.GridMeterDriverSettings;
import org.urbis.modbus.ModbusSettings;

/**
 * DNP3 event load: N simulated outstations × 100 points, in a JVM of their own ({@link OutstationFarm}), report
 * class 1 events unsolicited at a total rate while the driver polls class 1, 2 and 3 every 5 s, class 0 every
 * 30 s and for integrity hourly (each association's first one at random within the hour, so a short run sees its
 * share of them).
 *
 * <p>The platform's path is measured: the device runtime ({@link StandaloneDeviceRuntime}) with the grid-meter driver and its
 * master, as the core runs them; a value counts when its {@link ValueChanged} reaches a subscriber of the event
 * stream (what telemetry and history consume). Then a step-up ramp of the event rate, the simulator flat out (the
 * rig's ceiling), and last the baseline: the bare DNP3 master on the same load, values counted at its listener.
 * Run by {@code benchmarks/gridmeter/run.sh}; figures go to {@code bench.out}.
 */
public final class GridMeterBenchmark {

    private static final Duration EVENT_POLL = Duration.ofSeconds(5);
    private static final double LATENCY_GOAL_MS = 100;

    private final int devices = Integer.getInteger("bench.devices", 1000);
    private final int seconds = Integer.getInteger("bench.seconds", 120);
    private final int stepSeconds = Integer.getInteger("bench.stepSeconds", 30);
    private final int warmup = Integer.getInteger("bench.warmupSeconds", 30);
    private final int maxSteps = Integer.getInteger("bench.maxSteps", 8);
    private final double rate = Double.parseDouble(System.getProperty("bench.rate", String.valueOf(2.0 * devices)));
    private final Path out = Path.of(System.getProperty("bench.out", "target/gridmeter-benchmark.txt"));
    private final ConcurrentLinkedQueue<Long> latencyMicros = new ConcurrentLinkedQueue<>();

    private Process farm;
    private PrintWriter toFarm;
    private BufferedReader fromFarm;
    private List<Integer> ports;

    /** One measured window. */
    private record Step(
            double target,
            double simulated,
            double delivered,
            double latencyP50,
            double latencyP99,
            double masterCpu,
            double simulatorCpu,
            String polls,
            long integrity) {

        boolean sustained() {
            return latencyP99 <= LATENCY_GOAL_MS && delivered >= 0.95 * simulated && simulated >= 0.95 * target;
        }

        String row() {
            return String.format(
                    Locale.ROOT,
                    "  %9s %10.0f %10.0f %8.1f %8.1f %10.0f %10.0f   %s, %d integrity%n",
                    target < 0 ? "flat out" : String.format(Locale.ROOT, "%.0f", target),
                    simulated,
                    delivered,
                    latencyP50,
                    latencyP99,
                    masterCpu,
                    simulatorCpu,
                    polls,
                    integrity);
        }
    }

    private static final String HEADER = String.format(
            Locale.ROOT,
            "  %9s %10s %10s %8s %8s %10s %10s   %s%n",
            "events/s",
            "simulated",
            "delivered",
            "p50 ms",
            "p99 ms",
            "master %",
            "sim %",
            "class 1 poll lateness p50 / p99 / max ms (polls)");

    public static void main(String[] args) throws Exception {
        new GridMeterBenchmark().run();
    }

    void run() throws Exception {
        StringBuilder report = new StringBuilder(String.format(
                Locale.ROOT,
                "Grid-meter (DNP3) benchmark, %s%n%d outstations x %d points in a separate simulator JVM; class 1, 2, 3 "
                        + "polls every %d s, class 0 every 30 s, integrity hourly (staggered); unsolicited class 1 events.%n"
                        + "%d cores, shared with other work: figures are indicative. CPU in %% of one core, each process "
                        + "measured on its own.%nEvent-to-value latency: the event's outstation timestamp to its value reaching "
                        + "the consumer.%nPoll lateness: seen by the outstations, gap between consecutive scheduled class 1 "
                        + "READs less %d s.%n%n",
                Instant.now(),
                devices,
                OutstationFarm.POINTS,
                EVENT_POLL.toSeconds(),
                Runtime.getRuntime().availableProcessors(),
                EVENT_POLL.toSeconds()));
        startFarm();
        try {
            report.append(platform());
            report.append(bareMaster());
        } finally {
            toFarm.println("QUIT");
            toFarm.flush();
            if (!farm.waitFor(30, TimeUnit.SECONDS)) {
                farm.destroyForcibly();
            }
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private void startFarm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        farm = new ProcessBuilder(
                        java,
                        "-Xmx2g",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp",
                        System.getProperty("java.class.path"),
                        OutstationFarm.class.getName(),
                        String.valueOf(devices),
                        String.valueOf(EVENT_POLL.toMillis()),
                        "2")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        toFarm = new PrintWriter(farm.getOutputStream(), true, StandardCharsets.UTF_8);
        fromFarm = new BufferedReader(new InputStreamReader(farm.getInputStream(), StandardCharsets.UTF_8));
        String line = fromFarm.readLine();
        if (line == null || !line.startsWith("PORTS ")) {
            throw new IllegalStateException("the simulator did not start: " + line);
        }
        ports = new ArrayList<>();
        for (String p : line.substring(6).split(",")) {
            ports.add(Integer.parseInt(p));
        }
    }

    private Map<String, String> sample() throws Exception {
        toFarm.println("SAMPLE");
        String line = fromFarm.readLine();
        if (line == null || !line.startsWith("SAMPLE ")) {
            throw new IllegalStateException("the simulator answered " + line);
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.substring(7).split(" ")) {
            int eq = pair.indexOf('=');
            fields.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return fields;
    }

    private void rate(double eventsPerSecond) {
        toFarm.println("RATE " + eventsPerSecond);
    }

    /** Runs the simulator at a rate for a while and measures both sides. */
    private Step measure(double target, int secondsLong) throws Exception {
        rate(target);
        sample();
        latencyMicros.clear();
        long cpu0 = OutstationFarm.cpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(secondsLong * 1000L);
        Map<String, String> sim = sample();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double masterCpu = 100.0 * (OutstationFarm.cpuNanos() - cpu0) / 1e9 / elapsed;
        long[] latencies =
                latencyMicros.stream().mapToLong(Long::longValue).sorted().toArray();
        double simSeconds = Double.parseDouble(sim.get("seconds"));
        return new Step(
                target,
                Long.parseLong(sim.get("events")) / simSeconds,
                latencies.length / elapsed,
                OutstationFarm.percentile(latencies, 50),
                OutstationFarm.percentile(latencies, 99),
                masterCpu,
                100.0 * Double.parseDouble(sim.get("cpuSeconds")) / simSeconds,
                sim.get("lateP50") + " / " + sim.get("lateP99") + " / " + sim.get("lateMax") + " (" + sim.get("polls")
                        + ")",
                Long.parseLong(sim.get("integrity")));
    }

    /** An analog event's value is its time's millisecond within a thousand seconds; static readings are not. */
    private void received(String point, Object value, Instant timestamp, long nowMillis) {
        if (point.startsWith("ai") && value instanceof Number n && timestamp != null) {
            long time = timestamp.toEpochMilli();
            if (n.longValue() == time % 1_000_000 && n.longValue() != 0) {
                latencyMicros.add(Math.max(0, (nowMillis - time) * 1000));
            }
        }
    }

    private String platform() throws Exception {
        EventBus events = new EventBus();
        Subscription subscription = events.subscribe(
                "benchmark",
                batch -> {
                    long now = System.currentTimeMillis();
                    for (DeviceEvent e : batch) {
                        if (e instanceof ValueChanged changed) {
                            Value v = changed.value();
                            received(v.point(), v.value(), v.timestamp(), now);
                        }
                    }
                },
                SubscriptionOptions.lossless().only(ValueChanged.class));
        StandaloneDeviceRuntime manager = new StandaloneDeviceRuntime(
                events,
                new CoreSettings(
                        Duration.ofSeconds(10),
                        16,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(30),
                        3),
                Set.of(GridMeterDriver.ID));
        // the driver's defaults (etc/org.urbis.driver.gridmeter.cfg) but for event polls every 5 s
        GridMeterDriver driver = new GridMeterDriver(
                new GridMeterDriverSettings(
                        2,
                        Duration.ofSeconds(5),
                        Duration.ofHours(1),
                        Duration.ofSeconds(30),
                        EVENT_POLL,
                        Duration.ofSeconds(5),
                        ModbusSettings.DEFAULTS,
                        Duration.ofSeconds(10)),
                Clock.systemUTC(),
                null);
        manager.addDriver(driver);
        List<Point> points = points();
        List<Device> inventory = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            inventory.add(new Device(
                    String.format("GM-B-%04d", i),
                    DeviceClass.GRID_METER,
                    GridMeterDriver.ID,
                    "dnp3://127.0.0.1:" + ports.get(i) + "?outstation=" + (OutstationFarm.FIRST_ADDRESS + i)
                            + "&master=" + OutstationFarm.MASTER,
                    null,
                    null,
                    points,
                    null,
                    Map.of()));
        }
        StringBuilder report = new StringBuilder();
        long t0 = System.nanoTime();
        manager.apply(inventory);
        boolean online = await(
                () -> driver.associations().stream()
                                .filter(a -> a.stats().state() == AssociationState.ONLINE)
                                .count()
                        == devices,
                Duration.ofMinutes(5));
        report.append(String.format(
                Locale.ROOT,
                "Platform: device runtime + grid-meter driver + DNP3 master (2 I/O threads)%n"
                        + "  %d associations %s in %.1f s (startup: disable unsolicited, integrity poll, enable unsolicited)%n",
                devices,
                online ? "online" : "NOT all online",
                (System.nanoTime() - t0) / 1e9));
        try {
            measure(rate, warmup); // JIT, buffers; not reported
            Step steady = measure(rate, seconds);
            report.append(String.format(Locale.ROOT, "  steady load, %d s:%n", seconds))
                    .append(HEADER)
                    .append(steady.row());
            report.append(goals(steady));
            report.append(String.format(
                            Locale.ROOT,
                            "  step-up ramp, %d s a step, until p99 latency > %.0f ms or " + "values fall behind:%n",
                            stepSeconds,
                            LATENCY_GOAL_MS))
                    .append(HEADER);
            double sustained = steady.sustained() ? rate : 0;
            double r = rate;
            for (int step = 1; step <= maxSteps; step++) {
                r *= 1.5;
                Step s = measure(r, stepSeconds);
                report.append(s.row());
                if (!s.sustained()) {
                    break;
                }
                sustained = r;
            }
            report.append(String.format(Locale.ROOT, "  sustained before latency rises: %.0f events/s%n", sustained));
            report.append("  the simulator flat out (the rig's ceiling):\n")
                    .append(HEADER)
                    .append(measure(-1, stepSeconds).row());
            rate(0);
            report.append(String.format(
                    Locale.ROOT,
                    "  associations: %d timeouts, %d connects in all%n%n",
                    driver.associations().stream()
                            .mapToLong(a -> a.stats().timeouts())
                            .sum(),
                    driver.associations().stream()
                            .mapToLong(a -> a.stats().connects())
                            .sum()));
        } finally {
            rate(0);
            manager.deactivate();
            driver.deactivate();
            subscription.close();
            events.close();
        }
        return report.toString();
    }

    private static String goals(Step s) {
        return String.format(
                Locale.ROOT,
                "  goals: event-to-value p99 %.1f ms (<= 100 ms: %s), master CPU %.0f %% of a core "
                        + "(<= 100 %%: %s), poll lateness p99 in the row above (<= 50 ms)%n",
                s.latencyP99,
                s.latencyP99 <= 100 ? "met" : "NOT met",
                s.masterCpu,
                s.masterCpu <= 100 ? "met" : "NOT met");
    }

    /** The baseline: the DNP3 master alone, configured as the driver configures it, values counted at its listener. */
    private String bareMaster() throws Exception {
        List<Association> associations = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        try (Dnp3Master master = Dnp3Master.create(2)) {
            for (int i = 0; i < devices; i++) {
                AssociationConfig config = AssociationConfig.of(OutstationFarm.MASTER, OutstationFarm.FIRST_ADDRESS + i)
                        .withResponseTimeout(Duration.ofSeconds(5))
                        .withPolls(Duration.ofHours(1), Duration.ofSeconds(30), EVENT_POLL, EVENT_POLL, EVENT_POLL)
                        .withRetry(Duration.ofSeconds(5), Duration.ofMinutes(1));
                associations.add(master.connect(
                        new InetSocketAddress("127.0.0.1", ports.get(i)), config, new AssociationListener() {
                            @Override
                            public void measurements(List<Measurement> measurements) {
                                long now = System.currentTimeMillis();
                                for (Measurement m : measurements) {
                                    if (m.event() && m.type() == PointType.ANALOG_INPUT) {
                                        received("ai", m.value(), m.outstationTime(), now);
                                    }
                                }
                            }
                        }));
            }
            boolean online = await(
                    () -> associations.stream().allMatch(a -> a.stats().state() == AssociationState.ONLINE),
                    Duration.ofMinutes(5));
            measure(rate, Math.min(warmup, 10));
            Step steady = measure(rate, seconds);
            rate(0);
            report.append(String.format(
                            Locale.ROOT,
                            "Baseline: the bare DNP3 master (2 I/O threads), same polls, values "
                                    + "counted at its listener; %s%n  steady load, %d s:%n",
                            online ? "all online" : "NOT all online",
                            seconds))
                    .append(HEADER)
                    .append(steady.row());
            associations.forEach(Association::close);
        }
        return report.toString();
    }

    private static boolean await(BooleanSupplier condition, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(500);
        }
        return true;
    }

    /** The farm's 100 points of each outstation, as an inventory lists them. */
    private static List<Point> points() {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < OutstationFarm.ANALOGS; i++) {
            points.add(Point.builder("ai" + i, DataType.FLOAT)
                    .address("ai:" + i)
                    .options(Map.of("class", "1"))
                    .build());
        }
        for (int i = 0; i < OutstationFarm.BINARIES; i++) {
            points.add(Point.builder("bi" + i, DataType.BOOLEAN)
                    .address("bi:" + i)
                    .options(Map.of("class", "1"))
                    .build());
        }
        for (int i = 0; i < OutstationFarm.COUNTERS; i++) {
            points.add(Point.builder("ctr" + i, DataType.FLOAT)
                    .address("ctr:" + i)
                    .options(Map.of("class", "1"))
                    .build());
        }
        for (int i = 0; i < OutstationFarm.OUTPUTS; i++) {
            points.add(
                    Point.builder("bo" + i, DataType.BOOLEAN).address("bo:" + i).build());
            points.add(
                    Point.builder("ao" + i, DataType.FLOAT).address("ao:" + i).build());
        }
        return points;
    }
}
