package org.urbis.grid.internal.forecast;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A feeder's load forecast: a seasonal baseline, the mean of the same time on the last {@link #WEEKS} same weekdays
 * (holidays as a day type of their own: earlier holidays, else Sundays, which they resemble), corrected by the
 * exponentially smoothed error of that baseline over the last day, the correction fading with the horizon.
 */
public final class LoadForecaster {

    /** Same weekdays averaged; more smooth out more noise, fewer follow the season faster. */
    static final int WEEKS = 6;
    /** Weeks of history a forecast reads. */
    public static final int HISTORY_WEEKS = 8;
    /** The smoothing of the baseline's error per slot. */
    static final double ALPHA = 0.08;
    /** How much of the correction is left after a slot: half of it after six hours. */
    static final double FADE = Math.pow(0.5, 1.0 / 24);

    private final ZoneId zone;
    private final Holidays holidays;
    /** The calendar of the latest span forecast: every feeder of a round has the same span, looked up once. */
    private volatile Calendar calendar;

    /** The day types of {@code n} slots from {@code start}. */
    private record Calendar(long start, int n, Days days) {}

    public LoadForecaster(ZoneId zone, Holidays holidays) {
        this.zone = zone;
        this.holidays = holidays;
    }

    /**
     * Forecasts {@code steps} slots from the end of the history on.
     *
     * @param history the feeder's load per slot up to now, at least {@link #HISTORY_WEEKS} weeks for a full baseline
     */
    public Series forecast(Series history, int steps) {
        int n = history.length();
        double[] all = new double[n + steps];
        System.arraycopy(history.values(), 0, all, 0, n);
        java.util.Arrays.fill(all, n, n + steps, Double.NaN);
        Days days = days(history.start(), n + steps);
        // the baseline's error over the last day, smoothed
        double level = 0;
        for (int i = Math.max(0, n - Series.DAY); i < n; i++) {
            double b = baseline(all, days, i, n);
            if (!Double.isNaN(all[i]) && !Double.isNaN(b)) {
                level = ALPHA * (all[i] - b) + (1 - ALPHA) * level;
            }
        }
        double last = lastKnown(all, n);
        double[] out = new double[steps];
        double fade = 1;
        for (int h = 0; h < steps; h++) {
            fade *= FADE;
            double b = baseline(all, days, n + h, n);
            out[h] = Double.isNaN(b) ? last : Math.max(0, b + level * fade);
        }
        return new Series(history.time(n), out);
    }

    /** The mean of the slot's earlier values of the same day type, from before slot {@code known}. */
    static double baseline(double[] v, Days days, int i, int known) {
        boolean[] holiday = days.holiday();
        double sum = 0;
        int count = 0;
        if (!holiday[i]) {
            for (int k = 1; k <= HISTORY_WEEKS && count < WEEKS; k++) {
                int j = i - k * Series.WEEK;
                if (j >= 0 && j < known && !holiday[j] && !Double.isNaN(v[j])) {
                    sum += v[j];
                    count++;
                }
            }
            return count == 0 ? Double.NaN : sum / count;
        }
        for (int j = i - Series.DAY; j >= 0 && count < WEEKS; j -= Series.DAY) {
            if (j < known && holiday[j] && !Double.isNaN(v[j])) {
                sum += v[j];
                count++;
            }
        }
        if (count == 0) {
            // no holiday seen yet: the Sundays before it
            int back = days.weekday()[i] % 7; // Monday 1 ... Saturday 6, Sunday 0: a week back
            int sunday = i - Series.DAY * (back == 0 ? 7 : back);
            for (int j = sunday; j >= 0 && count < WEEKS; j -= Series.WEEK) {
                if (j < known && !holiday[j] && !Double.isNaN(v[j])) {
                    sum += v[j];
                    count++;
                }
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Per slot: whether its day is a holiday, and its ISO weekday (Monday 1). */
    record Days(boolean[] holiday, int[] weekday) {}

    private Days days(java.time.Instant start, int n) {
        Calendar c = calendar;
        if (c == null || c.start() != start.toEpochMilli() || c.n() != n) {
            c = new Calendar(start.toEpochMilli(), n, lookUp(start, n));
            calendar = c;
        }
        return c.days();
    }

    private Days lookUp(java.time.Instant start, int n) {
        boolean[] flags = new boolean[n];
        int[] weekdays = new int[n];
        long next = Long.MIN_VALUE;
        boolean h = false;
        int dow = 0;
        for (int i = 0; i < n; i++) {
            long t = start.toEpochMilli() + i * Series.STEP_MILLIS;
            if (t >= next) {
                // a new local day: looked up once per day, not per slot
                LocalDate d = java.time.Instant.ofEpochMilli(t).atZone(zone).toLocalDate();
                next = d.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
                h = holidays.isHoliday(d);
                dow = d.getDayOfWeek().getValue();
            }
            flags[i] = h;
            weekdays[i] = dow;
        }
        return new Days(flags, weekdays);
    }

    private static double lastKnown(double[] v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            if (!Double.isNaN(v[i])) {
                return v[i];
            }
        }
        // nothing measured yet: no load forecast rather than a made-up one
        return Double.NaN;
    }
}
