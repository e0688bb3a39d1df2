package org.urbis.driver.gridmeter.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The energy of 15-minute intervals from one cumulative counter (kWh): intervals aligned to the quarter hour of
 * the site's clock, the counter's value at each boundary interpolated between the readings either side of it.
 * Only whole intervals are reported: the one the first reading falls in is not, nor one a counter reset falls in.
 */
final class IntervalEnergy {

    static final Duration LENGTH = Duration.ofMinutes(15);

    /** A completed interval: {@code kwh} consumed from {@code start} to {@code end}. */
    record Interval(Instant start, Instant end, double kwh) {
        /** Average power over the interval, kW. */
        double demandKw() {
            return kwh * 3600.0 / Duration.between(start, end).toSeconds();
        }
    }

    private final ZoneId zone;
    private Instant lastAt;
    private double last;
    private Instant intervalStart;
    private Double startValue;

    IntervalEnergy(ZoneId zone) {
        this.zone = zone;
    }

    /** The start of the quarter hour {@code at} falls in, on the site's clock. */
    Instant quarterStart(Instant at) {
        ZonedDateTime z = at.atZone(zone).truncatedTo(ChronoUnit.MINUTES);
        return z.minusMinutes(z.getMinute() % 15).toInstant();
    }

    /** Adds a counter reading; returns the interval it completes, if any. */
    Optional<Interval> add(Instant at, double kwh) {
        if (lastAt != null && !at.isAfter(lastAt)) {
            return Optional.empty();
        }
        Instant start = quarterStart(at);
        Optional<Interval> done = Optional.empty();
        if (lastAt == null) {
            intervalStart = start;
            startValue = at.equals(start) ? kwh : null;
        } else if (kwh < last) {
            intervalStart = start; // the counter was reset or replaced: no interval across it
            startValue = at.equals(start) ? kwh : null;
        } else if (start.isAfter(intervalStart)) {
            Instant end = intervalStart.plus(LENGTH);
            double atEnd = interpolate(end, at, kwh);
            if (startValue != null && end.equals(start)) {
                done = Optional.of(new Interval(intervalStart, end, atEnd - startValue));
            }
            intervalStart = start;
            startValue = interpolate(start, at, kwh);
        }
        lastAt = at;
        last = kwh;
        return done;
    }

    private double interpolate(Instant t, Instant at, double kwh) {
        double span = Duration.between(lastAt, at).toMillis();
        double part = Duration.between(lastAt, t).toMillis();
        return span <= 0 ? kwh : last + (kwh - last) * part / span;
    }
}
