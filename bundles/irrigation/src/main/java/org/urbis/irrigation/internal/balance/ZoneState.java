package org.urbis.irrigation.internal.balance;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * A zone's balance between days: the depletion at the end of the last closed day, that day, and water applied on
 * days not yet closed.
 */
public final class ZoneState {

    LocalDate closed;
    double depletion;
    BalanceDay last;
    final Map<LocalDate, Double> applied = new TreeMap<>();

    /**
     * A zone whose balance starts at the end of {@code closed} with {@code depletion} mm below field capacity.
     */
    public ZoneState(LocalDate closed, double depletion, BalanceDay last) {
        this.closed = closed;
        this.depletion = depletion;
        this.last = last;
    }

    public LocalDate closed() {
        return closed;
    }

    public double depletion() {
        return depletion;
    }

    /** The last closed day, or {@code null} before the first. */
    public BalanceDay last() {
        return last;
    }

    /** The use expected today: the last closed day's. */
    public double expectedEtc() {
        return last == null ? 0 : last.etc();
    }

    public Map<LocalDate, Double> applied() {
        return applied;
    }

    /** Credits water a run applied to a day; to the next open day when that day closed already (a run past midnight). */
    public synchronized void credit(LocalDate day, double mm) {
        applied.merge(day.isAfter(closed) ? day : closed.plusDays(1), mm, Double::sum);
    }

    /** Closes the next day with its ET0 and rain and the water credited to it. */
    public synchronized BalanceDay close(ZoneSoil soil, LocalDate day, double et0, String method, double rain) {
        Double water = applied.remove(day);
        last = WaterBalance.close(soil, day, depletion, et0, method, rain, water == null ? 0 : water);
        depletion = last.depletion();
        closed = day;
        return last;
    }
}
