package org.urbis.grid.internal.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Forecasts on synthetic recorded data whose shape is known. */
class ForecastTest {

    private static final ZoneId SITE = ZoneId.of("Asia/Ho_Chi_Minh");

    /** A feeder's load: an evening peak on workdays, flatter at weekends, a third less on holidays, and noise. */
    private static double load(Instant t, Holidays holidays, Random noise) {
        var local = t.atZone(SITE);
        double hour = local.getHour() + local.getMinute() / 60.0;
        double shape = 200 + 150 * Math.exp(-Math.pow(hour - 19, 2) / 4) + 60 * Math.exp(-Math.pow(hour - 11, 2) / 8);
        int dow = local.getDayOfWeek().getValue();
        double factor = holidays.isHoliday(local.toLocalDate()) ? 0.65 : dow == 7 ? 0.8 : dow == 6 ? 0.9 : 1.0;
        return shape * factor + noise.nextGaussian() * 15;
    }

    @Test
    void loadForecastFollowsTheWeekAndTreatsTetAsItsOwnDayAndBeatsSeasonalNaive() {
        Holidays holidays = Holidays.NATIONAL;
        Random noise = new Random(7);
        // history to the eve of Tet 2026 (17 February): the forecast covers the holiday's first two days
        Instant start = LocalDate.of(2025, 12, 1).atStartOfDay(SITE).toInstant();
        Instant now = LocalDate.of(2026, 2, 15).atStartOfDay(SITE).toInstant();
        int n = (int) ((now.toEpochMilli() - start.toEpochMilli()) / Series.STEP_MILLIS);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = load(start.plusMillis(i * Series.STEP_MILLIS), holidays, noise);
        }
        Series history = new Series(start, v);
        Series forecast = new LoadForecaster(SITE, holidays).forecast(history, 2 * Series.DAY);
        assertEquals(now, forecast.start());
        assertEquals(192, forecast.length());
        double[] truth = new double[192];
        double[] expected = new double[192];
        double[] naive = new double[192];
        Random again = new Random(99);
        for (int i = 0; i < 192; i++) {
            truth[i] = load(forecast.time(i), holidays, again);
            expected[i] = load(forecast.time(i), holidays, new Random(0) {
                @Override
                public synchronized double nextGaussian() {
                    return 0;
                }
            });
            naive[i] = v[n - Series.WEEK + i];
        }
        // 15 Feb 2026 is a Tet holiday (two days before the new year): the forecast is a holiday's, not a Sunday's
        Accuracy a = Accuracy.of(truth, forecast.values(), naive);
        assertTrue(a.mase() < 0.8, "beats seasonal-naive: " + a);
        Accuracy shape = Accuracy.of(expected, forecast.values(), naive);
        assertTrue(shape.mae() < 15, "close to the noise-free shape: " + shape);
        int sevenPm = 19 * 4;
        assertTrue(forecast.at(sevenPm) < 0.75 * 350, "a holiday evening: " + forecast.at(sevenPm));
    }

    @Test
    void pvForecastIsClearSkyScaledByTheSeasonAndBySkyNow() {
        double lat = 10.93;
        double lon = 108.10;
        Instant start = LocalDate.of(2026, 3, 1).atStartOfDay(SITE).toInstant();
        int n = 7 * Series.DAY;
        double[] clear = ClearSky.slots(lat, lon, start, n + 192);
        double[] pv = new double[n];
        for (int i = 0; i < n; i++) {
            pv[i] = 100 * clear[i] / 1000 * 0.8; // a dry-season week at 80 % of clear sky
        }
        int noonSlot = 12 * 4 + 4 * 24; // noon on the second day after
        Series steady = PvForecaster.forecast(100, new Series(start, pv), null, clear, 192);
        assertEquals(0.8 * 100 * clear[n + noonSlot] / 1000, steady.at(noonSlot), 0.5);
        assertEquals(0, steady.at(2 * 4), 1e-9, "nothing at 02:00");
        // the last hour at the station was overcast (the history ending at 10:00): the next hours are forecast lower,
        // the day after as usual
        int shift = 10 * 4;
        double[] clear2 = ClearSky.slots(lat, lon, start.plusMillis(shift * Series.STEP_MILLIS), n + 192);
        double[] pv2 = new double[n];
        double[] ghi2 = new double[n];
        for (int i = 0; i < n; i++) {
            pv2[i] = 100 * clear2[i] / 1000 * 0.8;
            ghi2[i] = clear2[i] * (i >= n - 4 ? 0.3 : 0.95);
        }
        Series cloudy = PvForecaster.forecast(
                100,
                new Series(start.plusMillis(shift * Series.STEP_MILLIS), pv2),
                new Series(start.plusMillis(shift * Series.STEP_MILLIS), ghi2),
                clear2,
                192);
        double usual = 0.8 * 100 * clear2[n] / 1000;
        assertTrue(
                cloudy.at(0) < 0.5 * usual, "the next quarter hour under the clouds: " + cloudy.at(0) + " vs " + usual);
        assertEquals(
                0.8 * 100 * clear2[n + Series.DAY] / 1000, cloudy.at(Series.DAY), 0.5, "a day later, the season again");
    }

    @Test
    void holidaysIncludeTetAndFixedDays() {
        Holidays h = new Holidays(Set.of(LocalDate.of(2026, 6, 1)));
        assertTrue(h.isHoliday(LocalDate.of(2026, 2, 17)));
        assertTrue(h.isHoliday(LocalDate.of(2026, 2, 21)));
        assertTrue(h.isHoliday(LocalDate.of(2026, 9, 2)));
        assertTrue(h.isHoliday(LocalDate.of(2026, 6, 1)));
        assertTrue(!h.isHoliday(LocalDate.of(2026, 3, 3)));
    }

    @Test
    void accuracyMeasuresAgainstSeasonalNaive() {
        Accuracy a = Accuracy.of(
                new double[] {100, 200, Double.NaN}, new double[] {110, 190, 5}, new double[] {120, 160, 5});
        assertEquals(2, a.slots());
        assertEquals(10, a.mae(), 1e-9);
        assertEquals(7.5, a.mape(), 1e-9);
        assertEquals(10.0 / 30, a.mase(), 1e-9);
    }
}
