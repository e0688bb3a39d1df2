package org.urbis.irrigation.internal.et0;

/**
 * Reference evapotranspiration ET0 as FAO Irrigation and Drainage Paper 56 (Allen, Pereira, Raes, Smith, 1998)
 * computes it: the Penman–Monteith equation (eq. 6) with the procedures of its chapter 3, and Hargreaves (eq. 52)
 * when only temperature is known. Equation numbers below are the paper's. Energy in MJ m⁻² day⁻¹, pressure in kPa,
 * temperature in °C, latitude in degrees north (negative south).
 */
public final class Fao56 {

    /** Solar constant, MJ m⁻² min⁻¹. */
    static final double GSC = 0.0820;
    /** Stefan–Boltzmann constant, MJ K⁻⁴ m⁻² day⁻¹. */
    static final double SIGMA = 4.903e-9;
    /** Albedo of the grass reference crop. */
    static final double ALBEDO = 0.23;
    /** Ångström coefficients where no calibration exists (eq. 35). */
    static final double AS = 0.25;

    static final double BS = 0.50;

    private Fao56() {}

    /** Atmospheric pressure from elevation, eq. 7. */
    public static double pressure(double elevation) {
        return 101.3 * Math.pow((293 - 0.0065 * elevation) / 293, 5.26);
    }

    /** Psychrometric constant from pressure, eq. 8. */
    public static double psychrometric(double pressure) {
        return 0.665e-3 * pressure;
    }

    /** Saturation vapour pressure at a temperature, eq. 11. */
    public static double saturationVapourPressure(double t) {
        return 0.6108 * Math.exp(17.27 * t / (t + 237.3));
    }

    /** Mean saturation vapour pressure of a day, eq. 12. */
    public static double meanSaturationVapourPressure(double tmax, double tmin) {
        return (saturationVapourPressure(tmax) + saturationVapourPressure(tmin)) / 2;
    }

    /** Slope of the saturation vapour pressure curve at the mean temperature, eq. 13. */
    public static double slope(double tmean) {
        return 4098 * saturationVapourPressure(tmean) / Math.pow(tmean + 237.3, 2);
    }

    /** Actual vapour pressure from the day's largest and smallest relative humidity (%), eq. 17. */
    public static double actualVapourPressure(double tmax, double tmin, double rhMax, double rhMin) {
        return (saturationVapourPressure(tmin) * rhMax / 100 + saturationVapourPressure(tmax) * rhMin / 100) / 2;
    }

    /** Sunset hour angle in radians, eq. 25; clamped so that polar day and night work. */
    public static double sunsetHourAngle(double latitude, int dayOfYear) {
        double x = -Math.tan(Math.toRadians(latitude)) * Math.tan(declination(dayOfYear));
        return Math.acos(Math.max(-1, Math.min(1, x)));
    }

    /** Solar declination, radians, eq. 24. */
    static double declination(int dayOfYear) {
        return 0.409 * Math.sin(2 * Math.PI * dayOfYear / 365 - 1.39);
    }

    /** Extraterrestrial radiation, eq. 21 with eqs. 23–25. */
    public static double extraterrestrialRadiation(double latitude, int dayOfYear) {
        checkDay(dayOfYear);
        double phi = Math.toRadians(latitude);
        double dr = 1 + 0.033 * Math.cos(2 * Math.PI * dayOfYear / 365);
        double delta = declination(dayOfYear);
        double ws = sunsetHourAngle(latitude, dayOfYear);
        return 24
                * 60
                / Math.PI
                * GSC
                * dr
                * (ws * Math.sin(phi) * Math.sin(delta) + Math.cos(phi) * Math.cos(delta) * Math.sin(ws));
    }

    /** Daylight hours, eq. 34. */
    public static double daylightHours(double latitude, int dayOfYear) {
        return 24 / Math.PI * sunsetHourAngle(latitude, dayOfYear);
    }

    /** Solar radiation from actual sunshine hours by the Ångström formula, eq. 35. */
    public static double solarRadiationFromSunshine(double latitude, int dayOfYear, double sunshineHours) {
        return (AS + BS * sunshineHours / daylightHours(latitude, dayOfYear))
                * extraterrestrialRadiation(latitude, dayOfYear);
    }

    /** Clear-sky solar radiation, eq. 37. */
    public static double clearSkyRadiation(double latitude, int dayOfYear, double elevation) {
        return (0.75 + 2e-5 * elevation) * extraterrestrialRadiation(latitude, dayOfYear);
    }

    /** Net shortwave radiation, eq. 38. */
    public static double netShortwave(double rs) {
        return (1 - ALBEDO) * rs;
    }

    /** Net longwave radiation, eq. 39; Rs/Rso is limited to 1 as the paper says. */
    public static double netLongwave(double tmax, double tmin, double ea, double rs, double rso) {
        double ratio = rso > 0 ? Math.min(1, rs / rso) : 1;
        double k4 = (Math.pow(tmax + 273.16, 4) + Math.pow(tmin + 273.16, 4)) / 2;
        return SIGMA * k4 * (0.34 - 0.14 * Math.sqrt(ea)) * (1.35 * ratio - 0.35);
    }

    /** Wind speed at 2 m from a speed measured at {@code height} metres above ground, eq. 47. */
    public static double windAt2m(double speed, double height) {
        if (!(height > 0.5)) {
            throw new IllegalArgumentException("wind height must be above 0.5 m, was " + height);
        }
        return height == 2 ? speed : speed * 4.87 / Math.log(67.8 * height - 5.42);
    }

    /**
     * Penman–Monteith reference evapotranspiration, eq. 6, mm/day, with every intermediate value that led to it.
     *
     * @throws IllegalArgumentException naming the input that is implausible
     */
    public static PenmanMonteith penmanMonteith(DayInputs in) {
        in.check();
        double tmean = (in.tmax() + in.tmin()) / 2;
        double p = pressure(in.elevation());
        double gamma = psychrometric(p);
        double delta = slope(tmean);
        double es = meanSaturationVapourPressure(in.tmax(), in.tmin());
        double ea = in.ea();
        double ra = extraterrestrialRadiation(in.latitude(), in.dayOfYear());
        double n = daylightHours(in.latitude(), in.dayOfYear());
        double rs = Double.isNaN(in.radiation())
                ? solarRadiationFromSunshine(in.latitude(), in.dayOfYear(), in.sunshineHours())
                : in.radiation();
        double rso = clearSkyRadiation(in.latitude(), in.dayOfYear(), in.elevation());
        double rns = netShortwave(rs);
        double rnl = netLongwave(in.tmax(), in.tmin(), ea, rs, rso);
        double rn = rns - rnl;
        double u2 = in.wind2m();
        double et0 = (0.408 * delta * (rn - in.heatFlux()) + gamma * 900 / (tmean + 273) * u2 * (es - ea))
                / (delta + gamma * (1 + 0.34 * u2));
        return new PenmanMonteith(Math.max(0, et0), ra, n, rs, rso, rns, rnl, rn, es, ea, delta, gamma, p, u2);
    }

    /** Hargreaves reference evapotranspiration, eq. 52, mm/day (Ra converted by 0.408 mm per MJ m⁻²). */
    public static double hargreaves(double latitude, int dayOfYear, double tmax, double tmin) {
        checkDay(dayOfYear);
        checkTemperatures(tmax, tmin);
        double ra = extraterrestrialRadiation(latitude, dayOfYear);
        return 0.0023 * ((tmax + tmin) / 2 + 17.8) * Math.sqrt(tmax - tmin) * 0.408 * ra;
    }

    static void checkDay(int dayOfYear) {
        if (dayOfYear < 1 || dayOfYear > 366) {
            throw new IllegalArgumentException("day of year must be 1-366, was " + dayOfYear);
        }
    }

    static void checkTemperatures(double tmax, double tmin) {
        if (!(tmin >= -60 && tmax <= 60 && tmax >= tmin)) {
            throw new IllegalArgumentException(
                    "temperatures must satisfy -60 <= tmin <= tmax <= 60 °C, were tmin " + tmin + ", tmax " + tmax);
        }
    }

    /**
     * Penman–Monteith's result and the values it came from.
     *
     * @param et0   reference evapotranspiration, mm/day
     * @param ra    extraterrestrial radiation
     * @param n     daylight hours
     * @param rs    solar radiation
     * @param rso   clear-sky radiation
     * @param rns   net shortwave radiation
     * @param rnl   net longwave radiation
     * @param rn    net radiation
     * @param es    saturation vapour pressure
     * @param ea    actual vapour pressure
     * @param delta slope of the vapour pressure curve
     * @param gamma psychrometric constant
     * @param p     atmospheric pressure
     * @param u2    wind speed at 2 m
     */
    public record PenmanMonteith(
            double et0,
            double ra,
            double n,
            double rs,
            double rso,
            double rns,
            double rnl,
            double rn,
            double es,
            double ea,
            double delta,
            double gamma,
            double p,
            double u2) {}
}
