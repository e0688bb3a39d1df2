package org.urbis.grid.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.history.Bucket;
import org.urbis.api.history.History;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.grid.internal.feeder.Feeder;
import org.urbis.grid.internal.forecast.Accuracy;
import org.urbis.grid.internal.forecast.ClearSky;
import org.urbis.grid.internal.forecast.DayAheadLog;
import org.urbis.grid.internal.forecast.Holidays;
import org.urbis.grid.internal.forecast.LoadForecaster;
import org.urbis.grid.internal.forecast.PvForecaster;
import org.urbis.grid.internal.forecast.Series;

/**
 * The feeders' forecasts: the next 48 h of load and PV from the history and the weather, the latest per feeder,
 * and how good the past day-ahead forecasts were.
 */
final class FeederForecasts {

    private static final Logger LOG = LoggerFactory.getLogger(FeederForecasts.class);

    private final Supplier<History> history;
    /** A feeder's inverters as the registry has them now. */
    private final Function<Feeder, List<DeviceSnapshot>> inverters;

    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, FeederForecast> forecasts = new ConcurrentHashMap<>();
    /** Per feeder, the load forecast for each slot as it stood at the start of the slot's day (day-ahead). */
    private final Map<String, DayAheadLog> dayAhead = new ConcurrentHashMap<>();
    /** A load forecaster per set of feeder holidays; each keeps the calendar of the latest history span it saw. */
    private final Map<Set<LocalDate>, LoadForecaster> forecasters = new ConcurrentHashMap<>();

    FeederForecasts(
            Supplier<History> history, Function<Feeder, List<DeviceSnapshot>> inverters, Clock clock, ZoneId zone) {
        this.history = history;
        this.inverters = inverters;
        this.clock = clock;
        this.zone = zone;
    }

    Optional<FeederForecast> latest(String feeder) {
        return Optional.ofNullable(forecasts.get(feeder));
    }

    /** Forgets what it kept of feeders no longer configured; the holidays may have changed, so the forecasters go too. */
    void retain(Set<String> feeders) {
        forecasts.keySet().retainAll(feeders);
        dayAhead.keySet().retainAll(feeders);
        forecasters.clear();
    }

    /**
     * Forecasts every feeder, on as many threads as the machine has cores (the round is mostly reading the history),
     * and hands each forecast to {@code then}; a feeder that fails is logged and keeps its last forecast.
     */
    void forecastAll(List<Feeder> all, BiConsumer<Feeder, FeederForecast> then) {
        // feeders of one town share the sun: its clear sky is computed once per place
        Map<String, double[]> skies = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int i = next.getAndIncrement(); i < all.size(); i = next.getAndIncrement()) {
                Feeder f = all.get(i);
                try {
                    then.accept(f, forecast(f, skies));
                } catch (RuntimeException e) {
                    LOG.warn("Grid feeder {}: forecast failed: {}", f.id(), e.toString());
                }
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int t = 1; t < Math.min(all.size(), Runtime.getRuntime().availableProcessors()); t++) {
            Thread helper = new Thread(work, "urbis-grid-forecast-" + t);
            helper.setDaemon(true);
            helper.start();
            helpers.add(helper);
        }
        work.run();
        for (Thread helper : helpers) {
            try {
                helper.join();
            } catch (InterruptedException e) {
                // the helpers end with the feeders left; the caller is told it was interrupted
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Forecasts a feeder's next 48 h from the history store, and measures its past day-ahead forecasts.
     *
     * @param skies clear skies by place and start, shared by the feeders of one round
     */
    FeederForecast forecast(Feeder f, Map<String, double[]> skies) {
        Instant now = Series.slotOf(clock.instant());
        Instant from = now.minus(Duration.ofDays(7L * LoadForecaster.HISTORY_WEEKS));
        History h = history.get();
        int n = (int) (Duration.between(from, now).toMillis() / Series.STEP_MILLIS);
        Series net = h == null ? Series.empty(from, n) : read(h, f.transformerMeter(), Grid.ACTIVE_POWER, from, n);
        List<DeviceSnapshot> inverters = this.inverters.apply(f);
        double rated = inverters.stream().mapToDouble(Grid::rated).sum();
        int pvDays = 7 * Series.DAY;
        Instant pvFrom = now.minus(Duration.ofDays(7));
        double[] clearSky = skies.computeIfAbsent(
                String.format(Locale.ROOT, "%.2f,%.2f,%s", f.latitude(), f.longitude(), pvFrom),
                k -> ClearSky.slots(f.latitude(), f.longitude(), pvFrom, pvDays + Grid.STEPS));
        double[] pvSum = new double[pvDays];
        java.util.Arrays.fill(pvSum, Double.NaN);
        if (h != null) {
            for (DeviceSnapshot s : inverters) {
                Series one = read(h, s.device().id(), "acPower", pvFrom, pvDays);
                for (int i = 0; i < pvDays; i++) {
                    if (!Double.isNaN(one.at(i))) {
                        pvSum[i] = (Double.isNaN(pvSum[i]) ? 0 : pvSum[i]) + one.at(i);
                    }
                }
            }
        }
        // the feeder's own consumption: what the transformer carried plus what its roofs produced
        double[] load = net.values().clone();
        for (int i = 0; i < pvDays; i++) {
            int j = n - pvDays + i;
            double pv = !Double.isNaN(pvSum[i]) ? pvSum[i] : clearSky[i] == 0 || inverters.isEmpty() ? 0 : Double.NaN;
            load[j] = load[j] + pv;
        }
        Series loadHistory = new Series(from, load);
        Series irradiance = f.weatherStation() == null || h == null
                ? null
                : read(h, f.weatherStation(), "solarRadiation", pvFrom, pvDays);
        Series loadForecast = forecasters
                .computeIfAbsent(f.holidays(), k -> new LoadForecaster(zone, new Holidays(k)))
                .forecast(loadHistory, Grid.STEPS);
        Series pvForecast = PvForecaster.forecast(rated, new Series(pvFrom, pvSum), irradiance, clearSky, Grid.STEPS);
        Accuracy accuracy = keepDayAhead(f.id(), loadHistory, loadForecast);
        String basis = basis(
                h != null, load, PvForecaster.ratio(pvSum, clearSky, rated / 1000, 0, pvDays), inverters.isEmpty());
        FeederForecast forecast =
                new FeederForecast(f.id(), clock.instant(), loadForecast, pvForecast, rated, accuracy, basis);
        forecasts.put(f.id(), forecast);
        return forecast;
    }

    /**
     * What a forecast rests on when the history is too short for the whole method (a fresh site): empty when it has
     * all it needs.
     *
     * @param clearness the measured production over clear-sky production, NaN when none was measured in daylight
     */
    static String basis(boolean store, double[] load, double clearness, boolean noInverters) {
        if (!store) {
            return "no history store installed: no load forecast, and PV from the clear sky at a typical clearness";
        }
        List<String> notes = new ArrayList<>();
        int first = 0;
        while (first < load.length && Double.isNaN(load[first])) {
            first++;
        }
        if (first == load.length) {
            notes.add(
                    "no load in the history yet: the load forecast begins once a quarter hour of the transformer meter is kept");
        } else if (first > load.length - Series.WEEK) {
            notes.add(String.format(
                    Locale.ROOT,
                    "%.1f h of load history: until a week is kept the load is held at the last "
                            + "quarter hour measured where no same time a week before is known",
                    (load.length - first) / 4.0));
        }
        if (!noInverters && Double.isNaN(clearness)) {
            notes.add(String.format(
                    Locale.ROOT,
                    "no PV production in daylight in the history yet: PV from the clear sky at a "
                            + "typical clearness of %.0f %%",
                    PvForecaster.DEFAULT_CLEARNESS * 100));
        }
        return String.join("; ", notes);
    }

    private static Series read(History h, String device, String point, Instant from, int n) {
        Series s = Series.empty(from, n);
        for (Bucket b : h.downsampled(device, point, from, from.plusMillis(n * Series.STEP_MILLIS), Series.STEP)) {
            int i = s.index(b.start());
            if (b.mean() != null && i >= 0 && i < n) {
                s.values()[i] = b.mean();
            }
        }
        return s;
    }

    /**
     * Keeps, for each slot of the local day now starting, the forecast as it stands now (once per day), and
     * measures the last week's day-ahead forecasts against the load that came, with the load a week before each
     * slot as the seasonal-naive forecast.
     */
    private Accuracy keepDayAhead(String feeder, Series history, Series forecast) {
        DayAheadLog kept = dayAhead.computeIfAbsent(feeder, k -> new DayAheadLog());
        synchronized (kept) {
            LocalDate today = forecast.start().atZone(zone).toLocalDate();
            long dayEnd = today.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            long first = Series.slotNumber(forecast.start());
            for (int i = 0;
                    i < forecast.length() && forecast.start().toEpochMilli() + i * Series.STEP_MILLIS < dayEnd;
                    i++) {
                kept.putIfAbsent(first + i, forecast.at(i));
            }
            Instant weekAgo = forecast.start().minus(Duration.ofDays(7));
            int n = history.length();
            int from = Math.max(Series.WEEK, history.index(weekAgo));
            long historyStart = Series.slotNumber(history.start());
            double[] actual = new double[n - from];
            double[] predicted = new double[n - from];
            double[] naive = new double[n - from];
            for (int i = from; i < n; i++) {
                actual[i - from] = history.at(i);
                predicted[i - from] = kept.get(historyStart + i);
                naive[i - from] = history.at(i - Series.WEEK);
            }
            return Accuracy.of(actual, predicted, naive);
        }
    }
}
