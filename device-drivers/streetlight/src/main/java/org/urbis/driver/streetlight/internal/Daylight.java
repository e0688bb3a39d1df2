package org.urbis.driver.streetlight.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.urbis.api.device.GeoLocation;
import org.urbis.astro.SolarCalculator;
import org.urbis.astro.SolarEvent;

/** Whether the sun is up at a place, for day-burner detection. */
final class Daylight {

    private Daylight() {
    }

    /**
     * True when {@code t} lies after sunrise plus {@code margin} and before sunset minus
     * {@code margin} of the place's solar day. Dates are taken in the place's mean solar time
     * (its longitude's offset), so sunrise and sunset of one date bracket its daylight. On a date
     * without sunrise or sunset (polar day or night) the answer is false: no day-burner is raised
     * where the light cannot be judged.
     */
    static boolean sunUp(Instant t, GeoLocation where, Duration margin) {
        ZoneOffset solar = ZoneOffset.ofTotalSeconds((int) Math.round(where.longitude() / 15.0) * 3600);
        LocalDate date = t.atOffset(solar).toLocalDate();
        Optional<ZonedDateTime> rise = SolarCalculator.event(SolarEvent.SUNRISE, where.latitude(), where.longitude(), date, solar);
        Optional<ZonedDateTime> set = SolarCalculator.event(SolarEvent.SUNSET, where.latitude(), where.longitude(), date, solar);
        if (rise.isEmpty() || set.isEmpty()) {
            return false;
        }
        Instant from = rise.get().toInstant().plus(margin);
        Instant to = set.get().toInstant().minus(margin);
        return t.isAfter(from) && t.isBefore(to);
    }
}
