package org.urbis.driver.streetlight.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.urbis.api.device.GeoLocation;
import org.urbis.astro.SolarCalculator;
import org.urbis.astro.SolarEvent;

/**
 * Whether the sun is up at a place, for day-burner detection. Every node is judged on every
 * status and every driver tick, so each day's window is computed once per place: places are
 * rounded to 0.01° (about a kilometre, a few seconds of sunrise), which is far finer than the
 * margin.
 */
final class Daylight {

    /** Enough for the cells of a city over a few days; past it the cache starts again. */
    private static final int MAX_CACHED = 4_096;
    /** A date without sunrise or sunset. */
    private static final Window NO_JUDGEMENT = new Window(Instant.MAX, Instant.MIN);

    private final Duration margin;
    private final Map<Cell, Window> windows = new ConcurrentHashMap<>();

    /** From sunrise plus {@code margin} to sunset minus {@code margin}. */
    private record Window(Instant from, Instant to) {}

    private record Cell(long lat, long lon, LocalDate date) {}

    Daylight(Duration margin) {
        this.margin = margin;
    }

    /**
     * True when {@code t} lies after sunrise plus the margin and before sunset minus the margin
     * of the place's solar day. Dates are taken in the place's mean solar time (its longitude's
     * offset), so sunrise and sunset of one date bracket its daylight. On a date without sunrise
     * or sunset (polar day or night) the answer is false: no day-burner is raised where the light
     * cannot be judged.
     */
    boolean sunUp(Instant t, GeoLocation where) {
        long lat = Math.round(where.latitude() * 100);
        long lon = Math.round(where.longitude() * 100);
        ZoneOffset solar = ZoneOffset.ofTotalSeconds((int) Math.round(lon / 1500.0) * 3600);
        LocalDate date = t.atOffset(solar).toLocalDate();
        Cell cell = new Cell(lat, lon, date);
        Window w = windows.get(cell);
        if (w == null) {
            if (windows.size() >= MAX_CACHED) {
                windows.clear();
            }
            w = windows.computeIfAbsent(cell, c -> window(c, solar));
        }
        return t.isAfter(w.from()) && t.isBefore(w.to());
    }

    private Window window(Cell cell, ZoneOffset solar) {
        double lat = cell.lat() / 100.0;
        double lon = cell.lon() / 100.0;
        Optional<ZonedDateTime> rise = SolarCalculator.event(SolarEvent.SUNRISE, lat, lon, cell.date(), solar);
        Optional<ZonedDateTime> set = SolarCalculator.event(SolarEvent.SUNSET, lat, lon, cell.date(), solar);
        if (rise.isEmpty() || set.isEmpty()) {
            return NO_JUDGEMENT;
        }
        return new Window(
                rise.get().toInstant().plus(margin), set.get().toInstant().minus(margin));
    }
}
