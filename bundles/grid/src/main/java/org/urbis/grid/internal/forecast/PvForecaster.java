package org.urbis.grid.internal.forecast;

/**
 * A feeder's PV forecast: clear-sky production (its inverters' rated power times clear-sky irradiance over
 * 1000 W/m²) times a clearness factor. The factor is the ratio of measured to clear-sky production over the last
 * {@link #DAYS} days (the season: dry months near 0.8, rainy ones far less), nudged for the next hours by how
 * clear the sky is now at the weather station (or, without one, at the inverters) against that same period.
 */
public final class PvForecaster {

    /** Days over which the season's clearness is measured. */
    static final int DAYS = 7;
    /** The clearness assumed when no production was ever measured. */
    public static final double DEFAULT_CLEARNESS = 0.75;
    /** How much of the sky's present state is left after a slot: half of it after two hours. */
    static final double FADE = Math.pow(0.5, 1.0 / 8);
    /** Below this clear-sky irradiance (W/m²) a slot says little about clouds. */
    static final double DAYLIGHT = 80;

    private PvForecaster() {}

    /**
     * @param ratedKw    the feeder's inverters' rated power together
     * @param pv         the feeder's measured production per slot up to now
     * @param irradiance the weather station's irradiance per slot over the same slots, or {@code null}
     * @param clearSky   clear-sky irradiance per slot over the history and the forecast after it
     * @param steps      slots to forecast
     */
    public static Series forecast(double ratedKw, Series pv, Series irradiance, double[] clearSky, int steps) {
        int n = pv.length();
        double season = ratio(pv.values(), clearSky, ratedKw / 1000, n - DAYS * Series.DAY, n);
        if (Double.isNaN(season)) {
            season = DEFAULT_CLEARNESS;
        }
        double now;
        if (irradiance != null) {
            double skyNow = ratio(irradiance.values(), clearSky, 1, n - 4, n);
            double skySeason = ratio(irradiance.values(), clearSky, 1, n - DAYS * Series.DAY, n);
            now = Double.isNaN(skyNow) || Double.isNaN(skySeason) || skySeason <= 0
                    ? season
                    : season * skyNow / skySeason;
        } else {
            now = ratio(pv.values(), clearSky, ratedKw / 1000, n - 4, n);
        }
        if (Double.isNaN(now)) {
            now = season;
        }
        double[] out = new double[steps];
        double fade = 1;
        for (int h = 0; h < steps; h++) {
            fade *= FADE;
            double k = Math.min(1.1, Math.max(0, season + (now - season) * fade));
            out[h] = Math.min(ratedKw, ratedKw * clearSky[n + h] / 1000 * k);
        }
        return new Series(pv.time(n), out);
    }

    /** Measured over clear-sky ({@code scale} times irradiance) in daylight slots {@code [from, to)}; NaN without any. */
    public static double ratio(double[] measured, double[] clearSky, double scale, int from, int to) {
        double m = 0;
        double c = 0;
        for (int i = Math.max(0, from); i < to; i++) {
            if (clearSky[i] >= DAYLIGHT && !Double.isNaN(measured[i])) {
                m += measured[i];
                c += clearSky[i] * scale;
            }
        }
        return c <= 0 ? Double.NaN : m / c;
    }
}
