package org.urbis.benchmarks.streetlight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.command.Interlock;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.GeoLocation;
import org.urbis.api.device.Point;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.WarmUp;
import org.urbis.control.internal.audit.AuditLog;
import org.urbis.control.internal.command.CommandPathWarmUp;
import org.urbis.control.internal.command.CommandPipeline;
import org.urbis.control.internal.command.ControlConfig;
import org.urbis.control.internal.command.ControlSettings;
import org.urbis.control.internal.schedule.Schedule;
import org.urbis.control.internal.schedule.ScheduleFormat;
import org.urbis.control.internal.schedule.Site;
import org.urbis.control.internal.schedule.Timeline;
import org.urbis.core.internal.device.CoreSettings;
import org.urbis.core.internal.device.DeviceIoWarmUp;
import org.urbis.core.internal.device.StandaloneDeviceRuntime;
import org.urbis.core.internal.event.EventBus;
import org.urbis.driver.streetlight.internal.DriverSettings;
import org.urbis.driver.streetlight.internal.StreetlightDriver;
import org.urbis.simulator.streetlight.FleetSettings;
import org.urbis.simulator.streetlight.LuminaireFleet;
import org.urbis.testing.Mosquitto;
import org.urbis.testing.Paho;
import org.urbis.testing.Schedules;
import org.urbis.testkit.Profiles;

/**
 * Street lighting on this machine, in one run against one mosquitto started here:
 * <ol>
 * <li>baseline: a raw Paho client sends a dim command to every simulated node's command topic and
 * waits for every acknowledgement;</li>
 * <li>platform: one group command ({@code group:site=bench}) through the real command pipeline, device
 * runtime and street-lighting driver, each device CONFIRMED by readback;</li>
 * <li>schedules: a day of switching events of a hundred groups computed with the schedule timeline.</li>
 * </ol>
 * Arguments: results file, luminaires, group parallelism of the pipeline (empty: the product default), I/O workers of the device runtime, and
 * whether mosquitto sets TCP_NODELAY on its sockets (default false, as mosquitto).
 */
public final class StreetlightBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final GeoLocation PHAN_THIET = new GeoLocation(10.93, 108.10);
    private static final String ROOT = "bench/luminaires";
    private static final int GROUPS = 100;
    private static final Duration WAIT = Duration.ofMinutes(3);
    /** Group commands to every device before the measured ones: enough for the JIT to settle on this machine. */
    private static final int WARMUPS = Integer.getInteger("bench.warmups", 4);

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    /** The broker's CPU nanoseconds so far, for each round's CPU shares. */
    private static java.util.function.Supplier<Long> brokerCpu = () -> 0L;

    private StreetlightBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args.length > 0 ? args[0] : "target/results.txt");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int parallelism = args.length > 2 && !args[2].isEmpty() ? Integer.parseInt(args[2]) : productParallelism();
        int ioWorkers = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        boolean nodelay = args.length > 4 && Boolean.parseBoolean(args[4]);
        Path work = Files.createTempDirectory("urbis-streetlight-bench");
        List<String> out = new ArrayList<>();
        out.add("# Urbis street-lighting benchmark, " + Instant.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version")
                + ", mosquitto on 127.0.0.1");
        out.add("# command: " + System.getProperty("bench.command", "StreetlightBenchmark " + String.join(" ", args)));
        out.add(String.format(
                "# luminaires %d, group.parallelism %d, core poll.maxConcurrent (I/O workers) %d, driver QoS 1, "
                        + "mosquitto set_tcp_nodelay %s",
                n, parallelism, ioWorkers, nodelay));

        Mosquitto broker = Mosquitto.start(
                work.resolve("broker"), List.of("max_inflight_messages 0", "set_tcp_nodelay " + nodelay));
        String url = broker.url();
        brokerCpu = () -> broker.cpuTime().toNanos();
        LuminaireFleet fleet = new LuminaireFleet(FleetSettings.defaults(url)
                .withTopicRoot(ROOT)
                .withIdPrefix("SL-B-")
                .withStatusInterval(Duration.ofMinutes(30)));
        try {
            long t0 = System.nanoTime();
            if (!fleet.start(n)) {
                throw new IllegalStateException("the simulated fleet did not connect");
            }
            progress("fleet of %d started in %.1f s", n, (System.nanoTime() - t0) / 1e9);
            List<String> ids = fleet.nodeIds();

            // 1. Baseline: raw Paho, warmed up and measured as the platform's group commands are: as many warm-up
            // rounds (the JIT halves a round's CPU over the first few) and measured rounds, pooled.
            for (int round = 0; round < WARMUPS; round++) {
                progress("raw Paho warm-up: %s", rawRound(url, fleet, ids, 20.0 + round, "warm-" + round));
            }
            List<Latencies> rawRounds = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                Latencies raw = rawRound(url, fleet, ids, 60.0 + round, "raw-" + round);
                progress("raw Paho: %s", raw);
                rawRounds.add(raw);
            }
            out.add(Latencies.pooled(rawRounds, "rounds")
                    .line(
                            "raw_paho_dim_to_ack",
                            "dim 60, 61, ... published to every <node>/cmd (QoS 1), " + ROUNDS
                                    + " rounds after " + WARMUPS
                                    + " warm-up rounds; time from the first publish to each node's ack, "
                                    + "over all measured rounds"));
            out.addAll(perRound("raw_paho_round", "acknowledged", rawRounds));

            // 2. The platform.
            out.addAll(platform(url, fleet, ids, work, parallelism, ioWorkers));
        } finally {
            fleet.stop();
            broker.close();
        }

        // 3. A day of schedules for a hundred groups.
        out.addAll(schedules(n));

        Files.createDirectories(results.toAbsolutePath().getParent());
        String text = String.join("\n", out) + "\n";
        Files.writeString(results, text);
        System.out.print(text);
        System.exit(0);
    }

    /** The group parallelism the product ships with (ControlConfig's default). */
    private static int productParallelism() throws NoSuchMethodException {
        return (Integer) ControlConfig.class.getMethod("group_parallelism").getDefaultValue();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void progress(String format, Object... args) {
        System.err.printf(format + "%n", args);
    }

    // ---- raw Paho ----

    private static Latencies rawRound(String url, LuminaireFleet fleet, List<String> ids, double level, String tag)
            throws Exception {
        Map<String, Long> acked = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        MqttAsyncClient c = Paho.connectAsync(url, "bench-raw-" + tag, 65_535);
        try {
            c.subscribe(ROOT + "/+/ack", 1, (topic, message) -> {
                        JsonNode ack = JSON.readTree(message.getPayload());
                        String id = ack.path("id").asText();
                        if (id.startsWith(tag + "-")) {
                            if (!ack.path("ok").asBoolean()) {
                                refused.incrementAndGet();
                            }
                            acked.putIfAbsent(id, System.nanoTime());
                        }
                    })
                    .waitForCompletion(15_000);
            long cpu = processCpuNanos();
            CpuShares shares = CpuShares.start(brokerCpu);
            RoundEvent event = new RoundEvent(tag);
            event.begin();
            long start = System.nanoTime();
            for (String id : ids) {
                Map<String, Object> cmd = new HashMap<>();
                cmd.put("id", tag + "-" + id);
                cmd.put("op", "dim");
                cmd.put("value", level);
                MqttMessage m = new MqttMessage(JSON.writeValueAsBytes(cmd));
                m.setQos(1);
                c.publish(fleet.address(id) + "/cmd", m);
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (acked.size() < ids.size() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(1_000_000);
            }
            event.commit();
            long[] ms =
                    acked.values().stream().mapToLong(t -> t - start).sorted().toArray();
            Latencies l = new Latencies(ids.size(), ms.length - refused.get(), ms, refused.get() + " refused");
            l.cpuNanos = processCpuNanos() - cpu;
            l.cpuShares = shares.since();
            return l;
        } finally {
            c.disconnect().waitForCompletion(5_000);
            c.close();
        }
    }

    // ---- the platform ----

    private static List<String> platform(
            String url, LuminaireFleet fleet, List<String> ids, Path work, int parallelism, int ioWorkers)
            throws Exception {
        List<String> out = new ArrayList<>();
        StreetlightDriver driver = new StreetlightDriver(DriverSettings.defaults(url), Clock.systemUTC());
        EventBus events = new EventBus();
        // The core's defaults (CoreConfig) except for the worker count, which is a parameter.
        CoreSettings core = new CoreSettings(
                Duration.ofSeconds(5),
                ioWorkers,
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                Duration.ofSeconds(60),
                3);
        StandaloneDeviceRuntime manager = new StandaloneDeviceRuntime(events, core, Set.of());
        // The product's defaults (ControlConfig) except for the group parallelism, which is a parameter, and rate
        // limits high enough for ten thousand devices a second.
        ControlSettings settings = new ControlSettings(
                Set.of("operator", "admin"),
                Map.of("ioc", Set.of("operator")),
                Duration.ofHours(24),
                100_000,
                Duration.ofHours(24),
                Duration.ofSeconds(30),
                1_000_000,
                1_000_000,
                1_000_000,
                1_000_000,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofMillis(500),
                parallelism);
        ExecutorService executor = Executors.newFixedThreadPool(settings.workerThreads(), r -> {
            Thread t = new Thread(r, "urbis-control-bench");
            t.setDaemon(true);
            return t;
        });
        AuditLog audit = new AuditLog(work.resolve("audit/audit.log"), Clock.systemUTC());
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!driver.connected()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the driver did not connect");
                }
                LockSupport.parkNanos(20_000_000);
            }
            manager.addDriver(driver);
            List<Device> devices = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                Map<String, String> tags = new HashMap<>();
                tags.put("site", "bench");
                tags.put("zone", "Z" + (i % GROUPS));
                devices.add(new Device(
                        id,
                        DeviceClass.STREETLIGHT,
                        "streetlight",
                        fleet.address(id),
                        PHAN_THIET,
                        tags,
                        points(),
                        null,
                        Map.of()));
            }
            long t0 = System.nanoTime();
            manager.apply(devices);
            awaitValues(manager, ids);
            double onlineSeconds = (System.nanoTime() - t0) / 1e9;
            progress("%d devices applied and reporting in %.1f s", ids.size(), onlineSeconds);
            out.add(String.format(
                    "platform_devices_reporting_s %.2f   # apply() of %d devices until each has a dim value",
                    onlineSeconds, ids.size()));

            Supplier<List<Interlock>> interlocks = List::of;
            CommandPipeline pipeline =
                    new CommandPipeline(manager, manager, interlocks, audit, settings, Clock.systemUTC(), executor);
            // As the platform does at activation (the device runtime's I/O, the driver and the control service
            // each warm up their own path, at once); a city's first command comes after it.
            long warming = System.nanoTime();
            CompletableFuture<Integer> io = DeviceIoWarmUp.start(core).toCompletableFuture();
            CompletableFuture<Integer> nodes = driver.warmUp().toCompletableFuture();
            CompletableFuture<Integer> commands =
                    CommandPathWarmUp.start(settings, interlocks).toCompletableFuture();
            progress(
                    "warmed up at activation: %d stand-in device writes, %d stand-in luminaire dims, "
                            + "%d stand-in device commands, in %.1f s",
                    io.join(), nodes.join(), commands.join(), (System.nanoTime() - warming) / 1e9);
            // A city's first command comes to a runtime that has finished starting: what the warm-ups gave the JIT to
            // compile is compiled first, so the command pays only for what the warm-ups did not reach.
            Duration settling = WarmUp.awaitQuietJit();
            progress("JIT quiet %.1f s after the warm-ups ended", settling.toMillis() / 1e3);
            out.add(String.format(
                    "platform_jit_settled_after_warm_up_s %.1f   # the first command waits until the JIT is quiet",
                    settling.toMillis() / 1e3));

            // The first command meets a cold JIT: reported on its own. Then warm-up commands (as many as the raw
            // baseline's warm-up rounds), then the measured ones, each to every device at a new level.
            Latencies cold = group(pipeline, "site=bench", 30.0, "bench-cold");
            progress("first group command (cold): %s", cold);
            out.add(cold.line("platform_group_dim_cold", "the first group command after start, JIT cold"));
            for (int round = 0; round < WARMUPS; round++) {
                progress(
                        "warm-up group command: %s",
                        group(pipeline, "site=bench", 31.0 + round, "bench-warm-" + round));
            }
            List<Latencies> measured = new ArrayList<>();
            double level = 0;
            for (int round = 0; round < ROUNDS; round++) {
                level = 40.0 + round;
                Latencies dim = group(pipeline, "site=bench", level, "bench-dim-" + round);
                progress("group command: %s", dim);
                measured.add(dim);
            }
            out.add(Latencies.pooled(measured, "commands")
                    .line(
                            "platform_group_dim_to_confirmed",
                            "group:site=bench dim 40, 41, ... "
                                    + "through pipeline, runtime, driver, " + ROUNDS + " commands after " + WARMUPS
                                    + " warm-up commands; "
                                    + "time from submit to each device's CONFIRMED, over all measured commands"));
            out.addAll(perRound("platform_group_dim_command", "confirmed", measured));
            int wrong = 0;
            for (String id : ids) {
                if (fleet.state(id).dim() != level) {
                    wrong++;
                }
            }
            out.add(String.format("platform_nodes_not_at_%.0f_after_last_command %d", level, wrong));
            out.add("driver_statistics " + driver.statistics());
        } finally {
            manager.deactivate();
            driver.close();
            events.close();
            executor.shutdownNow();
            audit.close();
        }
        return out;
    }

    /** One line for each measured round: its figures, CPU and the CPU's shares. */
    private static List<String> perRound(String name, String outcome, List<Latencies> rounds) {
        List<String> lines = new ArrayList<>();
        for (int round = 0; round < rounds.size(); round++) {
            Latencies l = rounds.get(round);
            lines.add(String.format(
                    "%s_%d %d of %d %s, last %.1f ms, p50 %.1f ms, p99 %.1f ms, cpu %.0f ms; "
                            + "cpu by thread group and broker, JIT and GC elapsed (ms): %s",
                    name,
                    round + 1,
                    l.ok,
                    l.asked,
                    outcome,
                    l.lastMs(),
                    l.pct(50),
                    l.pct(99),
                    l.cpuNanos / 1e6,
                    l.cpuShares));
        }
        return lines;
    }

    private static Latencies group(CommandPipeline pipeline, String group, double level, String id) {
        long cpu = processCpuNanos();
        CpuShares shares = CpuShares.start(brokerCpu);
        RoundEvent event = new RoundEvent(id);
        event.begin();
        Instant submitted = Instant.now();
        long start = System.nanoTime();
        Command c = new Command(
                id,
                Command.GROUP_PREFIX + group,
                "dim",
                level,
                "ioc",
                "benchmark",
                submitted.plus(Duration.ofMinutes(10)),
                Command.Operation.DIRECT);
        CommandResult r = pipeline.submit(c)
                .toCompletableFuture()
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS)
                .join();
        long total = System.nanoTime() - start;
        event.commit();
        List<Long> confirmed = new ArrayList<>();
        Map<CommandState, Integer> counts = r.counts();
        for (CommandResult each : r.perDevice()) {
            if (each.state() == CommandState.CONFIRMED) {
                confirmed.add(Duration.between(submitted, each.time()).toNanos());
            }
        }
        long[] ns = confirmed.stream().mapToLong(Long::longValue).sorted().toArray();
        String why = counts.toString();
        if (counts.size() > 1 || !counts.containsKey(CommandState.CONFIRMED)) {
            for (CommandResult each : r.perDevice()) {
                if (each.state() != CommandState.CONFIRMED) {
                    why += "; first other: " + each.deviceId() + " " + each.state() + " " + each.reason();
                    break;
                }
            }
        }
        Latencies l = new Latencies(r.perDevice().size(), ns.length, ns, why);
        l.wholeCommandNanos = total;
        l.cpuNanos = processCpuNanos() - cpu;
        l.cpuShares = shares.since();
        return l;
    }

    private static void awaitValues(StandaloneDeviceRuntime manager, List<String> ids) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (String id : ids) {
            while (true) {
                DeviceSnapshot s = manager.snapshot(id).orElseThrow();
                if (s.values().containsKey("dim")) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(id + " reported no value within " + WAIT);
                }
                LockSupport.parkNanos(5_000_000);
            }
        }
    }

    /** The points of the luminaire-led profile, as the driver ships it. */
    private static List<Point> points() {
        return Profiles.fromClasspath("URBIS-INF/profiles/streetlight.profiles.json")
                .points("luminaire-led");
    }

    // ---- schedules ----

    private static List<String> schedules(int luminaires) {
        Timeline timeline = new Timeline(new Site(ZONE, 10.93, 108.10));
        List<Schedule> schedules = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            schedules.add(ScheduleFormat.parse(Schedules.thurrock("s-zone-Z" + i, "zone=Z" + i)));
        }
        LocalDate day = LocalDate.parse("2026-03-12");
        int events = 0;
        for (int round = 0; round < 20; round++) { // warm-up
            for (Schedule s : schedules) {
                events = timeline.between(s, day, day).size();
            }
        }
        long start = System.nanoTime();
        events = 0;
        for (Schedule s : schedules) {
            events += timeline.between(s, day, day).size();
        }
        double ms = (System.nanoTime() - start) / 1e6;
        progress("schedules: %d events in %.3f ms", events, ms);
        int perGroup = Math.max(1, luminaires / GROUPS);
        return List.of(
                String.format(
                        "schedule_day_events %d   # %d groups (zone=Z0..Z%d, ~%d luminaires each), %s, Thursday program",
                        events, GROUPS, GROUPS - 1, perGroup, day),
                String.format(
                        "schedule_day_events_per_luminaire_total %d   # events x luminaires per group",
                        events * perGroup),
                String.format(
                        "schedule_day_compute_ms %.3f   # Timeline.between for the hundred schedules, after a warm-up",
                        ms));
    }

    // ---- figures ----

    /** Times from a common start to each device's outcome. */
    private static final class Latencies {
        final int asked;
        final int ok;
        final long[] nanos;
        final String note;
        long wholeCommandNanos = -1;
        /** CPU time of this process (simulated fleet included) during the round; -1 when not measured. */
        long cpuNanos = -1;
        /** The round's CPU milliseconds by thread group and the broker's; empty when not measured. */
        String cpuShares = "";

        Latencies(int asked, int ok, long[] sortedNanos, String note) {
            this.asked = asked;
            this.ok = ok;
            this.nanos = sortedNanos;
            this.note = note;
        }

        /** All devices' outcomes of several rounds as one population; the last is the latest of any. */
        static Latencies pooled(List<Latencies> all, String rounds) {
            long[] nanos = all.stream()
                    .flatMapToLong(l -> Arrays.stream(l.nanos))
                    .sorted()
                    .toArray();
            int asked = all.stream().mapToInt(l -> l.asked).sum();
            int ok = all.stream().mapToInt(l -> l.ok).sum();
            return new Latencies(asked, ok, nanos, all.size() + " " + rounds);
        }

        double pct(double p) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * nanos.length) - 1;
            return nanos[Math.max(0, Math.min(nanos.length - 1, i))] / 1e6;
        }

        double lastMs() {
            return nanos.length == 0 ? Double.NaN : nanos[nanos.length - 1] / 1e6;
        }

        String line(String name, String what) {
            return String.format(
                            "%s_ok %d of %d   # %s (%s)%n%s_last_ms %.1f%n%s_p50_ms %.1f%n%s_p99_ms %.1f%s",
                            name,
                            ok,
                            asked,
                            what,
                            note,
                            name,
                            lastMs(),
                            name,
                            pct(50),
                            name,
                            pct(99),
                            wholeCommandNanos < 0
                                    ? ""
                                    : String.format(
                                            "%n%s_whole_command_ms %.1f   # submit until the group result",
                                            name, wholeCommandNanos / 1e6))
                    + (cpuNanos < 0
                            ? ""
                            : String.format(
                                    "%n%s_cpu_ms %.0f   # CPU time of the whole process (simulated fleet "
                                            + "included)",
                                    name, cpuNanos / 1e6))
                    + (cpuShares.isEmpty() ? "" : String.format("%n%s_cpu_shares_ms %s", name, cpuShares));
        }

        @Override
        public String toString() {
            return String.format(
                    "%d/%d ok, last %.1f ms, p50 %.1f ms, p99 %.1f ms, cpu %.0f ms (%s) [%s]",
                    ok, asked, lastMs(), pct(50), pct(99), cpuNanos / 1e6, note, cpuShares);
        }
    }
}
