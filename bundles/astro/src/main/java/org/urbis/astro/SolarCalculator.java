package org.urbis.astro;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sunrise, sunset and civil twilight after the NOAA solar calculator, which follows Meeus,
 * <i>Astronomical Algorithms</i>: the sun's declination and the equation of time at the event give
 * the hour angle at which its centre reaches the event's zenith. Accurate to about a minute
 * between ±72° latitude; nearer the poles the events themselves become ill-defined.
 *
 * <p>An event that does not happen on a date (polar day or night, or no civil twilight) is
 * empty. Dates are civil dates in the given zone, so a daylight-saving change is honoured.
 */
public final class SolarCalculator {

    private static final double UNIX_EPOCH_JD = 2440587.5;
    private static final double J2000 = 2451545.0;

    private SolarCalculator() {}

    /** All four events of a date, each present or not. */
    public static Map<SolarEvent, Optional<ZonedDateTime>> day(
            double latitude, double longitude, LocalDate date, ZoneId zone) {
        Map<SolarEvent, Optional<ZonedDateTime>> events = new EnumMap<>(SolarEvent.class);
        for (SolarEvent e : SolarEvent.values()) {
            events.put(e, event(e, latitude, longitude, date, zone));
        }
        return events;
    }

    /** The time of one event on a civil date in a zone, or empty when it does not happen that date. */
    public static Optional<ZonedDateTime> event(
            SolarEvent event, double latitude, double longitude, LocalDate date, ZoneId zone) {
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("latitude must lie in [-90, 90] and longitude in [-180, 180]");
        }
        // The solar day computed is the one around local solar noon of the date; where the zone's
        // clock is far from solar time the event may fall on the next or previous civil date.
        for (int shift : new int[] {0, -1, 1}) {
            Optional<Instant> t = utc(event, latitude, longitude, date.plusDays(shift));
            if (t.isPresent()) {
                ZonedDateTime local = t.get().atZone(zone);
                if (local.toLocalDate().equals(date)) {
                    return Optional.of(local);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The sun's elevation above the horizon at an instant, in degrees (negative below it), without refraction:
     * what a clear-sky irradiance model needs.
     *
     * @since 1.1
     */
    public static double elevation(double latitude, double longitude, Instant time) {
        double jd = time.toEpochMilli() / 86_400_000.0 + UNIX_EPOCH_JD;
        Sun sun = Sun.at(jd);
        double utcMinutes = Math.floorMod(time.toEpochMilli(), 86_400_000L) / 60_000.0;
        double solarMinutes = utcMinutes + sun.equationOfTime() + 4 * longitude;
        double hourAngle = Math.toRadians(solarMinutes / 4 - 180);
        double phi = Math.toRadians(latitude);
        double d = Math.toRadians(sun.declination());
        double sin = Math.sin(phi) * Math.sin(d) + Math.cos(phi) * Math.cos(d) * Math.cos(hourAngle);
        return Math.toDegrees(Math.asin(Math.max(-1, Math.min(1, sin))));
    }

    /** The event of the solar day around local solar noon of {@code date}, as an instant. */
    static Optional<Instant> utc(SolarEvent event, double latitude, double longitude, LocalDate date) {
        double midnightJd = date.toEpochDay() + UNIX_EPOCH_JD;
        // first estimate: local solar noon; then refine at the estimated time of the event
        double minutes = 720 - 4 * longitude;
        for (int i = 0; i < 4; i++) {
            Sun sun = Sun.at(midnightJd + minutes / 1440.0);
            Optional<Double> ha = hourAngle(latitude, sun.declination(), event.zenith());
            if (ha.isEmpty()) {
                return Optional.empty();
            }
            double h = event.morning() ? ha.get() : -ha.get();
            minutes = 720 - 4 * (longitude + h) - sun.equationOfTime();
        }
        long millis = Math.round((date.toEpochDay() * 1440.0 + minutes) * 60_000.0);
        return Optional.of(Instant.ofEpochMilli(millis));
    }

    /** Hour angle in degrees at which the sun reaches the zenith, or empty when it never does that day. */
    private static Optional<Double> hourAngle(double latitude, double declination, double zenith) {
        double phi = Math.toRadians(latitude);
        double d = Math.toRadians(declination);
        double cos = Math.cos(Math.toRadians(zenith)) / (Math.cos(phi) * Math.cos(d)) - Math.tan(phi) * Math.tan(d);
        if (cos > 1 || cos < -1 || Double.isNaN(cos)) {
            return Optional.empty();
        }
        return Optional.of(Math.toDegrees(Math.acos(cos)));
    }

    /** The sun's declination (degrees) and the equation of time (minutes) at a Julian day. */
    record Sun(double declination, double equationOfTime) {

        static Sun at(double jd) {
            double t = (jd - J2000) / 36525.0;
            double l0 = mod360(280.46646 + t * (36000.76983 + t * 0.0003032));
            double m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
            double e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
            double mr = Math.toRadians(m);
            double c = Math.sin(mr) * (1.914602 - t * (0.004817 + 0.000014 * t))
                    + Math.sin(2 * mr) * (0.019993 - 0.000101 * t)
                    + Math.sin(3 * mr) * 0.000289;
            double trueLong = l0 + c;
            double omega = Math.toRadians(125.04 - 1934.136 * t);
            double lambda = Math.toRadians(trueLong - 0.00569 - 0.00478 * Math.sin(omega));
            double eps0 = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
            double eps = Math.toRadians(eps0 + 0.00256 * Math.cos(omega));
            double declination = Math.toDegrees(Math.asin(Math.sin(eps) * Math.sin(lambda)));
            double y = Math.pow(Math.tan(eps / 2), 2);
            double l0r = Math.toRadians(l0);
            double eot = y * Math.sin(2 * l0r)
                    - 2 * e * Math.sin(mr)
                    + 4 * e * y * Math.sin(mr) * Math.cos(2 * l0r)
                    - 0.5 * y * y * Math.sin(4 * l0r)
                    - 1.25 * e * e * Math.sin(2 * mr);
            return new Sun(declination, 4 * Math.toDegrees(eot));
        }

        private static double mod360(double x) {
            double r = x % 360;
            return r < 0 ? r + 360 : r;
        }
    }
}
