package org.urbis.benchmarks.irrigation;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.urbis.api.command.CommandState;
import org.urbis.api.runtime.WarmUp;
import org.urbis.control.internal.command.CommandPipeline;
import org.urbis.irrigation.internal.Dispatcher;
import org.urbis.irrigation.internal.Irrigation;
import org.urbis.irrigation.internal.program.PlannedRun;
import org.urbis.irrigation.internal.program.Planner;
import org.urbis.irrigation.internal.program.Program;
import org.urbis.irrigation.internal.program.ProgramFormat;
import org.urbis.irrigation.internal.weather.Et0Day;

/** The irrigation benchmark: scale (season, night's dispatch) and SWAT-style watering quality. Figures to bench.out. */
public final class IrrigationBenchmark {

    private static final int CONTROLLERS_PER_MAIN = 10;
    private static final LocalDate SEASON_START = LocalDate.parse("2026-01-01");

    private final StringBuilder out = new StringBuilder();

    public static void main(String[] args) throws Exception {
        int controllers = Integer.getInteger("bench.controllers", 500);
        int zones = Integer.getInteger("bench.zones", 16);
        int days = Integer.getInteger("bench.days", 180);
        double compression = Double.parseDouble(System.getProperty("bench.compression", "240"));
        Path file = Path.of(System.getProperty("bench.out", "target/results.txt"));
        IrrigationBenchmark b = new IrrigationBenchmark();
        b.line(
                "Urbis irrigation benchmark, %s; %d processors, load average %.2f at start",
                Instant.now(),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        // the first season counts, the JIT's warm-up included; the second shows the same work once compiled
        Planner.DayPlan busiest = b.season(controllers, zones, days, "first run, counted");
        b.season(controllers, zones, days, "again, warm");
        // Every controller starting its first zone in the same second, as a city's night programs do without flow
        // budgets.
        Map<String, PlannedRun> firsts = new java.util.LinkedHashMap<>();
        busiest.runs().forEach(r -> firsts.putIfAbsent(r.zone().controller(), r));
        Instant start = busiest.runs().get(0).start();
        Planner.DayPlan together = new Planner.DayPlan(
                busiest.date(),
                firsts.values().stream()
                        .map(r -> new PlannedRun(
                                r.program(), r.zone(), start, r.seconds(), r.cycle(), r.cycles(), r.reason()))
                        .toList(),
                Map.of());
        b.dispatch(
                together,
                controllers,
                zones,
                1,
                "200/1000",
                "all controllers at once, the scheduler's own rate (scheduler=200/1000)");
        b.dispatch(
                together,
                controllers,
                zones,
                1,
                null,
                "all controllers at once, baseline: the default per-issuer rate, 5/s burst 20");
        b.dispatch(
                busiest,
                controllers,
                zones,
                compression,
                "200/1000",
                "the busiest night, the scheduler's own rate (scheduler=200/1000)");
        new Swat(b::line).run();
        b.line(
                "load average %.2f at the end",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Files.createDirectories(file.getParent());
        Files.writeString(file, b.out.toString());
        System.out.print(b.out);
    }

    void line(String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    /** A program per water main of ten controllers, each controller's zones varied in plants, soil and heads. */
    static List<Program> programs(int controllers, int zones) {
        List<Program> programs = new ArrayList<>();
        Random random = new Random(42);
        for (int m = 0; m * CONTROLLERS_PER_MAIN < controllers; m++) {
            StringBuilder z = new StringBuilder();
            for (int c = m * CONTROLLERS_PER_MAIN; c < Math.min(controllers, (m + 1) * CONTROLLERS_PER_MAIN); c++) {
                for (int n = 1; n <= zones; n++) {
                    boolean turf = random.nextBoolean();
                    z.append(z.length() == 0 ? "" : ",")
                            .append(String.format(
                                    Locale.ROOT,
                                    "{\"controller\": \"IR-%04d\", \"zone\": %d, \"cropCoefficient\": %.2f, \"rootDepth\": %.2f, "
                                            + "\"availableWater\": %d, \"allowedDepletion\": 0.5, \"precipitationRate\": %d, \"flow\": %d%s}",
                                    c,
                                    n,
                                    turf ? 0.8 : 0.5,
                                    turf ? 0.2 : 0.5,
                                    80 + random.nextInt(80),
                                    turf ? 40 : 15 + random.nextInt(10),
                                    20 + random.nextInt(30),
                                    turf ? ", \"cycleMinutes\": 10, \"soakMinutes\": 20" : ""));
                }
            }
            programs.add(ProgramFormat.parse(
                    "main-" + m,
                    "{\"id\": \"main-" + m + "\", \"weather\": {\"station\": \"WS-1\", "
                            + "\"latitude\": 10.93, \"elevation\": 10}, \"starts\": [\"22:00\"], \"days\": \"every\", "
                            + "\"window\": {\"from\": \"20:00\", \"to\": \"06:00\"}, \"flowBudgets\": {\"main-" + m
                            + "\": 150}, "
                            + "\"zones\": [" + z + "]}"));
        }
        return programs;
    }

    /** A season of Phan Thiết: dry (ET0 5-6.5 mm) until May, then rain on about a third of the days. */
    static Et0Day[] season(int days) {
        Random random = new Random(7);
        Et0Day[] out = new Et0Day[days];
        for (int d = 0; d < days; d++) {
            LocalDate date = SEASON_START.plusDays(d);
            boolean wet = date.getMonthValue() >= 5;
            double rain = wet && random.nextDouble() < 0.35 ? 2 + random.nextDouble() * 30 : 0;
            out[d] = new Et0Day(date, (wet ? 4.0 : 5.0) + random.nextDouble() * 1.5, "Penman-Monteith", rain);
        }
        return out;
    }

    Planner.DayPlan season(int controllers, int zones, int days, String label) throws InterruptedException {
        List<Program> programs = programs(controllers, zones);
        Irrigation irrigation = new Irrigation(
                Field.PHAN_THIET,
                Field.conditions(c -> "main-" + Integer.parseInt(c.substring(3)) / CONTROLLERS_PER_MAIN));
        irrigation.setPrograms(programs, SEASON_START.minusDays(1));
        Et0Day[] weather = season(days);
        // The set-up above (8,000 zones' program text formatted and parsed) leaves the JIT compiling for a second
        // or more; the clock starts once that is done, so the figure counts the planner's own compiling only.
        double settled = WarmUp.awaitQuietJit().toMillis() / 1e3;
        Planner.DayPlan busiest = null;
        long runs = 0;
        long start = System.nanoTime();
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long processCpu = processCpuNanos();
        for (int d = 0; d < days; d++) {
            LocalDate day = SEASON_START.plusDays(d);
            Planner.DayPlan plan = irrigation.plan(day);
            for (PlannedRun r : plan.runs()) {
                irrigation.credit(r, day);
            }
            runs += plan.runs().size();
            if (busiest == null || plan.runs().size() > busiest.runs().size()) {
                busiest = plan;
            }
            Et0Day w = weather[d];
            irrigation.closeDay(day, s -> w);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1e9;
        double processCpuSeconds = (processCpuNanos() - processCpu) / 1e9;
        int zoneCount = programs.stream().mapToInt(p -> p.zones().size()).sum();
        line(
                "(a) season, %s: %d controllers x %d zones = %d zones, %d days: %d zone-days balanced, %d zone runs planned "
                        + "(cycles counted), in %.3f s; CPU %.3f s on the calling thread, %.3f s in the whole process (the common pool's "
                        + "threads, the JIT and GC included); goal <= 2 s: %s; load average %.2f, the machine's sharing; "
                        + "started once the set-up's JIT compiling was done, %.1f s after it)",
                label,
                controllers,
                zones,
                zoneCount,
                days,
                (long) zoneCount * days,
                runs,
                seconds,
                cpuSeconds,
                processCpuSeconds,
                seconds <= 2 ? "met" : "NOT met",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                settled);
        line(
                "    busiest night %s: %d runs, from %s to %s",
                busiest.date(),
                busiest.runs().size(),
                busiest.runs().get(0).start(),
                busiest.runs().stream()
                        .map(PlannedRun::end)
                        .max(Instant::compareTo)
                        .orElseThrow());
        return busiest;
    }

    /** CPU time of every thread of the process so far. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * Sends a night's runs through the real pipeline at their (compressed) times and measures how late each reached
     * its controller.
     */
    void dispatch(Planner.DayPlan night, int controllers, int zones, double compression, String rate, String label)
            throws Exception {
        Field field = new Field();
        for (int c = 0; c < controllers; c++) {
            field.controller(String.format(Locale.ROOT, "IR-%04d", c), zones);
        }
        Path audit = Files.createTempDirectory("urbis-irrigation-bench");
        ExecutorService executor = Executors.newFixedThreadPool(8);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        CommandPipeline pipeline = field.pipeline(audit, Clock.systemUTC(), executor, rate);
        Irrigation irrigation = new Irrigation(Field.PHAN_THIET, Field.conditions(c -> null));
        Instant first = night.runs().get(0).start();
        Instant t0 = Instant.now().plusSeconds(3);
        long t0Nanos = System.nanoTime() + 3_000_000_000L;
        List<PlannedRun> shifted = new ArrayList<>();
        // Per zone, its runs' (compressed) starts in order: a zone's runs never overlap, so its k-th start at the
        // controller is its k-th planned run, whatever the cycles' lengths.
        Map<String, List<long[]>> due = new HashMap<>();
        for (PlannedRun r : night.runs()) {
            long offsetMillis = (long) (Duration.between(first, r.start()).toMillis() / compression);
            PlannedRun s = new PlannedRun(
                    r.program(), r.zone(), t0.plusMillis(offsetMillis), r.seconds(), r.cycle(), r.cycles(), r.reason());
            shifted.add(s);
            due.computeIfAbsent(s.zone().controller() + "/" + s.zone().runPoint(), k -> new ArrayList<>())
                    .add(new long[] {t0Nanos + offsetMillis * 1_000_000, s.seconds()});
        }
        due.values().forEach(l -> l.sort(java.util.Comparator.comparingLong(x -> x[0])));
        AtomicInteger done = new AtomicInteger();
        Map<String, AtomicInteger> states = new java.util.concurrent.ConcurrentHashMap<>();
        Dispatcher dispatcher = new Dispatcher(
                pipeline::submit,
                irrigation,
                "scheduler",
                Duration.ofMinutes(5),
                Clock.systemUTC(),
                timer,
                (run, result) -> {
                    String why = result.state() == CommandState.CONFIRMED
                            ? ""
                            : " " + result.reason().split(":")[0];
                    states.computeIfAbsent(result.state() + why, k -> new AtomicInteger())
                            .incrementAndGet();
                    done.incrementAndGet();
                });
        dispatcher.schedule(new Planner.DayPlan(night.date(), shifted, Map.of()));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (done.get() < shifted.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        // Lateness at the controller: when it was told to start, against the run's (compressed) planned start.
        Map<String, Integer> seen = new HashMap<>();
        int unmatched = 0;
        long[] late;
        synchronized (field.told) {
            List<Field.Told> sorted = new ArrayList<>(field.told);
            sorted.sort(java.util.Comparator.comparingLong(Field.Told::atNanos));
            late = new long[sorted.size()];
            int i = 0;
            for (Field.Told t : sorted) {
                String key = t.device() + "/" + t.point();
                int k = seen.merge(key, 1, Integer::sum) - 1;
                List<long[]> runs = due.getOrDefault(key, List.of());
                if (k >= runs.size() || runs.get(k)[1] != t.seconds()) {
                    unmatched++;
                    continue;
                }
                late[i++] = t.atNanos() - runs.get(k)[0];
            }
            late = Arrays.copyOf(late, i);
        }
        Arrays.sort(late);
        double span = Duration.between(
                                first,
                                night.runs().stream()
                                        .map(PlannedRun::start)
                                        .max(Instant::compareTo)
                                        .orElseThrow())
                        .toSeconds()
                / compression;
        line(
                "(a) dispatch, %s: %d runs over %.0f s (compressed %.0f-fold), %d at once at the start; results %s; "
                        + "%d reached a controller as planned (%d out of order or unplanned): lateness p50 %.3f s, p99 %.3f s, max %.3f s "
                        + "(goal <= 5 s: %s)",
                label,
                shifted.size(),
                span,
                compression,
                shifted.stream().filter(r -> r.start().equals(t0)).count(),
                states,
                late.length,
                unmatched,
                pct(late, 50),
                pct(late, 99),
                late.length == 0 ? 0 : late[late.length - 1] / 1e9,
                late.length > 0 && late.length == shifted.size() && unmatched == 0 && late[late.length - 1] <= 5e9
                        ? "met"
                        : "NOT met");
        timer.shutdownNow();
        executor.shutdownNow();
    }

    private static double pct(long[] sorted, int p) {
        return sorted.length == 0
                ? 0
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e9;
    }
}
