package org.urbis.benchmarks.grid;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Value;
import org.urbis.control.internal.audit.AuditLog;
import org.urbis.control.internal.command.CommandPipeline;
import org.urbis.control.internal.command.ControlSettings;
import org.urbis.grid.internal.Grid;
import org.urbis.grid.internal.GridSettings;
import org.urbis.grid.internal.control.Decision;
import org.urbis.grid.internal.control.ExportLimiter;
import org.urbis.grid.internal.control.PeakLimiter;
import org.urbis.grid.internal.feeder.Feeder;
import org.urbis.grid.internal.feeder.Mode;
import org.urbis.grid.internal.forecast.ClearSky;
import org.urbis.grid.internal.forecast.Holidays;
import org.urbis.grid.internal.forecast.LoadForecaster;
import org.urbis.grid.internal.forecast.PvForecaster;
import org.urbis.grid.internal.forecast.Series;
import org.urbis.testing.FakeDeviceIO;
import org.urbis.testing.FakeRegistry;
import org.urbis.testing.SettableClock;

/** See run.sh for what is measured. */
public final class GridForecastBenchmark {

    private static final int HISTORY_DAYS = 7 * LoadForecaster.HISTORY_WEEKS;
    private static final List<String> OUT = new ArrayList<>();

    private GridForecastBenchmark() {}

    public static void main(String[] args) throws Exception {
        int feeders = Integer.getInteger("bench.feeders", 500);
        int reactions = Integer.getInteger("bench.reactions", 40);
        int accuracyFeeders = Integer.getInteger("bench.accuracyFeeders", 50);
        Path out = Path.of(System.getProperty("bench.out", "target/results.txt"));
        say("grid-forecast benchmark, " + Instant.now() + ", "
                + Runtime.getRuntime().availableProcessors() + " processors");
        forecastAtScale(feeders);
        reaction(reactions);
        heldOutMonth(accuracyFeeders);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, OUT);
    }

    private static void say(String line) {
        System.out.println(line);
        OUT.add(line);
    }

    private static Feeder feeder(
            String id, double importLimit, double exportLimit, Mode peak, Mode export, String station) {
        return new Feeder(
                id,
                id + ".feeder.json",
                id + "-TX",
                SyntheticFeeder.LAT,
                SyntheticFeeder.LON,
                station,
                importLimit,
                exportLimit,
                0.03 * Math.max(importLimit, exportLimit),
                peak,
                export,
                4,
                30,
                Set.of());
    }

    private static void put(
            FakeRegistry registry,
            String id,
            DeviceClass cls,
            String feeder,
            List<Point> points,
            Map<String, Value> values) {
        Instant now = Instant.now();
        registry.put(
                new Device(id, cls, cls.id(), "sim://" + id, null, Map.of("feeder", feeder), points, null, null),
                new DeviceHealth(id, HealthStatus.ONLINE, null, "", now, now, 0, 0),
                values);
    }

    private static final List<Point> METER =
            List.of(Point.builder("activePower", DataType.FLOAT).unit("kW").build());
    private static final List<Point> FLEXIBLE = List.of(
            Point.builder("activePower", DataType.FLOAT).unit("kW").build(),
            Point.builder("loadControl", DataType.STRING)
                    .access(Access.READ_WRITE)
                    .build());
    private static final List<Point> INVERTER = List.of(
            Point.builder("acPower", DataType.FLOAT).unit("kW").build(),
            Point.builder("powerLimitPct", DataType.FLOAT)
                    .unit("%")
                    .access(Access.READ_WRITE)
                    .limits(0.0, 100.0)
                    .build(),
            Point.builder("ratedPower", DataType.FLOAT).unit("kW").build());

    // ---- (a) 500 feeders x 192 steps ----

    private static void forecastAtScale(int feeders) {
        LocalDate today = LocalDate.of(2026, 3, 10);
        LocalDate from = today.minusDays(HISTORY_DAYS);
        MemoryHistory history = new MemoryHistory();
        FakeRegistry registry = new FakeRegistry();
        List<Feeder> all = new ArrayList<>();
        long made = System.nanoTime();
        for (int i = 0; i < feeders; i++) {
            SyntheticFeeder s = new SyntheticFeeder(i, from, HISTORY_DAYS);
            String id = "F" + i;
            Feeder f = feeder(id, s.importLimitKw, s.exportLimitKw, Mode.ADVISE, Mode.AUTOMATIC, "WS-" + (i % 10));
            all.add(f);
            double[] net = new double[s.load.length()];
            for (int j = 0; j < net.length; j++) {
                net[j] = s.net(j);
            }
            history.put(f.transformerMeter(), "activePower", new Series(s.load.start(), net));
            // the rooftops as two inverters of 60 % and 40 % of the rating
            for (int k = 0; k < 2; k++) {
                double share = k == 0 ? 0.6 : 0.4;
                double[] ac = new double[net.length];
                for (int j = 0; j < ac.length; j++) {
                    ac[j] = s.pv.at(j) * share;
                }
                String inv = id + "-INV-" + k;
                history.put(inv, "acPower", new Series(s.load.start(), ac));
                put(
                        registry,
                        inv,
                        DeviceClass.of("pv"),
                        id,
                        INVERTER,
                        Map.of("ratedPower", Value.good("ratedPower", s.ratedKw * share, Instant.now())));
            }
            if (i < 10) {
                history.put("WS-" + i, "solarRadiation", s.irradiance);
            }
        }
        say(String.format(
                Locale.ROOT,
                "(a) %d synthetic feeders with %d days of history made in %.1f s",
                feeders,
                HISTORY_DAYS,
                (System.nanoTime() - made) / 1e9));
        Clock at = Clock.fixed(today.atStartOfDay(SyntheticFeeder.SITE).toInstant(), SyntheticFeeder.SITE);
        Grid grid = new Grid(
                new GridSettings("scheduler", Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(15)),
                registry,
                () -> history,
                c -> null,
                () -> null,
                at,
                SyntheticFeeder.SITE);
        grid.setFeeders(all);
        double[] seconds = new double[5];
        // the process's CPU time too (the JIT's and the collector's included), which other builds on the machine do not
        // stretch
        double[] cpu = new double[seconds.length];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int run = 0; run < seconds.length; run++) {
            long t0 = System.nanoTime();
            long c0 = os.getProcessCpuTime();
            grid.forecastAll();
            seconds[run] = (System.nanoTime() - t0) / 1e9;
            cpu[run] = (os.getProcessCpuTime() - c0) / 1e9;
        }
        long forecasts = grid.feeders().stream()
                .filter(f -> grid.forecast(f.id()).isPresent())
                .count();
        double[] warm = Arrays.copyOfRange(seconds, 1, seconds.length);
        Arrays.sort(warm);
        say(String.format(
                Locale.ROOT,
                "(a) forecast of %d feeders x %d steps (load and PV, from 8 weeks of history each, read through "
                        + "the History interface) on %d threads: first round after start (JIT cold) %.2f s, goal <= 5 s: %s; the %d warm rounds "
                        + "after it %s s, median %.2f s; CPU time of the process (JIT and GC included) %s s; load average %s",
                forecasts,
                Grid.STEPS,
                Math.min(feeders, Runtime.getRuntime().availableProcessors()),
                seconds[0],
                seconds[0] <= 5 ? "MET" : "NOT MET",
                warm.length,
                Arrays.stream(seconds, 1, seconds.length)
                        .mapToObj(v -> String.format(Locale.ROOT, "%.2f", v))
                        .toList(),
                (warm[1] + warm[2]) / 2,
                Arrays.stream(cpu)
                        .mapToObj(v -> String.format(Locale.ROOT, "%.2f", v))
                        .toList(),
                String.format(Locale.ROOT, "%.1f", os.getSystemLoadAverage())));
    }

    // ---- (b) reaction through the pipeline ----

    private static void reaction(int crossings) throws IOException {
        FakeRegistry registry = new FakeRegistry();
        FakeDeviceIO io = new FakeDeviceIO();
        SettableClock clock = new SettableClock(Instant.parse("2026-03-10T05:00:00Z"));
        ExecutorService executor = Executors.newFixedThreadPool(2);
        Path dir = Files.createTempDirectory("grid-bench");
        AuditLog audit = new AuditLog(dir.resolve("audit.log"), clock);
        ControlSettings settings = new ControlSettings(
                Set.of("operator", "admin"),
                Map.of("scheduler", Set.of("operator")),
                Duration.ofHours(1),
                100_000,
                Duration.ofHours(24),
                Duration.ofSeconds(30),
                5,
                20,
                1,
                5,
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofMillis(20),
                8,
                ControlSettings.parseIssuerRates(new String[] {"scheduler=200/1000"}));
        CommandPipeline pipeline = new CommandPipeline(registry, io, List::of, audit, settings, clock, executor);
        CommandService service = new CommandService() {
            @Override
            public CompletionStage<CommandResult> submit(Command command) {
                return pipeline.submit(command);
            }
        };
        Feeder f = feeder("PT-F1", 400, 150, Mode.AUTOMATIC, Mode.AUTOMATIC, null);
        int inverters = 20;
        int loads = 10;
        for (int k = 0; k < inverters; k++) {
            put(
                    registry,
                    "INV-" + k,
                    DeviceClass.of("pv"),
                    "PT-F1",
                    INVERTER,
                    Map.of(
                            "ratedPower",
                            Value.good("ratedPower", 15.0, clock.instant()),
                            "acPower",
                            Value.good("acPower", 12.0, clock.instant())));
        }
        for (int k = 0; k < loads; k++) {
            put(
                    registry,
                    "LD-" + k,
                    DeviceClass.of("gridmeter"),
                    "PT-F1",
                    FLEXIBLE,
                    Map.of("activePower", Value.good("activePower", 10.0, clock.instant())));
        }
        Grid grid = new Grid(
                new GridSettings("scheduler", Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofMinutes(15)),
                registry,
                () -> null,
                service,
                () -> null,
                clock,
                SyntheticFeeder.SITE);
        grid.setFeeders(List.of(f));
        double[] export = new double[crossings];
        double[] peak = new double[crossings];
        try {
            // a few crossings first, not counted: the JIT warms up as in (a)
            crossings(grid, f, registry, io, clock, new double[3], new double[3], inverters, loads);
            crossings(grid, f, registry, io, clock, export, peak, inverters, loads);
        } finally {
            audit.close();
            executor.shutdownNow();
        }
        Arrays.sort(export);
        Arrays.sort(peak);
        say(String.format(
                Locale.ROOT,
                "(b) reaction from a measured limit crossing to every command through the real pipeline "
                        + "(authorise, validate, audit, send, readback confirmed), %d crossings each after 3 not counted: export (20 inverters) median %.1f ms, "
                        + "p95 %.1f ms, max %.1f ms; peak (10 flexible loads) median %.1f ms, p95 %.1f ms, max %.1f ms; goal <= 1 s: %s",
                crossings,
                export[crossings / 2],
                export[crossings * 95 / 100],
                export[crossings - 1],
                peak[crossings / 2],
                peak[crossings * 95 / 100],
                peak[crossings - 1],
                export[crossings - 1] <= 1000 && peak[crossings - 1] <= 1000 ? "MET" : "NOT MET"));
    }

    private static void crossings(
            Grid grid,
            Feeder f,
            FakeRegistry registry,
            FakeDeviceIO io,
            SettableClock clock,
            double[] export,
            double[] peak,
            int inverters,
            int loads) {
        for (int c = 0; c < export.length; c++) {
            // export crossing: 20 inverters curtailed; then the export falls and they are released
            export[c] = react(grid, f, registry, io, clock, -180 - c % 7, inverters);
            react(grid, f, registry, io, clock, -20, inverters);
            // import crossing: 10 flexible loads get an event; then the load falls and it is cancelled
            peak[c] = react(grid, f, registry, io, clock, 430 + c % 7, loads);
            react(grid, f, registry, io, clock, 100, loads);
        }
    }

    /** Sets the transformer reading, lets the controllers look, and times until every command is confirmed (ms). */
    private static double react(
            Grid grid, Feeder f, FakeRegistry registry, FakeDeviceIO io, SettableClock clock, double kw, int expected) {
        clock.advance(Duration.ofMinutes(1));
        put(
                registry,
                f.transformerMeter(),
                DeviceClass.of("gridmeter"),
                f.id(),
                METER,
                Map.of("activePower", Value.good("activePower", kw, clock.instant())));
        int before = io.writes.size();
        long t0 = System.nanoTime();
        grid.evaluate(f, true);
        long deadline = t0 + 30_000_000_000L;
        while (grid.actions().stream().anyMatch(a -> a.outcome().equals("sent")) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        if (io.writes.size() - before != expected) {
            throw new IllegalStateException("at " + kw + " kW expected " + expected + " commands, got "
                    + (io.writes.size() - before) + ": " + grid.actions().get(0));
        }
        return ms;
    }

    // ---- (c) the held-out month ----

    private static void heldOutMonth(int count) {
        LocalDate month = LocalDate.of(2026, 2, 1);
        int days = 28;
        LocalDate from = month.minusDays(HISTORY_DAYS);
        Holidays holidays = Holidays.NATIONAL;
        LoadForecaster forecaster = new LoadForecaster(SyntheticFeeder.SITE, holidays);
        double[] sums = new double[4]; // forecast abs error, naive abs error, forecast pct error, pct count
        int slots = 0;
        int tetSlots = 0;
        double tetF = 0;
        double tetN = 0;
        Control peakForecast = new Control();
        Control peakMeasured = new Control();
        Control export = new Control();
        double[] pvDry = new double[4];
        double[] pvRainy = new double[4];
        long t0 = System.nanoTime();
        for (int k = 0; k < count; k++) {
            SyntheticFeeder s = new SyntheticFeeder(k, from, HISTORY_DAYS + days);
            double[] dayAhead = new double[days * Series.DAY];
            for (int d = 0; d < days; d++) {
                int end = (HISTORY_DAYS + d) * Series.DAY;
                Series history = new Series(s.load.start(), Arrays.copyOf(s.load.values(), end));
                Series fc = forecaster.forecast(history, Series.DAY);
                for (int i = 0; i < Series.DAY; i++) {
                    int j = end + i;
                    double actual = s.load.at(j);
                    double naive = s.load.at(j - Series.WEEK);
                    double e = Math.abs(actual - fc.at(i));
                    dayAhead[d * Series.DAY + i] = fc.at(i);
                    sums[0] += e;
                    sums[1] += Math.abs(actual - naive);
                    sums[2] += e / actual;
                    slots++;
                    if (holidays.isHoliday(s.time(j).toLocalDate())) {
                        tetSlots++;
                        tetF += e;
                        tetN += Math.abs(actual - naive);
                    }
                }
                pv(s, end, pvDry);
            }
            SyntheticFeeder rainy =
                    new SyntheticFeeder(k, LocalDate.of(2026, 8, 1).minusDays(7), 7 + days);
            for (int d = 0; d < days; d++) {
                pv(rainy, (7 + d) * Series.DAY, pvRainy);
            }
            simulate(s, HISTORY_DAYS * Series.DAY, dayAhead, peakForecast, peakMeasured, export);
        }
        double mase = sums[0] / sums[1];
        say(String.format(
                Locale.ROOT,
                "(c) held-out month February 2026 (Tet 15-21 Feb), %d synthetic feeders, %d days, forecast "
                        + "at each local midnight for the day: day-ahead load MAE %.2f kW, MAPE %.1f %%, MASE %.3f against seasonal-naive "
                        + "(baseline, same time a week before: MAE %.2f kW, MASE 1); goal MASE <= 0.8: %s",
                count,
                days,
                sums[0] / slots,
                100 * sums[2] / slots,
                mase,
                sums[1] / slots,
                mase <= 0.8 ? "MET" : "NOT MET"));
        say(String.format(
                Locale.ROOT,
                "(c) of which the Tet days: forecast MAE %.2f kW, seasonal-naive MAE %.2f kW; outside Tet: MASE %.3f",
                tetF / Math.max(1, tetSlots),
                tetN / Math.max(1, tetSlots),
                (sums[0] - tetF) / (sums[1] - tetN)));
        say(String.format(
                Locale.ROOT,
                "(c) PV day-ahead (from midnight, daylight quarter hours): dry February MAE %.2f kW of mean %.2f kW "
                        + "(seasonal-naive, the day before: MAE %.2f kW); rainy August MAE %.2f kW of mean %.2f kW (seasonal-naive MAE %.2f kW)",
                pvDry[0] / pvDry[2],
                pvDry[1] / pvDry[2],
                pvDry[3] / pvDry[2],
                pvRainy[0] / pvRainy[2],
                pvRainy[1] / pvRainy[2],
                pvRainy[3] / pvRainy[2]));
        say(peakForecast.peak("peak limiting with the forecast (automatic)"));
        say(peakMeasured.peak("peak limiting on measurements only (baseline)"));
        say(export.export("export limiting (automatic)"));
        say(String.format(Locale.ROOT, "(c) held-out month computed in %.1f s", (System.nanoTime() - t0) / 1e9));
    }

    /** Day-ahead PV error from midnight over the day's daylight slots: adds abs error, actual, count, naive abs error. */
    private static void pv(SyntheticFeeder s, int end, double[] acc) {
        int from = end - 7 * Series.DAY;
        Series pv = new Series(s.pv.time(from), Arrays.copyOfRange(s.pv.values(), from, end));
        Series ghi = new Series(s.pv.time(from), Arrays.copyOfRange(s.irradiance.values(), from, end));
        double[] clear = ClearSky.slots(SyntheticFeeder.LAT, SyntheticFeeder.LON, pv.start(), pv.length() + Series.DAY);
        Series fc = PvForecaster.forecast(s.ratedKw, pv, ghi, clear, Series.DAY);
        for (int i = 0; i < Series.DAY; i++) {
            if (clear[pv.length() + i] > 0) {
                acc[0] += Math.abs(s.pv.at(end + i) - fc.at(i));
                acc[1] += s.pv.at(end + i);
                acc[2]++;
                acc[3] += Math.abs(s.pv.at(end + i) - s.pv.at(end + i - Series.DAY));
            }
        }
    }

    /** Outcomes of one controller over the simulated month. */
    static final class Control {
        int intervals;
        int kept;
        double uncontrolledExcessKwh;
        double curtailedKwh;
        double shedKwh;
        int commands;
        double availableKwh;

        String peak(String name) {
            return String.format(
                    Locale.ROOT,
                    "(c) %s: %d peak intervals (quarter hours whose uncontrolled mean import passed the "
                            + "limit), kept under the limit in %.1f %% (goal >= 95 %%: %s); load shed %.0f kWh, %d load-control commands",
                    name,
                    intervals,
                    100.0 * kept / Math.max(1, intervals),
                    kept >= 0.95 * intervals ? "MET" : "NOT MET",
                    shedKwh,
                    commands);
        }

        String export(String name) {
            return String.format(
                    Locale.ROOT,
                    "(c) %s: %d export intervals (quarter hours whose uncontrolled mean export passed the "
                            + "limit), kept under the limit in %.1f %% (goal >= 99 %%: %s); energy curtailed %.0f kWh of %.0f kWh of PV (%.2f %%), "
                            + "%d inverter commands",
                    name,
                    intervals,
                    100.0 * kept / Math.max(1, intervals),
                    kept >= 0.99 * intervals ? "MET" : "NOT MET",
                    curtailedKwh,
                    availableKwh,
                    100 * curtailedKwh / Math.max(1e-9, availableKwh),
                    commands);
        }
    }

    /**
     * The month minute by minute: the controllers see each minute's transformer reading and decide; what they command
     * holds from the next minute on. Load and PV within a quarter hour wander around its mean.
     */
    private static void simulate(
            SyntheticFeeder s, int first, double[] dayAhead, Control withForecast, Control measured, Control export) {
        Feeder f = feeder("SIM", s.importLimitKw, s.exportLimitKw, Mode.AUTOMATIC, Mode.AUTOMATIC, null);
        runPeak(s, f, first, dayAhead, withForecast);
        runPeak(s, f, first, null, measured);
        runExport(s, f, first, export);
    }

    private static void runPeak(SyntheticFeeder s, Feeder f, int first, double[] forecast, Control c) {
        java.util.Random r = new java.util.Random(s.index);
        PeakLimiter.Event event = null;
        double target = 100;
        long id = 1;
        Instant start = s.load.time(first);
        for (int q = first; q < s.load.length(); q++) {
            double sum = 0;
            double uncontrolled = 0;
            for (int m = 0; m < 15; m++) {
                double load = s.load.at(q) * (1 + 0.02 * r.nextGaussian());
                double flexible = load * s.flexibleShare;
                double drawn = load - flexible * (1 - target / 100);
                double net = drawn - s.pv.at(q);
                sum += net;
                uncontrolled += load - s.pv.at(q);
                c.shedKwh += (load - drawn) / 60;
                Instant now = start.plus(Duration.ofMinutes(15L * (q - first) + m));
                double next = forecast == null || q + 1 - first >= forecast.length
                        ? Double.NaN
                        : forecast[q + 1 - first] - s.pv.at(q + 1);
                PeakLimiter.Outcome o = PeakLimiter.decide(
                        f, net, next, List.of(new PeakLimiter.Load("L", flexible * target / 100)), event, id, now);
                if (o.decision().acts()) {
                    c.commands++;
                    id++;
                    event = o.event();
                    target = event == null ? 100 : event.target();
                } else if (o.event() == null && event != null) {
                    event = null;
                    target = 100;
                }
            }
            if (uncontrolled / 15 > f.importLimitKw()) {
                c.intervals++;
                if (sum / 15 <= f.importLimitKw()) {
                    c.kept++;
                }
            }
        }
    }

    private static void runExport(SyntheticFeeder s, Feeder f, int first, Control c) {
        java.util.Random r = new java.util.Random(s.index + 7);
        double[] share = {0.5, 0.3, 0.2};
        double[] pct = {100, 100, 100};
        for (int q = first; q < s.load.length(); q++) {
            double sum = 0;
            double uncontrolled = 0;
            for (int m = 0; m < 15; m++) {
                double load = s.load.at(q) * (1 + 0.02 * r.nextGaussian());
                double available = s.pv.at(q) * (1 + 0.05 * r.nextGaussian());
                List<ExportLimiter.Inverter> inverters = new ArrayList<>();
                double produced = 0;
                for (int k = 0; k < 3; k++) {
                    double rated = s.ratedKw * share[k];
                    double ac = Math.min(Math.max(0, available * share[k]), rated * pct[k] / 100);
                    produced += ac;
                    inverters.add(new ExportLimiter.Inverter("INV-" + k, rated, ac, pct[k]));
                }
                double net = load - produced;
                sum += -net;
                uncontrolled += Math.max(0, available) - load;
                c.curtailedKwh += (Math.max(0, available) - produced) / 60;
                c.availableKwh += Math.max(0, available) / 60;
                Decision d = ExportLimiter.decide(f, net, inverters);
                for (var o : d.orders()) {
                    pct[Integer.parseInt(o.device().substring(4))] = ((Number) o.value()).doubleValue();
                    c.commands++;
                }
            }
            if (uncontrolled / 15 > f.exportLimitKw()) {
                c.intervals++;
                if (sum / 15 <= f.exportLimitKw()) {
                    c.kept++;
                }
            }
        }
    }
}
