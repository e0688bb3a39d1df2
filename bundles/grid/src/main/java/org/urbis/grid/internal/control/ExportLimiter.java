package org.urbis.grid.internal.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.urbis.grid.internal.feeder.Feeder;

/**
 * Export limiting: while the feeder pushes more power back through its transformer than its export limit, its
 * inverters are curtailed ({@code powerLimitPct}) all to the same share of their rated power, which is fair by
 * rated power, to bring the export a little under the limit; once the export has fallen a hysteresis under the
 * limit, the curtailment is raised by the room left, up to 100 % (released), so that raising it can never push
 * the export back over; a room of less than {@value #RAISE_STEP} % of the rating is not worth a command to every
 * inverter, and the limit is held until the room grows or the export falls far enough to release it. While the inverters are still reaching the last limit sent (their ramp, the meters' next
 * readings) the export measured says little about that limit: the controller raises nothing then, and curtails
 * further only if even the limit in force would not do.
 */
public final class ExportLimiter {

    public static final String NAME = "export";
    public static final String LIMIT_POINT = "powerLimitPct";
    /** The smallest raise of a curtailment sent, in % of the rating: smaller ones wait. */
    static final double RAISE_STEP = 5;

    /** An inverter as the controller sees it: rated and present power (kW) and its present limit (%, 100 = none). */
    public record Inverter(String id, double ratedKw, double acKw, double limitPct) {}

    private ExportLimiter() {}

    /** Where the controller aims: under the limit by half the hysteresis, or 2 % of the limit without one. */
    static double aim(double limit, double hysteresis) {
        return limit - Math.max(hysteresis / 2, 0.02 * limit);
    }

    /** @param netKw the transformer's active power, negative when exporting */
    public static Decision decide(Feeder feeder, double netKw, List<Inverter> inverters) {
        return decide(feeder, netKw, inverters, false);
    }

    /**
     * @param netKw    the transformer's active power, negative when exporting
     * @param settling whether the last limits sent may not have taken their full effect yet
     */
    public static Decision decide(Feeder feeder, double netKw, List<Inverter> inverters, boolean settling) {
        double export = -netKw;
        double limit = feeder.exportLimitKw();
        double rated = 0;
        double weighted = 0;
        double pv = 0;
        for (Inverter i : inverters) {
            rated += i.ratedKw();
            weighted += i.ratedKw() * i.limitPct();
            pv += i.acKw();
        }
        // the roofs produce at least what goes back through the transformer, whatever older inverter readings say
        pv = Math.max(pv, export);
        if (rated <= 0) {
            return new Decision(
                    NAME,
                    List.of(),
                    export > limit
                            ? String.format(
                                    Locale.ROOT,
                                    "export %.1f kW over the limit %.1f kW, but the feeder has no inverter to curtail",
                                    export,
                                    limit)
                            : "no inverter on the feeder");
        }
        double current = weighted / rated;
        double aim = aim(limit, feeder.hysteresisKw());
        if (export > limit) {
            double pct = Math.floor(Math.max(0, (pv - (export - aim)) / rated * 100));
            if (settling && pct >= current - 0.5) {
                return new Decision(
                        NAME,
                        List.of(),
                        String.format(
                                Locale.ROOT,
                                "export %.1f kW over the limit %.1f kW: waiting for the "
                                        + "inverters to reach the %s %% sent, which will do",
                                export,
                                limit,
                                fmt(current)));
            }
            pct = Math.min(pct, Math.ceil(current) - 1);
            return orders(
                    inverters,
                    Math.max(0, pct),
                    String.format(
                            Locale.ROOT,
                            "export %.1f kW over the limit %.1f kW (PV %.1f kW of %.1f kW rated): curtail every inverter to %s %% of its rating",
                            export,
                            limit,
                            pv,
                            rated,
                            fmt(Math.max(0, pct))));
        }
        if (current < 100 && export < limit - feeder.hysteresisKw()) {
            if (settling) {
                return new Decision(
                        NAME,
                        List.of(),
                        String.format(
                                Locale.ROOT,
                                "export %.1f kW under %.1f kW: waiting for the "
                                        + "inverters to reach the %s %% sent before raising it",
                                Math.max(0, export),
                                limit - feeder.hysteresisKw(),
                                fmt(current)));
            }
            double pct = Math.ceil(current + (aim - export) / rated * 100);
            pct = pct >= 99 ? 100 : pct;
            if (pct < 100 && pct - current < RAISE_STEP) {
                return new Decision(
                        NAME,
                        List.of(),
                        String.format(
                                Locale.ROOT,
                                "export %.1f kW under %.1f kW, but room for less "
                                        + "than %s %% more: holding the inverters at %s %%",
                                Math.max(0, export),
                                limit - feeder.hysteresisKw(),
                                fmt(RAISE_STEP),
                                fmt(current)));
            }
            return orders(
                    inverters,
                    pct,
                    String.format(
                            Locale.ROOT,
                            "export %.1f kW fell under %.1f kW (limit less hysteresis): %s",
                            Math.max(0, export),
                            limit - feeder.hysteresisKw(),
                            pct >= 100
                                    ? "release every inverter (100 %)"
                                    : "raise every inverter to " + fmt(pct) + " %"));
        }
        return new Decision(
                NAME,
                List.of(),
                String.format(
                        Locale.ROOT,
                        "export %.1f kW, limit %.1f kW, inverters at %s %%: holding",
                        Math.max(0, export),
                        limit,
                        fmt(current)));
    }

    /**
     * Sends a held curtailment again to the inverters whose own revert timer would otherwise drop it: the same
     * limit each, so the export stays where it is.
     *
     * @param holding the decision to hold, taken on the same reading
     * @param due     the curtailed inverters whose limit is due for renewal
     */
    public static Decision renew(Decision holding, List<Inverter> due) {
        if (due.isEmpty()) {
            return holding;
        }
        List<Order> orders = due.stream()
                .map(i -> new Order(i.id(), LIMIT_POINT, i.limitPct()))
                .toList();
        return new Decision(
                NAME, orders, holding.reason() + "; the limit renewed before the inverters' revert time drops it");
    }

    private static Decision orders(List<Inverter> inverters, double pct, String reason) {
        List<Order> orders = new ArrayList<>();
        for (Inverter i : inverters) {
            if (Math.abs(i.limitPct() - pct) >= 0.5) {
                orders.add(new Order(i.id(), LIMIT_POINT, pct));
            }
        }
        return new Decision(NAME, orders, reason);
    }

    static String fmt(double pct) {
        return pct == Math.rint(pct) ? String.valueOf((long) pct) : String.format(Locale.ROOT, "%.1f", pct);
    }
}
