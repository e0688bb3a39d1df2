package org.urbis.benchmarks.gridmeter;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.urbis.dnp3.PointType;
import org.urbis.dnp3.Quality;
import org.urbis.dnp3.outstation.ControlHandler;
import org.urbis.dnp3.outstation.Outstation;
import org.urbis.dnp3.outstation.OutstationConfig;

/**
 * The simulated outstations of the grid-meter benchmark, in a JVM of their own so that their CPU is not the
 * master's. Each has {@link #POINTS} points, 90 of them in event class 1; the events, sent unsolicited, are of
 * its analog inputs. An event's value is its time's millisecond within a thousand seconds, which lets the master's side
 * tell an event's value from a static reading of the same point and measure its latency from its timestamp.
 *
 * <p>Driven over standard input by {@link GridMeterBenchmark}: {@code RATE n} (events per second in total, -1 for
 * as fast as the simulator can, 0 for none), {@code SAMPLE} (prints what happened since the previous sample),
 * {@code QUIT}. Prints {@code PORTS p1,p2,...} once every outstation listens.
 */
public final class OutstationFarm {

    /** Points per outstation: ai 0-59 and bi 0-19 in class 1, counters 0-9 in class 1, bo 0-4 and ao 0-4 static. */
    static final int POINTS = 100;

    static final int ANALOGS = 60;
    static final int BINARIES = 20;
    static final int COUNTERS = 10;
    static final int OUTPUTS = 5;
    static final int FIRST_ADDRESS = 10;
    static final int MASTER = 1;
    private static final Set<Quality> OK = Set.of(Quality.ONLINE);

    private final List<Outstation> outstations = new ArrayList<>();
    private final long pollPeriodNanos;
    private final LongAdder events = new LongAdder();
    private final LongAdder integrityPolls = new LongAdder();
    private final ConcurrentLinkedQueue<Long> latenessMicros = new ConcurrentLinkedQueue<>();
    private volatile double rate;
    private volatile boolean running = true;

    private OutstationFarm(int count, long pollPeriodMillis) throws Exception {
        this.pollPeriodNanos = pollPeriodMillis * 1_000_000L;
        ControlHandler controls = new ControlHandler() {};
        for (int i = 0; i < count; i++) {
            Outstation o = Outstation.listen(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    OutstationConfig.of(FIRST_ADDRESS + i, MASTER).withEventBufferSize(1000),
                    controls,
                    Clock.systemUTC());
            define(o, PointType.ANALOG_INPUT, ANALOGS, 1, 0);
            define(o, PointType.BINARY_INPUT, BINARIES, 1, 0);
            define(o, PointType.COUNTER, COUNTERS, 1, 0);
            define(o, PointType.BINARY_OUTPUT_STATUS, OUTPUTS, 0, 1);
            define(o, PointType.ANALOG_OUTPUT_STATUS, OUTPUTS, 0, 50);
            o.observeReads(new PollClock());
            outstations.add(o);
        }
    }

    private static void define(Outstation o, PointType type, int count, int eventClass, double value) {
        for (int p = 0; p < count; p++) {
            o.define(type, p, eventClass);
            o.update(type, p, value, OK);
        }
    }

    /**
     * Poll lateness as the outstation sees it. The driver polls classes 1, 2 and 3 on one schedule, each in a
     * READ of its own, class 1 first; class 1 READs also come whenever a response says class 1 events wait, but a
     * class 2 READ only ever comes from the schedule. So the last class 1 READ before each class 2 READ is the
     * scheduled one (or one that served it), and the gap between two of them less the period is how late the
     * later one came.
     */
    private final class PollClock implements java.util.function.Consumer<Set<Integer>> {
        private long lastClass1;
        private long previousScheduled;

        @Override
        public void accept(Set<Integer> classes) {
            long now = System.nanoTime();
            if (classes.size() == 4) {
                integrityPolls.increment();
            } else if (classes.equals(Set.of(1))) {
                lastClass1 = now;
            } else if (classes.equals(Set.of(2)) && lastClass1 != 0) {
                if (previousScheduled != 0 && lastClass1 != previousScheduled) {
                    latenessMicros.add(Math.max(0, (lastClass1 - previousScheduled - pollPeriodNanos) / 1000));
                }
                previousScheduled = lastClass1;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        OutstationFarm farm = new OutstationFarm(Integer.parseInt(args[0]), Long.parseLong(args[1]));
        int generators = Integer.parseInt(args[2]);
        System.out.println("PORTS "
                + farm.outstations.stream().map(o -> String.valueOf(o.port())).collect(Collectors.joining(",")));
        System.out.flush();
        for (int g = 0; g < generators; g++) {
            int first = g;
            Thread t = new Thread(() -> farm.generate(first, generators), "event-generator-" + g);
            t.setDaemon(true);
            t.start();
        }
        farm.commands();
    }

    private void commands() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        long t0 = System.nanoTime();
        long cpu0 = cpuNanos();
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "RATE" -> rate = Double.parseDouble(words[1]);
                case "SAMPLE" -> {
                    long t = System.nanoTime();
                    long cpu = cpuNanos();
                    long[] late = latenessMicros.stream()
                            .mapToLong(Long::longValue)
                            .sorted()
                            .toArray();
                    latenessMicros.clear();
                    System.out.printf(
                            Locale.ROOT,
                            "SAMPLE events=%d seconds=%.3f cpuSeconds=%.3f polls=%d lateP50=%.1f "
                                    + "lateP99=%.1f lateMax=%.1f integrity=%d%n",
                            events.sumThenReset(),
                            (t - t0) / 1e9,
                            (cpu - cpu0) / 1e9,
                            late.length,
                            percentile(late, 50),
                            percentile(late, 99),
                            late.length == 0 ? 0 : late[late.length - 1] / 1000.0,
                            integrityPolls.sumThenReset());
                    System.out.flush();
                    t0 = t;
                    cpu0 = cpu;
                }
                case "QUIT" -> {
                    running = false;
                    outstations.forEach(Outstation::close);
                    return;
                }
                default -> System.err.println("unknown command: " + line);
            }
        }
    }

    /** Sends events to the outstations first, first + step, ... at this generator's share of the rate. */
    private void generate(int first, int step) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int mine = (outstations.size() - first + step - 1) / step;
        long next = System.nanoTime();
        while (running) {
            double r = rate;
            if (r == 0 || mine <= 0) {
                sleepNanos(50_000_000L);
                next = System.nanoTime();
                continue;
            }
            if (r > 0) {
                long now = System.nanoTime();
                if (next - now > 0) {
                    sleepNanos(next - now);
                } else if (now - next > 1_000_000_000L) {
                    next = now; // fell a second behind: the rate is above what the rig can do, do not burst
                }
                next += (long) (1e9 * step / r);
            }
            Outstation o = outstations.get(first + step * random.nextInt(mine));
            long t = System.currentTimeMillis();
            double value = t % 1_000_000;
            o.update(PointType.ANALOG_INPUT, random.nextInt(ANALOGS), value, OK, Instant.ofEpochMilli(t));
            events.increment();
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static double percentile(long[] sortedMicros, int p) {
        if (sortedMicros.length == 0) {
            return Double.NaN;
        }
        return sortedMicros[Math.min(sortedMicros.length - 1, (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1)]
                / 1000.0;
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
