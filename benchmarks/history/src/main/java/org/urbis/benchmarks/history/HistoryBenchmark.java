package org.urbis.benchmarks.history;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.OverflowPolicy;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.history.HistoryStatus;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.core.internal.event.EventBus;
import org.urbis.history.internal.HistoryConfig;
import org.urbis.history.internal.HistoryService;
import org.urbis.history.internal.store.HistorySettings;
import org.urbis.history.internal.store.HistoryStore;
import org.urbis.testing.Configs;

/**
 * The history benchmark. Phase 1 backfills 30 days of a few devices straight into the store (so that
 * a month can be queried); phase 2 runs the history component on the platform's event stream with
 * every device reporting its points every 10 s, and queries while it writes; phase 3 appends the same
 * stream to a plain file, synced every second like the store commits, as the ceiling.
 */
public final class HistoryBenchmark {

    static final String[] POINTS = {
        "dim", "power", "voltage", "current", "energy", "temperature", "lux", "powerFactor", "burnHours", "frequency"
    };
    static final long PERIOD_MS = 10_000;
    static final Duration MONTH = Duration.ofDays(30);
    /** A whole number of the store's quarter-hour roll-up slots, for 480 buckets in 30 days. */
    static final Duration MONTH_STEP = Duration.ofMinutes(90);

    static final long QUARTER = Duration.ofMinutes(15).toMillis();
    /** Shorter than the default ten minutes, so that a run of a few minutes seals runs as well as logging them. */
    static final int SEAL_SECONDS = Integer.getInteger("bench.sealSeconds", 60);

    private final int devices;
    private final String[] ids;
    private final double[] level;
    private final Random random = new Random(42);
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    /** Bytes the current thread allocated so far, where the JVM counts them. */
    private long allocated() {
        return threads instanceof com.sun.management.ThreadMXBean t ? t.getCurrentThreadAllocatedBytes() : 0;
    }

    private final StringBuilder report = new StringBuilder();

    HistoryBenchmark(int devices) {
        this.devices = devices;
        this.ids = new String[devices];
        for (int d = 0; d < devices; d++) {
            ids[d] = String.format("lamp-%05d", d);
        }
        this.level = new double[devices * POINTS.length];
        for (int i = 0; i < level.length; i++) {
            level[i] = 100 + random.nextInt(130);
        }
    }

    public static void main(String[] args) throws Exception {
        int devices = Integer.getInteger("bench.devices", 10_000);
        int seconds = Integer.getInteger("bench.seconds", 180);
        int baselineSeconds = Integer.getInteger("bench.baselineSeconds", 60);
        int backfill = Math.min(devices, Integer.getInteger("bench.backfillDevices", 5));
        Path dir = Path.of(System.getProperty("bench.dir", "target/data"));
        Path out = Path.of(System.getProperty("bench.out", "target/results.txt"));
        deleteTree(dir);
        Files.createDirectories(dir);
        HistoryBenchmark b = new HistoryBenchmark(devices);
        b.line("History benchmark, " + Instant.now() + ", "
                + Runtime.getRuntime().availableProcessors()
                + " cores (a shared machine: other builds may run at the same time)");
        b.line(String.format(
                "load: %,d devices x %d points every %d s = %,d values/s",
                devices, POINTS.length, PERIOD_MS / 1000, devices * POINTS.length * 1000L / PERIOD_MS));
        Path file = dir.resolve("history.mv.db");
        long liveStart = System.currentTimeMillis();
        long backfilled = b.backfill(file, backfill, liveStart);
        b.live(file, seconds, backfill, backfilled);
        b.plainFile(dir.resolve("plain.bin"), baselineSeconds);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, b.report.toString());
        System.exit(0);
    }

    private void line(String s) {
        System.out.println(s);
        report.append(s).append('\n');
    }

    private double next(int series) {
        double v = Math.round((level[series] + random.nextGaussian() * 0.5) * 10) / 10.0;
        level[series] = v;
        return v;
    }

    // ---- phase 1 ----

    private long backfill(Path file, int count, long until) throws IOException {
        AtomicLong clock = new AtomicLong();
        long start = until - MONTH.toMillis();
        long values = 0;
        long t0 = System.nanoTime();
        try (HistoryStore store = HistoryStore.open(file, HistorySettings.defaults(), clock::get)) {
            for (long t = start; t < until; t += PERIOD_MS) {
                clock.set(t);
                for (int d = 0; d < count; d++) {
                    for (int p = 0; p < POINTS.length; p++) {
                        store.append(
                                ids[d],
                                POINTS[p],
                                Instant.ofEpochMilli(t),
                                next(d * POINTS.length + p),
                                Quality.GOOD,
                                QualityReason.NONE);
                        values++;
                    }
                }
                if ((t - start) % 600_000 == 0) {
                    store.commit();
                }
            }
            store.sealAll();
            store.commit();
            HistoryStore.Stats s = store.stats();
            line(String.format(
                    "phase 1, backfill: %d devices x %d points x 30 days = %,d values in %.1f s",
                    count, POINTS.length, values, (System.nanoTime() - t0) / 1e9));
            line(String.format(
                    "  bytes on disk per million values as written: %,.0f (file %,d bytes; history data %,d bytes; "
                            + "runs sealed every 10 minutes)",
                    s.fileBytes() * 1e6 / values, s.fileBytes(), s.dataBytes()));
            long c0 = System.nanoTime();
            boolean compacted = store.compact();
            long compactFile = store.stats().fileBytes();
            line(String.format(
                    "  after the compaction a retention pass runs (%s, %.1f s): %,.0f bytes on disk per million values "
                            + "(file %,d bytes)",
                    compacted ? "compacted" : "not needed",
                    (System.nanoTime() - c0) / 1e9,
                    compactFile * 1e6 / values,
                    compactFile));
        }
        return values;
    }

    // ---- phase 2 ----

    private void live(Path file, int seconds, int queried, long backfilled) throws Exception {
        EventBus bus = new EventBus();
        HistoryService history = new HistoryService(bus, registry(), config(file.toString()));
        Load load = new Load(bus, seconds);
        List<Long> raw = Collections.synchronizedList(new ArrayList<>());
        List<Long> month = Collections.synchronizedList(new ArrayList<>());
        List<Long> monthDevice = Collections.synchronizedList(new ArrayList<>());
        // A query's own CPU time beside its wall time: a tail without the CPU is waiting (for a lock, a core or the
        // GC).
        List<Long> rawCpu = Collections.synchronizedList(new ArrayList<>());
        List<Long> monthDeviceCpu = Collections.synchronizedList(new ArrayList<>());
        List<Long> monthDeviceUneven = Collections.synchronizedList(new ArrayList<>());
        List<Long> monthDeviceBytes = Collections.synchronizedList(new ArrayList<>());
        long gc0 = gcMillis();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong queryCpu = new AtomicLong();
        Thread queries = new Thread(
                () -> {
                    int q = 0;
                    while (!stop.get()) {
                        String device = ids[q++ % Math.max(1, queried)];
                        Instant now = Instant.now();
                        long t = System.nanoTime();
                        long c = threads.getCurrentThreadCpuTime();
                        int got = history.values(device, "power", now.minus(Duration.ofDays(1)), now, 1_000_000)
                                .size();
                        raw.add(System.nanoTime() - t);
                        rawCpu.add(threads.getCurrentThreadCpuTime() - c);
                        t = System.nanoTime();
                        history.downsampled(device, "power", now.minus(MONTH), now, MONTH.dividedBy(500));
                        month.add(System.nanoTime() - t);
                        // as a chart asks: up to the next quarter hour, in buckets of a whole number of quarter hours
                        Instant to =
                                Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), QUARTER) * QUARTER + QUARTER);
                        t = System.nanoTime();
                        c = threads.getCurrentThreadCpuTime();
                        long bytes = allocated();
                        int buckets = 0;
                        for (String p : POINTS) {
                            buckets += history.downsampled(device, p, to.minus(MONTH), to, MONTH_STEP)
                                    .size();
                        }
                        monthDevice.add(System.nanoTime() - t);
                        monthDeviceCpu.add(threads.getCurrentThreadCpuTime() - c);
                        monthDeviceBytes.add(allocated() - bytes);
                        // and at uneven edges: the roll-up slots a bucket's edge cuts are read from the values
                        t = System.nanoTime();
                        for (String p : POINTS) {
                            buckets += history.downsampled(device, p, now.minus(MONTH), now, MONTH.dividedBy(500))
                                    .size();
                        }
                        monthDeviceUneven.add(System.nanoTime() - t);
                        if (got == 0 || buckets == 0) {
                            throw new IllegalStateException("queries found nothing for " + device);
                        }
                        LockSupport.parkNanos(1_000_000_000L);
                    }
                    queryCpu.set(threads.getCurrentThreadCpuTime());
                },
                "bench-queries");
        Cpu cpu = new Cpu();
        queries.start();
        load.run();
        stop.set(true);
        queries.join();
        Cpu.Usage used = cpu.stop(load.cpuNanos + queryCpu.get());
        long published = load.published.get();
        awaitWritten(history);
        HistoryStatus st = history.status();
        long fileAfter = Files.size(file);
        line(String.format(
                "phase 2, live through the event stream into the history component for %d s: %,d values "
                        + "published (%,.0f/s), %,d written (the others equal to the point's last value), %,d dropped, %,d late",
                seconds, published, published * 1000.0 / used.wallMillis, st.written(), st.dropped(), st.late()));
        line(String.format(
                "  CPU of the runtime side (process less the load generator and the query thread): %.1f %% of "
                        + "one core",
                used.percent()));
        used.byThread.forEach((name, ms) -> line(String.format("    %-36s %,8d ms", name, ms)));
        line(String.format(
                "  queries while writing (%d rounds): one point's last day raw p50 %.1f ms, p95 %.1f ms, max "
                        + "%.1f ms",
                raw.size(), pct(raw, 50), pct(raw, 95), pct(raw, 100)));
        line(String.format(
                "    one point's 30 days in 500 buckets p50 %.1f ms, p95 %.1f ms, max %.1f ms",
                pct(month, 50), pct(month, 95), pct(month, 100)));
        line(String.format(
                "    a device's 30 days (%d points) in %d buckets of %d min p50 %.1f ms, p95 %.1f ms, max %.1f ms",
                POINTS.length,
                MONTH.dividedBy(MONTH_STEP),
                MONTH_STEP.toMinutes(),
                pct(monthDevice, 50),
                pct(monthDevice, 95),
                pct(monthDevice, 100)));
        line(String.format(
                "    the same in 500 buckets from now (edges off the quarter hours) p50 %.1f ms, p95 %.1f ms, max %.1f ms",
                pct(monthDeviceUneven, 50), pct(monthDeviceUneven, 95), pct(monthDeviceUneven, 100)));
        line(String.format(
                "    the queries' own CPU time: the raw day p50 %.1f ms, max %.1f ms; the device's 30 days p50 %.1f ms, max %.1f ms; "
                        + "garbage collection paused %,d ms in all",
                pct(rawCpu, 50),
                pct(rawCpu, 100),
                pct(monthDeviceCpu, 50),
                pct(monthDeviceCpu, 100),
                gcMillis() - gc0));
        // pct() gives nanoseconds as milliseconds: bytes as millions of bytes
        line(String.format(
                "    the device's 30 days allocated p50 %.2f MB, max %.2f MB a query",
                pct(monthDeviceBytes, 50), pct(monthDeviceBytes, 100)));
        line(String.format(
                "  at the end: store file %,d bytes, history data %,d bytes for %,d values kept (backfill and live): "
                        + "%,.0f bytes on disk per million values (runs sealed after %d s, the newest in the write-ahead log)",
                fileAfter,
                st.dataBytes(),
                backfilled + st.written(),
                fileAfter * 1e6 / (backfilled + st.written()),
                SEAL_SECONDS));
        history.deactivate();
        bus.close();
    }

    /** Waits until the writer has caught up: nothing more committed over two commit intervals. */
    private static void awaitWritten(HistoryService history) {
        long end = System.nanoTime() + 60_000_000_000L;
        long before = -1;
        while (System.nanoTime() < end) {
            long now = history.status().written();
            if (now == before) {
                return;
            }
            before = now;
            LockSupport.parkNanos(2_000_000_000L);
        }
    }

    // ---- phase 3 ----

    private void plainFile(Path file, int seconds) throws Exception {
        EventBus bus = new EventBus();
        PlainFile plain = new PlainFile(file);
        Subscription sub = bus.subscribe(
                "plain",
                plain::onEvents,
                new SubscriptionOptions(
                        200_000,
                        2_000,
                        OverflowPolicy.DROP_OLDEST,
                        Duration.ZERO,
                        java.util.Set.of(ValueChanged.class)));
        ScheduledExecutorService syncer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "plain-sync"));
        syncer.scheduleWithFixedDelay(plain::sync, 1, 1, TimeUnit.SECONDS);
        Load load = new Load(bus, seconds);
        Cpu cpu = new Cpu();
        load.run();
        Cpu.Usage used = cpu.stop(load.cpuNanos);
        long end = System.nanoTime() + 30_000_000_000L;
        while (sub.queued() > 0 && System.nanoTime() < end) {
            LockSupport.parkNanos(100_000_000);
        }
        syncer.shutdown();
        syncer.awaitTermination(10, TimeUnit.SECONDS);
        sub.close();
        plain.sync();
        long published = load.published.get();
        line(String.format(
                "phase 3, the same stream appended to a plain file (id, time, value; synced every second) "
                        + "for %d s: %,d values, %,d dropped",
                seconds, published, sub.dropped()));
        line(String.format(
                "  CPU: %.1f %% of one core; %,.0f bytes per million values",
                used.percent(), Files.size(file) * 1e6 / published));
        used.byThread.forEach((name, ms) -> line(String.format("    %-36s %,8d ms", name, ms)));
        bus.close();
    }

    /** Appends values to a plain file, as a ceiling for what a store can do. */
    private static final class PlainFile {
        private final FileOutputStream file;
        private final DataOutputStream out;
        private final Map<String, Integer> ids = new HashMap<>();

        PlainFile(Path path) throws IOException {
            file = new FileOutputStream(path.toFile());
            out = new DataOutputStream(new BufferedOutputStream(file, 1 << 16));
        }

        synchronized void onEvents(List<DeviceEvent> events) throws IOException {
            for (DeviceEvent e : events) {
                ValueChanged v = (ValueChanged) e;
                Integer id = ids.computeIfAbsent(v.deviceId() + '\0' + v.value().point(), k -> ids.size() + 1);
                out.writeInt(id);
                out.writeLong(v.value().timestamp().toEpochMilli());
                out.writeDouble(((Number) v.value().value()).doubleValue());
            }
        }

        synchronized void sync() {
            try {
                out.flush();
                file.getFD().sync();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Publishes every device's points once per period, spread evenly, on a thread of its own. */
    private final class Load {
        final EventBus bus;
        final int seconds;
        final AtomicLong published = new AtomicLong();
        /** The generator thread's CPU time, taken by itself as it ends. */
        volatile long cpuNanos;

        Load(EventBus bus, int seconds) {
            this.bus = bus;
            this.seconds = seconds;
        }

        void run() throws InterruptedException {
            Thread t = new Thread(this::publish, "bench-load");
            t.start();
            t.join();
        }

        private void publish() {
            int series = devices * POINTS.length;
            long tickNanos = 10_000_000L; // 100 ticks a second
            long perPeriod = PERIOD_MS / 10;
            long start = System.nanoTime();
            long ticks = seconds * 100L;
            int cursor = 0;
            double carry = 0;
            for (long tick = 0; tick < ticks; tick++) {
                long due = start + tick * tickNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                carry += (double) series / perPeriod;
                int n = (int) carry;
                carry -= n;
                Instant now = Instant.now();
                for (int i = 0; i < n; i++) {
                    int s = cursor;
                    cursor = (cursor + 1) % series;
                    bus.publish(new ValueChanged(
                            ids[s / POINTS.length], Value.good(POINTS[s % POINTS.length], next(s), now), null));
                }
                published.addAndGet(n);
            }
            cpuNanos = threads.getCurrentThreadCpuTime();
        }
    }

    /** Process CPU time and each thread's, from the start to the end of a phase. */
    private final class Cpu {
        private final long wall0 = System.nanoTime();
        private final long process0 = processCpu();
        private final Map<Long, Long> thread0 = new HashMap<>();

        Cpu() {
            for (long id : threads.getAllThreadIds()) {
                thread0.put(id, threads.getThreadCpuTime(id));
            }
        }

        record Usage(long wallMillis, long runtimeNanos, Map<String, Long> byThread) {
            double percent() {
                return runtimeNanos / 1e6 * 100.0 / wallMillis;
            }
        }

        /** The phase's usage; {@code excludedNanos} is the CPU of the benchmark's own threads (load, queries). */
        Usage stop(long excludedNanos) {
            long wall = (System.nanoTime() - wall0) / 1_000_000;
            long process = processCpu() - process0;
            Map<String, Long> byThread = new TreeMap<>();
            for (long id : threads.getAllThreadIds()) {
                long cpu = threads.getThreadCpuTime(id);
                ThreadInfo info = threads.getThreadInfo(id);
                long used = cpu - thread0.getOrDefault(id, 0L);
                if (cpu >= 0 && info != null && used > 1_000_000) {
                    byThread.merge(info.getThreadName(), used / 1_000_000, Long::sum);
                }
            }
            return new Usage(wall, process - excludedNanos, byThread);
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(b -> Math.max(0, b.getCollectionTime()))
                .sum();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double pct(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        int i = Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1);
        return s.get(Math.max(0, i)) / 1e6;
    }

    /** A registry that knows no device: every point's deadband is 0, so every change is kept. */
    private static DeviceRegistry registry() {
        return (DeviceRegistry) java.lang.reflect.Proxy.newProxyInstance(
                DeviceRegistry.class.getClassLoader(),
                new Class<?>[] {DeviceRegistry.class},
                (proxy, method, args) -> method.getName().equals("snapshot")
                        ? Optional.empty()
                        : method.getReturnType() == Optional.class ? Optional.empty() : List.of());
    }

    private static HistoryConfig config(String file) {
        return Configs.of(HistoryConfig.class, Map.of("file", file, "sealSeconds", SEAL_SECONDS));
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }
}
