package org.urbis.grid.internal.forecast;

import java.time.Instant;
import org.urbis.astro.SolarCalculator;

/** Haurwitz's clear-sky model: global horizontal irradiance under a cloudless sky from the sun's elevation alone. */
public final class ClearSky {

    private ClearSky() {}

    /** W/m² on a horizontal surface at an instant; 0 with the sun below the horizon. */
    public static double irradiance(double latitude, double longitude, Instant t) {
        double sin = Math.sin(Math.toRadians(SolarCalculator.elevation(latitude, longitude, t)));
        return sin <= 0.01 ? 0 : 1098 * sin * Math.exp(-0.057 / sin);
    }

    /** The mean clear-sky irradiance over each slot of a series' shape (sampled at the slot's middle). */
    public static double[] slots(double latitude, double longitude, Instant start, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = irradiance(latitude, longitude, start.plusMillis(i * Series.STEP_MILLIS + Series.STEP_MILLIS / 2));
        }
        return out;
    }
}
