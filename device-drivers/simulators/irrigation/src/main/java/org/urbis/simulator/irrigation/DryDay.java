package org.urbis.simulator.irrigation;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A clear dry-season day in Phan Thiet (10.93 N, 108.10 E, UTC+7), as a function of time: the
 * temperature swings from about 23.5 °C at dawn to 32 °C at 14:00 under a steady dew point of 21 °C (so
 * the humidity runs from the high 80s at night to about 50 % in the afternoon), the sea breeze rises
 * from 1.5 to 6 m/s in the afternoon, the sun follows its clear-sky course for the date, no rain falls,
 * and the pressure shows its twice-daily tide around 101 kPa.
 */
public final class DryDay {

    static final double LATITUDE = 10.93;
    static final double LONGITUDE = 108.10;
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final double T_MIN = 23.5;
    private static final double T_MAX = 32.0;
    private static final double DEW_POINT = 21.0;

    /**
     * The conditions at one moment.
     *
     * @param airTemperature   °C
     * @param relativeHumidity %
     * @param windSpeed        m/s at 2 m
     * @param solarRadiation   W/m² on the horizontal
     * @param pressure         kPa
     */
    public record Conditions(
            double airTemperature, double relativeHumidity, double windSpeed, double solarRadiation, double pressure) {}

    private DryDay() {}

    public static Conditions at(Instant t) {
        ZonedDateTime local = t.atZone(ZONE);
        double h = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        double temp;
        if (h >= 6 && h < 14) {
            temp = T_MIN + (T_MAX - T_MIN) * (1 - Math.cos(Math.PI * (h - 6) / 8)) / 2;
        } else {
            double since = (h - 14 + 24) % 24;
            temp = T_MAX - (T_MAX - T_MIN) * (1 - Math.cos(Math.PI * since / 16)) / 2;
        }
        double rh = 100 * saturation(DEW_POINT) / saturation(temp);
        double wind = 1.5 + (h > 9 && h < 19 ? 4.5 * Math.sin(Math.PI * (h - 9) / 10) : 0);
        double pressure = 101.0 + 0.12 * Math.cos(2 * Math.PI * (h - 10) / 12);
        return new Conditions(temp, Math.min(100, rh), wind, solar(t, local.getDayOfYear()), pressure);
    }

    /** Saturation vapour pressure, kPa (FAO-56 eq. 11). */
    private static double saturation(double celsius) {
        return 0.6108 * Math.exp(17.27 * celsius / (celsius + 237.3));
    }

    private static double solar(Instant t, int dayOfYear) {
        double declination = Math.toRadians(23.44 * Math.sin(2 * Math.PI * (284 + dayOfYear) / 365.0));
        double utcHours = (t.getEpochSecond() % 86_400) / 3600.0;
        double solarTime = utcHours + LONGITUDE / 15;
        double hourAngle = Math.toRadians(15 * (solarTime - 12));
        double lat = Math.toRadians(LATITUDE);
        double sinElevation =
                Math.sin(lat) * Math.sin(declination) + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
        return sinElevation <= 0 ? 0 : 1000 * 0.95 * Math.pow(sinElevation, 1.15);
    }
}
