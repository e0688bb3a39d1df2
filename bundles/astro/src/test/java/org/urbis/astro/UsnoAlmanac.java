package org.urbis.astro;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * An independent check: the U.S. Naval Observatory's "Almanac for Computers" (1990) sunrise
 * algorithm, which uses different, simpler formulae than the NOAA/Meeus one under test.
 */
final class UsnoAlmanac {

    private UsnoAlmanac() {}

    /** Sunrise and sunset in the zone (assumes both happen). */
    static ZonedDateTime[] riseSet(double lat, double lon, LocalDate date, double zenith, ZoneId zone) {
        return new ZonedDateTime[] {time(lat, lon, date, zenith, true, zone), time(lat, lon, date, zenith, false, zone)
        };
    }

    private static ZonedDateTime time(
            double lat, double lon, LocalDate date, double zenith, boolean rising, ZoneId zone) {
        int n = date.getDayOfYear();
        double lngHour = lon / 15;
        double t = n + ((rising ? 6 : 18) - lngHour) / 24;
        double m = 0.9856 * t - 3.289;
        double l = norm(m + 1.916 * sin(m) + 0.020 * sin(2 * m) + 282.634);
        double ra = norm(Math.toDegrees(Math.atan(0.91764 * Math.tan(Math.toRadians(l)))));
        ra = (ra + (Math.floor(l / 90) * 90 - Math.floor(ra / 90) * 90)) / 15;
        double sinDec = 0.39782 * sin(l);
        double cosDec = Math.cos(Math.asin(sinDec));
        double cosH = (Math.cos(Math.toRadians(zenith)) - sinDec * sin(lat)) / (cosDec * Math.cos(Math.toRadians(lat)));
        double h = rising ? 360 - Math.toDegrees(Math.acos(cosH)) : Math.toDegrees(Math.acos(cosH));
        h /= 15;
        double localMean = h + ra - 0.06571 * t - 6.622;
        double ut = localMean - lngHour;
        ut = ((ut % 24) + 24) % 24;
        long seconds = Math.round(ut * 3600);
        ZonedDateTime utc = date.atStartOfDay(ZoneOffset.UTC).plusSeconds(seconds);
        ZonedDateTime local = utc.withZoneSameInstant(zone);
        // bring it onto the civil date asked for
        if (local.toLocalDate().isAfter(date)) {
            local = local.minusDays(1);
        } else if (local.toLocalDate().isBefore(date)) {
            local = local.plusDays(1);
        }
        return local;
    }

    private static double sin(double deg) {
        return Math.sin(Math.toRadians(deg));
    }

    private static double norm(double deg) {
        return ((deg % 360) + 360) % 360;
    }
}
