package org.urbis.irrigation.internal.et0;

/**
 * One day's weather at a place, as Penman–Monteith needs it. Exactly one of {@code radiation} and
 * {@code sunshineHours} is a number, the other {@link Double#NaN}.
 *
 * @param latitude      degrees north (negative south)
 * @param elevation     metres above sea level
 * @param dayOfYear     1–366
 * @param tmax          largest air temperature, °C
 * @param tmin          smallest air temperature, °C
 * @param wind2m        mean wind speed at 2 m, m/s (see {@link Fao56#windAt2m})
 * @param radiation     solar radiation, MJ m⁻² day⁻¹, or NaN
 * @param sunshineHours actual hours of bright sunshine, or NaN
 * @param ea            actual vapour pressure, kPa (see {@link Fao56#actualVapourPressure})
 * @param heatFlux      soil heat flux G, MJ m⁻² day⁻¹; 0 for a day (eq. 42)
 */
public record DayInputs(
        double latitude,
        double elevation,
        int dayOfYear,
        double tmax,
        double tmin,
        double wind2m,
        double radiation,
        double sunshineHours,
        double ea,
        double heatFlux) {

    void check() {
        if (!(latitude >= -90 && latitude <= 90)) {
            throw new IllegalArgumentException("latitude must be -90..90 degrees, was " + latitude);
        }
        if (!(elevation >= -500 && elevation <= 9000)) {
            throw new IllegalArgumentException("elevation must be -500..9000 m, was " + elevation);
        }
        Fao56.checkDay(dayOfYear);
        Fao56.checkTemperatures(tmax, tmin);
        if (!(wind2m >= 0 && wind2m <= 60)) {
            throw new IllegalArgumentException("wind speed must be 0..60 m/s, was " + wind2m);
        }
        if (Double.isNaN(radiation) == Double.isNaN(sunshineHours)) {
            throw new IllegalArgumentException("give either solar radiation or sunshine hours, not both nor neither");
        }
        if (!Double.isNaN(radiation) && !(radiation >= 0 && radiation <= 50)) {
            throw new IllegalArgumentException("solar radiation must be 0..50 MJ/m²/day, was " + radiation);
        }
        if (!Double.isNaN(sunshineHours)
                && !(sunshineHours >= 0 && sunshineHours <= Fao56.daylightHours(latitude, dayOfYear) + 1e-9)) {
            throw new IllegalArgumentException("sunshine must be 0.."
                    + String.format(java.util.Locale.ROOT, "%.1f", Fao56.daylightHours(latitude, dayOfYear))
                    + " h (the day's length), was " + sunshineHours);
        }
        if (!(ea >= 0 && ea <= 10)) {
            throw new IllegalArgumentException("actual vapour pressure must be 0..10 kPa, was " + ea);
        }
        if (!Double.isFinite(heatFlux)) {
            throw new IllegalArgumentException("soil heat flux must be a number, was " + heatFlux);
        }
    }

    /** The actual vapour pressure from the day's largest and smallest relative humidity, checked. */
    public static double eaFromHumidity(double tmax, double tmin, double rhMax, double rhMin) {
        if (!(rhMin >= 0 && rhMax <= 100 && rhMin <= rhMax)) {
            throw new IllegalArgumentException(
                    "relative humidity must satisfy 0 <= rh-min <= rh-max <= 100 %, were rh-min " + rhMin + ", rh-max "
                            + rhMax);
        }
        return Fao56.actualVapourPressure(tmax, tmin, rhMax, rhMin);
    }
}
