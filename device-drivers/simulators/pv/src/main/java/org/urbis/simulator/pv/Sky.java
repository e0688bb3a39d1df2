package org.urbis.simulator.pv;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Sunlight over Phan Thiết (10.93° N, 108.10° E): clear-sky global horizontal irradiance from the sun's
 * elevation (Haurwitz: GHI = 1098 · cos Z · e^(−0.057 / cos Z) W/m²), dimmed by passing cloud.
 */
public final class Sky {

    static final double LATITUDE = 10.93;
    static final double LONGITUDE = 108.10;

    private Sky() {}

    /** The cosine of the sun's zenith angle at {@code t}; 0 or less at night. */
    static double cosZenith(Instant t) {
        ZonedDateTime utc = t.atZone(ZoneOffset.UTC);
        int day = utc.getDayOfYear();
        double declination = Math.toRadians(23.45 * Math.sin(Math.toRadians(360.0 / 365 * (284 + day))));
        double solarHours = utc.getHour() + utc.getMinute() / 60.0 + utc.getSecond() / 3600.0 + LONGITUDE / 15;
        double hourAngle = Math.toRadians(15 * (solarHours - 12));
        double lat = Math.toRadians(LATITUDE);
        return Math.sin(lat) * Math.sin(declination) + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle);
    }

    /** Clear-sky global horizontal irradiance at {@code t}, W/m². */
    public static double clearSky(Instant t) {
        double c = cosZenith(t);
        return c <= 0.01 ? 0 : 1098 * c * Math.exp(-0.057 / c);
    }

    /**
     * The share of clear-sky light that passes the clouds at {@code t}: between 0.35 and 1, changing over
     * minutes as clouds drift by, and the same for every roof of one feeder.
     */
    public static double cloudFactor(Instant t) {
        double s = t.getEpochSecond();
        double cover = 0.5 + 0.5 * Math.sin(2 * Math.PI * s / 10_800) * Math.sin(2 * Math.PI * s / 2_820);
        return 1 - 0.65 * Math.max(0, cover - 0.3) / 0.7;
    }
}
