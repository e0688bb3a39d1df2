package org.urbis.benchmarks.grid;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Random;
import org.urbis.grid.internal.forecast.ClearSky;
import org.urbis.grid.internal.forecast.Holidays;
import org.urbis.grid.internal.forecast.Series;

/**
 * A residential feeder of Phan Thiết, made up but shaped like one: per quarter hour its consumers' load and what its
 * rooftops could produce.
 *
 * <p>Load: a workday has a morning bump, air conditioning at midday and the evening peak; Saturdays are flatter,
 * Sundays lower; Tết is a day of its own (most businesses shut, families home: a low, late, flat day). The day's
 * level follows the weather (a hot spell raises it for days: an autoregressive factor from day to day), and the
 * quarter hours wander around it (autoregressive noise). PV: clear-sky irradiance times a clearness that is high and
 * steady in the dry season (December to April) and low, variable and worst in the afternoon's storms in the rainy
 * one (May to October).
 */
final class SyntheticFeeder {

    static final ZoneId SITE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final double LAT = 10.93;
    static final double LON = 108.10;

    final int index;
    final double peakKw;
    final double ratedKw;
    final double importLimitKw;
    final double exportLimitKw;
    /** The share of the load that load-control events can shed (water heaters, air conditioning). */
    final double flexibleShare;

    final Series load;
    final Series pv;
    final Series irradiance;

    /**
     * @param from the first day of the series (local)
     * @param days days
     */
    SyntheticFeeder(int index, LocalDate from, int days) {
        this.index = index;
        Random r = new Random(1000L + index);
        this.peakKw = 200 + 400 * r.nextDouble();
        this.ratedKw = peakKw * (0.5 + r.nextDouble());
        this.flexibleShare = 0.2 + 0.1 * r.nextDouble();
        Instant start = from.atStartOfDay(SITE).toInstant();
        int n = days * Series.DAY;
        double[] l = new double[n];
        double[] p = new double[n];
        double[] g = new double[n];
        double[] clear = ClearSky.slots(LAT, LON, start, n);
        double weather = 0;
        double noise = 0;
        double eveningShift = r.nextGaussian() * 0.5;
        for (int d = 0; d < days; d++) {
            LocalDate date = from.plusDays(d);
            weather = 0.7 * weather + Math.sqrt(1 - 0.49) * r.nextGaussian();
            boolean rainy = date.getMonthValue() >= 5 && date.getMonthValue() <= 10;
            double clearness = rainy
                    ? clamp(0.55 + 0.2 * r.nextGaussian(), 0.1, 0.95)
                    : clamp(0.82 + 0.06 * r.nextGaussian(), 0.5, 0.95);
            double storm = rainy && r.nextDouble() < 0.5 ? 13 + 3 * r.nextDouble() : 99;
            int type =
                    Holidays.NATIONAL.isHoliday(date) ? 8 : date.getDayOfWeek().getValue();
            for (int s = 0; s < Series.DAY; s++) {
                int i = d * Series.DAY + s;
                double hour = s / 4.0 + 0.125;
                noise = 0.8 * noise + 0.6 * 0.03 * r.nextGaussian() / 0.6;
                double level = 1 + 0.05 * weather;
                l[i] = peakKw * shape(type, hour, eveningShift) * level * (1 + noise);
                double k = clearness * (hour > storm ? 0.35 : 1) * (1 + 0.08 * r.nextGaussian());
                g[i] = clear[i] * clamp(k / 0.85, 0, 1.2);
                p[i] = Math.min(ratedKw, ratedKw * clear[i] / 1000 * clamp(k, 0, 1.05));
            }
        }
        this.load = new Series(start, l);
        this.pv = new Series(start, p);
        this.irradiance = new Series(start, g);
        // limits a utility would set: the transformer a little under the usual workday evening peak, the export a
        // third of the rooftops' rating
        this.importLimitKw = peakKw * 0.95;
        this.exportLimitKw = ratedKw * 0.3;
    }

    /** The load's shape as a share of the peak, by day type (1-7 ISO weekday, 8 holiday) and hour. */
    static double shape(int type, double hour, double eveningShift) {
        double night = 0.35;
        double morning = 0.15 * bump(hour, 6.5, 1.0);
        double midday = 0.25 * bump(hour, 13, 2.5);
        double evening = 0.6 * bump(hour, 19.5 + eveningShift, 1.6);
        if (type == 8) {
            return night + 0.05 + 0.1 * bump(hour, 10, 3) + 0.3 * bump(hour, 20.5, 2.5);
        }
        if (type == 6) {
            return night
                    + 0.08 * bump(hour, 8, 1.5)
                    + 0.28 * bump(hour, 13, 3)
                    + 0.55 * bump(hour, 19.5 + eveningShift, 1.8);
        }
        if (type == 7) {
            return night
                    + 0.05 * bump(hour, 8.5, 1.5)
                    + 0.22 * bump(hour, 13, 3)
                    + 0.5 * bump(hour, 19.5 + eveningShift, 1.8);
        }
        return night + morning + midday + evening;
    }

    private static double bump(double hour, double centre, double width) {
        double x = (hour - centre) / width;
        return Math.exp(-x * x / 2);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /** What the transformer carried without any control: load less PV. */
    double net(int i) {
        return load.at(i) - pv.at(i);
    }

    ZonedDateTime time(int i) {
        return load.time(i).atZone(SITE);
    }
}
