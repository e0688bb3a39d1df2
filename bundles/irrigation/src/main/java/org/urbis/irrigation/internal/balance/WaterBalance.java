package org.urbis.irrigation.internal.balance;

import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Supplier;

/** The daily root-zone water balance of a zone and the watering it calls for. */
public final class WaterBalance {

    private WaterBalance() {}

    /**
     * Closes a day.
     *
     * @param before  depletion at the end of the day before, mm
     * @param et0     the day's reference evapotranspiration, mm
     * @param rain    the day's rain, mm
     * @param applied irrigation the zone received that day, mm
     */
    public static BalanceDay close(
            ZoneSoil soil, LocalDate date, double before, double et0, String et0Method, double rain, double applied) {
        ZoneState s = new ZoneState(date.minusDays(1), before, null);
        close(soil, s, date, et0, et0Method, rain, applied);
        return s.last();
    }

    /** Closes a day of a zone's balance: the day's figures become the zone's last day. */
    static void close(
            ZoneSoil soil, ZoneState zone, LocalDate date, double et0, String et0Method, double rain, double applied) {
        if (!(et0 >= 0 && rain >= 0 && applied >= 0)) {
            throw new IllegalArgumentException(
                    "ET0, rain and water applied must be 0 or more, were " + et0 + ", " + rain + ", " + applied);
        }
        double etc = soil.cropCoefficient() * et0;
        double effective = soil.rainEffectiveness() * rain;
        double d = zone.depletion() - effective - applied + etc;
        double drained = Math.max(0, -d);
        d = Math.min(soil.totalAvailable(), Math.max(0, d));
        zone.closed(date.toEpochDay(), et0, et0Method, etc, rain, effective, applied, drained, d);
    }

    /**
     * The watering a zone needs before a day, from the depletion at the end of the day before. The zone is
     * watered back to field capacity when the day's expected use would take it past its allowed depletion,
     * so that it never goes past it; the run time is the depth over the precipitation rate, scaled by the
     * water budget.
     *
     * @param depletion     depletion now, mm
     * @param expectedEtc   the use expected for the day (the last day's), mm
     * @param budgetPercent the program's water budget, 0–200 %
     */
    public static Need need(ZoneSoil soil, double depletion, double expectedEtc, double budgetPercent) {
        return need(soil, depletion, expectedEtc, budgetPercent, null);
    }

    /**
     * {@link #need(ZoneSoil, double, double, double)} with what the expected use was found from leading its reason.
     * One object per zone and day, as a city's season asks millions of times and reads few of the reasons.
     *
     * @param basis where the expected use comes from, written out only when the reason is read; {@code null} for none
     */
    public static Need need(
            ZoneSoil soil, double depletion, double expectedEtc, double budgetPercent, Supplier<String> basis) {
        boolean waters = !(depletion + expectedEtc < soil.allowedDepletionMm());
        long seconds = waters ? Math.round(depletion / soil.precipitationRate() * 60 * 60 * budgetPercent / 100) : 0;
        return new Need(
                waters ? depletion : 0, seconds, new Reason(soil, depletion, expectedEtc, budgetPercent, basis));
    }

    /**
     * A need's reason, written out when read; a record rather than a lambda, as a capturing lambda is made through a
     * method handle until the JIT has compiled its maker, and a season's first days make millions.
     */
    private record Reason(
            ZoneSoil soil, double depletion, double expectedEtc, double budgetPercent, Supplier<String> basis)
            implements Supplier<String> {
        @Override
        public String get() {
            return (basis == null ? "" : basis.get() + "; ") + why(soil, depletion, expectedEtc, budgetPercent);
        }
    }

    /** How {@link #need} came to its run time, for the operator. */
    private static String why(ZoneSoil soil, double depletion, double expectedEtc, double budgetPercent) {
        double allowed = soil.allowedDepletionMm();
        if (depletion + expectedEtc < allowed) {
            return String.format(
                    Locale.ROOT,
                    "depletion %.1f mm + today's expected use %.1f mm stays under the %.1f mm allowed: no watering",
                    depletion,
                    expectedEtc,
                    allowed);
        }
        double minutes = depletion / soil.precipitationRate() * 60;
        long seconds = Math.round(minutes * 60 * budgetPercent / 100);
        return String.format(
                Locale.ROOT,
                "depletion %.1f mm + today's expected use %.1f mm reaches the %.1f mm allowed: refill %.1f mm at %.1f mm/h"
                        + " = %.1f min × budget %.0f %% = %.1f min",
                depletion,
                expectedEtc,
                allowed,
                depletion,
                soil.precipitationRate(),
                minutes,
                budgetPercent,
                seconds / 60.0);
    }

    /**
     * The watering a zone needs.
     *
     * @param depth   mm to apply at 100 % budget
     * @param seconds run time after the water budget
     * @param reason  how the run time came about, for the operator: written out only when someone reads it, as a
     *                city's season is millions of zone-days
     */
    public record Need(double depth, long seconds, Supplier<String> reason) {

        public Need(double depth, long seconds, String why) {
            this(depth, seconds, () -> why);
        }

        public String why() {
            return reason.get();
        }
    }
}
