package org.urbis.benchmarks.water;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.value.Value;
import org.urbis.core.internal.device.CoreSettings;
import org.urbis.core.internal.device.StandaloneDeviceRuntime;
import org.urbis.core.internal.event.EventBus;
import org.urbis.driver.water.internal.WaterDriver;
import org.urbis.modbus.ModbusSettings;
import org.urbis.simulator.water.WaterSimulator;

/**
 * Polling load: N simulated RTUs × 20 registers every second, first through the platform and this
 * driver (block reads, one shared connection per gateway), then with a plain j2mod loop reading
 * each register on its own over one connection per gateway. Run by {@code benchmarks/water/run.sh};
 * figures go to {@code bench.out}.
 */
public final class WaterPollBenchmark {

    private static final int PER_GATEWAY = 200;

    private final int devices = Integer.getInteger("bench.devices", 1000);
    private final int seconds = Integer.getInteger("bench.seconds", 180);
    private final Path out = Path.of(System.getProperty("bench.out", "target/water-benchmark.txt"));

    /** Read starts per device, to measure lateness as (gap between consecutive reads) - interval. */
    private final Map<String, Long> lastStart = new ConcurrentHashMap<>();

    private final ConcurrentLinkedQueue<Long> latenessMicros = new ConcurrentLinkedQueue<>();
    private final LongAdder reads = new LongAdder();

    private static List<Point> points() {
        List<Point> p = new ArrayList<>();
        p.add(Point.builder("setpoint", DataType.FLOAT)
                .access(Access.READ_WRITE)
                .address("hr:0")
                .options(Map.of("scale", "0.1"))
                .build());
        p.add(Point.builder("travelTime", DataType.INTEGER)
                .access(Access.READ_WRITE)
                .address("hr:1")
                .build());
        for (int i = 0; i < 9; i++) {
            p.add(Point.builder("ir" + i, DataType.FLOAT).address("ir:" + i).build());
        }
        for (int i = 0; i < 9; i++) {
            p.add(Point.builder("spare" + i, DataType.FLOAT)
                    .address("hr:" + (100 + i))
                    .build());
        }
        return p;
    }

    public static void main(String[] args) throws Exception {
        new WaterPollBenchmark().run();
    }

    void run() throws Exception {
        List<WaterSimulator> sims = new ArrayList<>();
        for (int left = devices; left > 0; left -= PER_GATEWAY) {
            sims.add(new WaterSimulator(
                    java.net.InetAddress.getLoopbackAddress(), 0, Math.min(PER_GATEWAY, left), 1000));
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format(
                Locale.ROOT,
                "Water polling benchmark, %s%n%d RTUs x 20 registers every 1 s, %d s per run, "
                        + "%d gateways of up to %d units; %d cores; simulators run in the same JVM (their CPU is included)%n%n",
                Instant.now(),
                devices,
                seconds,
                sims.size(),
                PER_GATEWAY,
                Runtime.getRuntime().availableProcessors()));
        try {
            report.append(urbis(sims));
            report.append(plainLoop(sims));
        } finally {
            sims.forEach(WaterSimulator::close);
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private String urbis(List<WaterSimulator> sims) throws Exception {
        EventBus events = new EventBus();
        StandaloneDeviceRuntime manager = new StandaloneDeviceRuntime(
                events,
                new CoreSettings(
                        Duration.ofSeconds(1),
                        32,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5),
                        3),
                Set.of("water"));
        WaterDriver water = new WaterDriver(
                new ModbusSettings(Duration.ofSeconds(1), 1, Duration.ofMillis(50), 64, 8, 256), Clock.systemUTC());
        manager.addDriver(timed(water));
        List<Device> inventory = new ArrayList<>();
        List<Point> points = points();
        for (int i = 0; i < devices; i++) {
            WaterSimulator sim = sims.get(i / PER_GATEWAY);
            inventory.add(new Device(
                    String.format("WV-B-%04d", i),
                    DeviceClass.WATER,
                    "water",
                    "tcp://127.0.0.1:" + sim.port() + "/unit=" + (i % PER_GATEWAY + 1),
                    null,
                    null,
                    points,
                    Duration.ofSeconds(1),
                    Map.of()));
        }
        manager.apply(inventory);
        Thread.sleep(5_000); // warm-up: connections, JIT; measured from here
        latenessMicros.clear();
        reads.reset();
        long requests0 = water.requestCount();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuNanos() - cpu0;
        long n = reads.sum();
        long requests = water.requestCount() - requests0;
        manager.deactivate();
        water.deactivate();
        events.close();
        return String.format(
                Locale.ROOT,
                "Urbis (StandaloneDeviceRuntime + water driver, block reads)%n"
                        + "  device polls/s       %.1f (target %d)%n"
                        + "  lateness p50 / p99   %s / %s ms (gap between consecutive reads of a device minus 1 s)%n"
                        + "  CPU                  %.1f %% of one core%n"
                        + "  Modbus requests/s    %.1f (%.2f per poll; one per register would be 20: %.0f %% saved by block reads)%n%n",
                n / elapsed,
                devices,
                pct(50),
                pct(99),
                100.0 * cpu / 1e9 / elapsed,
                requests / elapsed,
                (double) requests / Math.max(1, n),
                100.0 * (1 - (double) requests / Math.max(1, n * 20L)));
    }

    private DeviceDriver timed(WaterDriver water) {
        return new DeviceDriver() {
            @Override
            public String id() {
                return water.id();
            }

            @Override
            public Set<DeviceClass> deviceClasses() {
                return water.deviceClasses();
            }

            @Override
            public DriverSession open(Device device, DeviceCallback callback) throws DriverException {
                DriverSession s = water.open(device, callback);
                return new DriverSession() {
                    @Override
                    public org.urbis.api.driver.Acquisition acquisition() {
                        return s.acquisition();
                    }

                    @Override
                    public List<Value> read(List<Point> points, Duration timeout)
                            throws DriverException, InterruptedException {
                        record(device.id(), System.nanoTime(), 1_000_000_000L);
                        return s.read(points, timeout);
                    }

                    @Override
                    public void write(Point point, Object value, Duration timeout)
                            throws DriverException, InterruptedException {
                        s.write(point, value, timeout);
                    }

                    @Override
                    public void close() {
                        s.close();
                    }
                };
            }
        };
    }

    private void record(String device, long now, long interval) {
        reads.increment();
        Long previous = lastStart.put(device, now);
        if (previous != null) {
            latenessMicros.add(Math.max(0, (now - previous - interval) / 1000));
        }
    }

    private String plainLoop(List<WaterSimulator> sims) throws Exception {
        lastStart.clear();
        latenessMicros.clear();
        reads.reset();
        AtomicBoolean running = new AtomicBoolean(true);
        LongAdder requests = new LongAdder();
        LongAdder failures = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        for (WaterSimulator sim : sims) {
            Thread t = new Thread(
                    () -> {
                        ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", sim.port(), 1000, false);
                        try {
                            master.connect();
                            long next = System.nanoTime();
                            while (running.get()) {
                                for (int u = 1; u <= sim.units() && running.get(); u++) {
                                    record(sim.port() + "/" + u, System.nanoTime(), 1_000_000_000L);
                                    try {
                                        for (int r : new int[] {0, 1}) {
                                            master.readMultipleRegisters(u, r, 1);
                                            requests.increment();
                                        }
                                        for (int r = 0; r < 9; r++) {
                                            master.readInputRegisters(u, r, 1);
                                            requests.increment();
                                        }
                                        for (int r = 100; r < 109; r++) {
                                            master.readMultipleRegisters(u, r, 1);
                                            requests.increment();
                                        }
                                    } catch (Exception e) {
                                        failures.increment();
                                    }
                                }
                                next += 1_000_000_000L;
                                long wait = next - System.nanoTime();
                                if (wait > 0) {
                                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                } else {
                                    next = System.nanoTime();
                                }
                            }
                        } catch (Exception e) {
                            failures.increment();
                        } finally {
                            master.disconnect();
                        }
                    },
                    "plain-j2mod-" + sim.port());
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        Thread.sleep(5_000);
        latenessMicros.clear();
        reads.reset();
        requests.reset();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long cpu = cpuNanos() - cpu0;
        long n = reads.sum();
        long req = requests.sum();
        running.set(false);
        for (Thread t : threads) {
            t.join(5_000);
        }
        return String.format(
                Locale.ROOT,
                "Plain j2mod loop (ModbusTCPMaster, one thread and connection per gateway, one request per register)%n"
                        + "  device polls/s       %.1f (target %d)%n"
                        + "  lateness p50 / p99   %s / %s ms%n"
                        + "  CPU                  %.1f %% of one core%n"
                        + "  Modbus requests/s    %.1f (%.2f per poll); failed polls %d%n",
                n / elapsed,
                devices,
                pct(50),
                pct(99),
                100.0 * cpu / 1e9 / elapsed,
                req / elapsed,
                (double) req / Math.max(1, n),
                failures.sum());
    }

    private String pct(int p) {
        long[] v = latenessMicros.stream().mapToLong(Long::longValue).toArray();
        if (v.length == 0) {
            return "n/a";
        }
        Arrays.sort(v);
        return String.format(
                Locale.ROOT, "%.1f", v[Math.min(v.length - 1, (int) Math.ceil(p / 100.0 * v.length) - 1)] / 1000.0);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
