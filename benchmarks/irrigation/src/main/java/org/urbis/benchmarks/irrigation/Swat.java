package org.urbis.benchmarks.irrigation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.urbis.api.command.CommandResult;
import org.urbis.control.internal.command.CommandPipeline;
import org.urbis.irrigation.internal.Dispatcher;
import org.urbis.irrigation.internal.Irrigation;
import org.urbis.irrigation.internal.et0.DayInputs;
import org.urbis.irrigation.internal.et0.Fao56;
import org.urbis.irrigation.internal.program.PlannedRun;
import org.urbis.irrigation.internal.program.Planner;
import org.urbis.irrigation.internal.program.ProgramFormat;
import org.urbis.irrigation.internal.weather.Et0Day;
import org.urbis.irrigation.internal.weather.WeatherDay;
import org.urbis.testing.SettableClock;

/**
 * A SWAT-style check (the Irrigation Association's Smart Water Application Technologies protocol, in outline): six
 * zones that differ in plant, soil, root depth and precipitation rate, 30 days of weather, scored per zone by
 * irrigation adequacy and scheduling efficiency.
 *
 * <p>The scheduler sees only what a site would: the weather station's readings through the day (temperature, humidity,
 * wind at 10 m, radiation, rain so far) and the zone attributes of its program; its runs go through the command
 * pipeline to simulated controllers. The grade is this class's own root-zone balance, from the day's weather (its
 * reference ET0 from the day's values) and the seconds each controller was told to run times the zone's precipitation
 * rate, in the day's order: the night's irrigation into the root zone (what exceeds field capacity then is
 * irrigation surplus), then the day's rain (fully effective up to field capacity, the rest lost) and ETc.
 * Adequacy = 100 × (1 − ET drawn from below the allowed depletion ÷ ETc); efficiency = 100 × (1 − irrigation
 * surplus ÷ irrigation). Beside it, for information, the water rain that followed an irrigation pushed out: what
 * the day lost with the irrigation minus what it would have lost without (no controller without a forecast
 * avoids it).
 */
final class Swat {

    /** One zone of the test, as the grader knows it. */
    record Zone(
            String name, double kc, double availableWater, double root, double mad, double rate, int cycle, int soak) {
        double taw() {
            return availableWater * root;
        }
    }

    /** One day's weather as it fell. */
    record Day(double tmax, double tmin, double rhMax, double rhMin, double wind10, double rs, double rain) {}

    static final List<Zone> ZONES = List.of(
            new Zone("1 turf, sandy loam, sprays", 0.8, 100, 0.20, 0.5, 40, 8, 30),
            new Zone("2 turf, clay loam, rotors", 0.8, 170, 0.15, 0.5, 12, 0, 0),
            new Zone("3 shrubs, loam, sprays on a slope", 0.5, 140, 0.45, 0.5, 38, 10, 30),
            new Zone("4 groundcover, sand, sprays", 0.6, 70, 0.30, 0.5, 25, 0, 0),
            new Zone("5 trees, silty clay, bubblers", 0.6, 160, 0.90, 0.6, 25, 0, 0),
            new Zone("6 dry-garden plants, sandy loam, drip", 0.3, 100, 0.60, 0.6, 6, 0, 0));

    static final double LATITUDE = 10.93;
    static final double ELEVATION = 10;

    /** Where the figures go. */
    interface Lines {
        void line(String format, Object... args);
    }

    private final Lines out;

    Swat(Lines out) {
        this.out = out;
    }

    /** Phan Thiết in March: the dry north-east monsoon, windy and sunny, one light shower. */
    static Day[] drySeason() {
        Random r = new Random(2026_03);
        Day[] days = new Day[30];
        for (int d = 0; d < 30; d++) {
            days[d] = new Day(
                    31.5 + 2 * r.nextDouble(),
                    23 + 2 * r.nextDouble(),
                    85 + 7 * r.nextDouble(),
                    55 + 10 * r.nextDouble(),
                    3.5 + 1.5 * r.nextDouble(),
                    21 + 4 * r.nextDouble(),
                    d == 17 ? 2.4 : 0);
        }
        return days;
    }

    /** Phan Thiết as the rains set in (late May to June): cloudier, calmer, storms on about a third of the days. */
    static Day[] rainyOnset() {
        Random r = new Random(2026_06);
        double[] rain = {
            0, 0, 0, 6.2, 0, 0, 0, 18.5, 3.1, 0, 0, 0, 0, 27.4, 0, 2.2, 0, 0, 0, 11.8, 35.0, 4.6, 0, 0, 0, 0, 9.3, 0, 0,
            14.7
        };
        Day[] days = new Day[30];
        for (int d = 0; d < 30; d++) {
            boolean wet = rain[d] > 0;
            days[d] = new Day(
                    wet ? 29.5 + 2 * r.nextDouble() : 31.5 + 2 * r.nextDouble(),
                    24 + 1.5 * r.nextDouble(),
                    90 + 6 * r.nextDouble(),
                    wet ? 70 + 10 * r.nextDouble() : 60 + 8 * r.nextDouble(),
                    2 + r.nextDouble(),
                    wet ? 13 + 4 * r.nextDouble() : 19 + 4 * r.nextDouble(),
                    rain[d]);
        }
        return days;
    }

    void run() throws Exception {
        series("dry season (March)", LocalDate.parse("2026-03-01"), drySeason());
        series("rains setting in (June)", LocalDate.parse("2026-06-01"), rainyOnset());
    }

    private void series(String label, LocalDate first, Day[] weather) throws Exception {
        Field field = new Field();
        StringBuilder zones = new StringBuilder();
        for (int i = 0; i < ZONES.size(); i++) {
            Zone z = ZONES.get(i);
            field.controller("SW-" + (i + 1), 1);
            zones.append(i == 0 ? "" : ",")
                    .append(String.format(
                            Locale.ROOT,
                            "{\"controller\": \"SW-%d\", \"zone\": 1, \"name\": \"%s\", "
                                    + "\"cropCoefficient\": %.2f, \"rootDepth\": %.2f, \"availableWater\": %.0f, \"allowedDepletion\": %.2f, "
                                    + "\"precipitationRate\": %.0f, \"rainEffectiveness\": 1%s}",
                            i + 1,
                            z.name(),
                            z.kc(),
                            z.root(),
                            z.availableWater(),
                            z.mad(),
                            z.rate(),
                            z.cycle() > 0
                                    ? ", \"cycleMinutes\": " + z.cycle() + ", \"soakMinutes\": " + z.soak()
                                    : ""));
        }
        Irrigation irrigation = new Irrigation(Field.PHAN_THIET, Field.conditions(c -> null));
        irrigation.setPrograms(
                List.of(ProgramFormat.parse(
                        "swat.program.json",
                        "{\"id\": \"swat\", \"weather\": {\"station\": \"WS-SWAT\", "
                                + "\"latitude\": 10.93, \"elevation\": 10}, \"starts\": [\"00:30\"], \"window\": {\"from\": \"20:00\", \"to\": \"07:00\"}, "
                                + "\"zones\": [" + zones + "]}")),
                first.minusDays(1));
        SettableClock clock =
                new SettableClock(first.atStartOfDay(Field.PHAN_THIET).toInstant());
        Path audit = Files.createTempDirectory("urbis-swat");
        ExecutorService executor = Executors.newFixedThreadPool(2);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        CommandPipeline pipeline = field.pipeline(audit, clock, executor, "200/1000");
        List<CommandResult> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        Dispatcher dispatcher = new Dispatcher(
                pipeline::submit,
                irrigation,
                "scheduler",
                Duration.ofMinutes(5),
                clock,
                timer,
                (run, result) -> results.add(result));

        int n = ZONES.size();
        double[] depletion = new double[n];
        double[] etcSum = new double[n];
        double[] shortfall = new double[n];
        double[] appliedSum = new double[n];
        double[] surplus = new double[n];
        double[] pushedOut = new double[n];
        double rainSum = 0;
        for (int d = 0; d < weather.length; d++) {
            LocalDate date = first.plusDays(d);
            Day w = weather[d];
            // The night's runs, sent one by one at their start through the pipeline.
            Planner.DayPlan plan = irrigation.plan(date);
            for (PlannedRun run : plan.runs()) {
                clock.set(run.start());
                int before = results.size();
                dispatcher.start(run, date);
                await(() -> results.size() > before);
            }
            double[] applied = new double[n];
            synchronized (field.told) {
                for (Field.Told t : field.told) {
                    int zone = Integer.parseInt(t.device().substring(3)) - 1;
                    applied[zone] += t.seconds() * ZONES.get(zone).rate() / 3600;
                }
                field.told.clear();
            }
            // The day's weather reaches the scheduler as the station's readings.
            irrigation.closeDay(date, s -> stationDay(date, w));
            // The grader's own balance.
            double et0 = Fao56.penmanMonteith(new DayInputs(
                            LATITUDE,
                            ELEVATION,
                            date.getDayOfYear(),
                            w.tmax(),
                            w.tmin(),
                            Fao56.windAt2m(w.wind10(), 10),
                            w.rs(),
                            Double.NaN,
                            DayInputs.eaFromHumidity(w.tmax(), w.tmin(), w.rhMax(), w.rhMin()),
                            0))
                    .et0();
            rainSum += w.rain();
            for (int i = 0; i < n; i++) {
                Zone z = ZONES.get(i);
                double etc = z.kc() * et0;
                double allowed = z.mad() * z.taw();
                double afterIrrigation = depletion[i] - applied[i];
                surplus[i] += Math.max(0, -afterIrrigation);
                afterIrrigation = Math.max(0, afterIrrigation);
                double afterRain = afterIrrigation - w.rain();
                double end = Math.min(z.taw(), Math.max(0, afterRain) + etc);
                shortfall[i] += Math.max(0, end - Math.max(Math.max(0, afterRain), allowed));
                double lost = Math.max(0, -(depletion[i] - applied[i] - w.rain() + etc));
                double lostWithout = Math.max(0, -(depletion[i] - w.rain() + etc));
                pushedOut[i] += Math.max(0, lost - lostWithout);
                etcSum[i] += etc;
                appliedSum[i] += applied[i];
                depletion[i] = end;
            }
        }
        out.line("(b) SWAT-style, %s, Phan Thiet, %d days, rain %.1f mm:", label, weather.length, rainSum);
        boolean all = true;
        for (int i = 0; i < n; i++) {
            double adequacy = 100 * (1 - shortfall[i] / etcSum[i]);
            double efficiency = appliedSum[i] == 0 ? 100 : 100 * (1 - surplus[i] / appliedSum[i]);
            boolean pass = adequacy >= 90 && efficiency >= 95;
            all &= pass;
            out.line(
                    "    zone %-40s ETc %6.1f mm, irrigation %6.1f mm, ET below allowed depletion %5.1f mm, irrigation surplus %5.1f mm: "
                            + "adequacy %5.1f %%, efficiency %5.1f %% (goals 90 / 95: %s); rain after irrigation pushed out %.1f mm",
                    ZONES.get(i).name(),
                    etcSum[i],
                    appliedSum[i],
                    shortfall[i],
                    surplus[i],
                    adequacy,
                    efficiency,
                    pass ? "met" : "NOT met",
                    pushedOut[i]);
        }
        out.line(
                "    %s; %d runs sent, %d not confirmed",
                all ? "every zone met both goals" : "NOT every zone met both goals",
                results.size(),
                results.stream()
                        .filter(r -> r.state() != org.urbis.api.command.CommandState.CONFIRMED)
                        .count());
        timer.shutdownNow();
        executor.shutdownNow();
    }

    /** The station's day as its readings would give it: hourly temperature and humidity, wind at 10 m, radiation every 10 min. */
    static Et0Day stationDay(LocalDate date, Day w) {
        ZonedDateTime midnight = date.atStartOfDay(Field.PHAN_THIET);
        WeatherDay day =
                new WeatherDay(date, midnight.toInstant(), midnight.plusDays(1).toInstant());
        day.add(WeatherDay.WIND_SPEED, w.wind10(), midnight.toInstant());
        for (int h = 0; h < 24; h++) {
            // Coolest and most humid at 05:00, warmest and driest at 14:00.
            double warm = 0.5 - 0.5 * Math.cos(Math.PI * (h <= 14 ? Math.max(0, h - 5) / 9.0 : (24 + 5 - h) / 15.0));
            Instant t = midnight.plusHours(h).toInstant();
            day.add(WeatherDay.AIR_TEMPERATURE, w.tmin() + (w.tmax() - w.tmin()) * warm, t);
            day.add(WeatherDay.RELATIVE_HUMIDITY, w.rhMax() - (w.rhMax() - w.rhMin()) * warm, t);
        }
        // A half sine from 06:00 to 18:00 whose integral is the day's Rs, read every ten minutes (each held ten
        // minutes,
        // centred, so that the held readings sum to the integral).
        double peak = w.rs() * 1e6 * Math.PI / (2 * 43_200);
        for (int m = 0; m < 24 * 60; m += 10) {
            double x = (m + 5 - 360) / 720.0;
            day.add(
                    WeatherDay.SOLAR_RADIATION,
                    x > 0 && x < 1 ? peak * Math.sin(Math.PI * x) : 0,
                    midnight.plusMinutes(m).toInstant());
        }
        if (w.rain() > 0) {
            day.add(WeatherDay.RAIN_TODAY, w.rain(), midnight.plusHours(15).toInstant());
        }
        return day.close(LATITUDE, ELEVATION, 10);
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no result within 30 s");
            }
            Thread.sleep(1);
        }
    }
}
