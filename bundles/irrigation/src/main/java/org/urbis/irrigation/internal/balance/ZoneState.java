package org.urbis.irrigation.internal.balance;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A zone's balance between days: the depletion at the end of the last closed day, that day, and water applied on
 * days not yet closed.
 *
 * <p>The days are kept as epoch days and the last day as its figures rather than as a {@link BalanceDay}: a zone's
 * state lives long, and storing a new object into it every day of a city's season costs the collector's write barrier
 * millions of times. {@link #closed} and {@link #last} make their objects when asked.
 */
public final class ZoneState {

    /** No day closed yet. */
    private static final long NONE = Long.MIN_VALUE;

    private long closed;
    private double depletion;
    private long lastDay = NONE;
    private double lastEt0;
    private String lastEt0Method;
    private double lastEtc;
    private double lastRain;
    private double lastEffectiveRain;
    private double lastApplied;
    private double lastDrained;
    private double lastDepletion;
    /**
     * Water credited to the next day to close, in the state itself: nearly every run's water goes there, and a map's
     * entry made for it would be one more object stored into the long-lived state.
     */
    private boolean nextDayCredited;

    private double nextDayWater;
    /** Water credited to days after the next (runs planned ahead of a day not closed yet). */
    private final Map<LocalDate, Double> later = new TreeMap<>();

    /**
     * A zone whose balance starts at the end of {@code closed} with {@code depletion} mm below field capacity.
     */
    public ZoneState(LocalDate closed, double depletion, BalanceDay last) {
        if (last != null) {
            closed(
                    last.date().toEpochDay(),
                    last.et0(),
                    last.et0Method(),
                    last.etc(),
                    last.rain(),
                    last.effectiveRain(),
                    last.applied(),
                    last.drained(),
                    last.depletion());
        }
        // the state's own day and depletion, whatever the last day kept says
        this.closed = closed.toEpochDay();
        this.depletion = depletion;
    }

    public LocalDate closed() {
        return LocalDate.ofEpochDay(closed);
    }

    /** The last closed day as an epoch day. */
    public long closedEpochDay() {
        return closed;
    }

    public double depletion() {
        return depletion;
    }

    /** The last closed day, or {@code null} before the first. */
    public synchronized BalanceDay last() {
        return lastDay == NONE
                ? null
                : new BalanceDay(
                        LocalDate.ofEpochDay(lastDay),
                        lastEt0,
                        lastEt0Method,
                        lastEtc,
                        lastRain,
                        lastEffectiveRain,
                        lastApplied,
                        lastDrained,
                        lastDepletion);
    }

    /** Whether a day was closed yet. */
    public boolean anyDayClosed() {
        return lastDay != NONE;
    }

    /** The use expected today: the last closed day's. */
    public double expectedEtc() {
        return lastDay == NONE ? 0 : lastEtc;
    }

    /** Water applied on days not closed yet, mm by day: a copy. */
    public synchronized Map<LocalDate, Double> applied() {
        Map<LocalDate, Double> out = new TreeMap<>(later);
        if (nextDayCredited) {
            out.put(LocalDate.ofEpochDay(closed + 1), nextDayWater);
        }
        return Collections.unmodifiableMap(out);
    }

    /** Credits water a run applied to a day; to the next open day when that day closed already (a run past midnight). */
    public synchronized void credit(LocalDate day, double mm) {
        if (day.toEpochDay() <= closed + 1) {
            nextDayWater = nextDayCredited ? nextDayWater + mm : mm;
            nextDayCredited = true;
        } else {
            later.merge(day, mm, Double::sum);
        }
    }

    /** Closes the next day with its ET0 and rain and the water credited to it. */
    public synchronized void close(ZoneSoil soil, LocalDate day, double et0, String method, double rain) {
        double water;
        if (day.toEpochDay() == closed + 1) {
            water = nextDayCredited ? nextDayWater : 0;
            nextDayCredited = false;
            nextDayWater = 0;
        } else {
            // not the next day (no caller does this): the next day's water stays kept under its date
            if (nextDayCredited) {
                later.put(LocalDate.ofEpochDay(closed + 1), nextDayWater);
                nextDayCredited = false;
                nextDayWater = 0;
            }
            Double w = later.remove(day);
            water = w == null ? 0 : w;
        }
        WaterBalance.close(soil, this, day, et0, method, rain, water);
        if (!later.isEmpty()) {
            Double next = later.remove(LocalDate.ofEpochDay(closed + 1));
            if (next != null) {
                nextDayWater = next;
                nextDayCredited = true;
            }
        }
    }

    /** Closes {@code day} with its figures: they become the last day's, its depletion the zone's. */
    void closed(
            long day,
            double et0,
            String method,
            double etc,
            double rain,
            double effectiveRain,
            double applied,
            double drained,
            double depletionAfter) {
        lastDay = day;
        lastEt0 = et0;
        // the same method day after day: not stored again, as every store of a reference costs the write barrier
        if (!Objects.equals(method, lastEt0Method)) {
            lastEt0Method = method;
        }
        lastEtc = etc;
        lastRain = rain;
        lastEffectiveRain = effectiveRain;
        lastApplied = applied;
        lastDrained = drained;
        lastDepletion = depletionAfter;
        depletion = depletionAfter;
        closed = day;
    }
}
