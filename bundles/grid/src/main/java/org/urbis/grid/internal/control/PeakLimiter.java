package org.urbis.grid.internal.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.urbis.grid.internal.feeder.Feeder;

/**
 * Peak limiting: when the transformer draws, or in the next quarter hour is forecast to draw, more than the feeder's
 * import limit, a load-control event goes to every flexible load of the feeder with the same target, deep enough
 * to shed the excess and a little more, and a criticality that grows with the excess. A deeper event replaces a
 * shallower one. The event is cancelled once the feeder would stay a hysteresis under the limit even with the shed
 * load back, or runs out by itself.
 */
public final class PeakLimiter {

    public static final String NAME = "peak";
    public static final String LOAD_CONTROL = "loadControl";

    /** A flexible load: its meter and what it draws now (kW). */
    public record Load(String id, double kw) {}

    /** The event the controller has running on a feeder. */
    public record Event(long id, double target, double shedKw, Instant until) {}

    /**
     * What the controller decided and the event in force afterwards.
     *
     * @param event the event running once the orders are carried out, or {@code null}
     */
    public record Outcome(Decision decision, Event event) {}

    private PeakLimiter() {}

    /**
     * @param netKw        the transformer's active power now
     * @param forecastNext the net power forecast for the next quarter hour, {@code NaN} when unknown
     * @param active       the event running, or {@code null}
     * @param eventId      the id a new event takes
     */
    public static Outcome decide(
            Feeder feeder,
            double netKw,
            double forecastNext,
            List<Load> loads,
            Event active,
            long eventId,
            Instant now) {
        if (active != null && !now.isBefore(active.until())) {
            active = null;
        }
        double limit = feeder.importLimitKw();
        double expected = Double.isNaN(forecastNext) ? netKw : Math.max(netKw, forecastNext);
        double flexible = loads.stream().mapToDouble(l -> Math.max(0, l.kw())).sum();
        if (expected > limit) {
            String why = netKw > limit
                    ? String.format(Locale.ROOT, "load %.1f kW over the limit %.1f kW", netKw, limit)
                    : String.format(
                            Locale.ROOT,
                            "load %.1f kW forecast for the next quarter hour, over the limit %.1f kW",
                            forecastNext,
                            limit);
            double excess =
                    expected - ExportLimiter.aim(limit, feeder.hysteresisKw()) + (active == null ? 0 : active.shedKw());
            double base = flexible + (active == null ? 0 : active.shedKw());
            if (base <= 0) {
                return new Outcome(
                        new Decision(NAME, List.of(), why + ", but the feeder has no flexible load drawing power"),
                        active);
            }
            double target = Math.floor(Math.max(0, (base - excess) / base * 100));
            if (active != null && active.target() <= target) {
                return new Outcome(
                        new Decision(
                                NAME,
                                List.of(),
                                why
                                        + String.format(
                                                Locale.ROOT,
                                                ": event %d at %s %% already running",
                                                active.id(),
                                                ExportLimiter.fmt(active.target()))),
                        active);
            }
            int criticality = criticality(excess / limit);
            List<Order> orders = new ArrayList<>();
            for (Load l : loads) {
                orders.add(new Order(
                        l.id(),
                        LOAD_CONTROL,
                        String.format(
                                Locale.ROOT,
                                "{\"event\":%d,\"start\":0,\"duration\":%d,\"target\":%s,\"randomize\":0,\"criticality\":%d}",
                                eventId,
                                feeder.eventMinutes(),
                                ExportLimiter.fmt(target),
                                criticality)));
            }
            Event event =
                    new Event(eventId, target, base * (1 - target / 100), now.plusSeconds(60L * feeder.eventMinutes()));
            return new Outcome(
                    new Decision(
                            NAME,
                            orders,
                            why
                                    + String.format(
                                            Locale.ROOT,
                                            ": load-control event %d to %d flexible load(s) (%.1f kW), target %s %%, criticality %d",
                                            eventId,
                                            loads.size(),
                                            base,
                                            ExportLimiter.fmt(target),
                                            criticality)),
                    event);
        }
        if (active != null && expected + active.shedKw() < limit - feeder.hysteresisKw()) {
            List<Order> orders = new ArrayList<>();
            for (Load l : loads) {
                orders.add(new Order(l.id(), LOAD_CONTROL, "{\"cancel\":\"" + active.id() + "\"}"));
            }
            return new Outcome(
                    new Decision(
                            NAME,
                            orders,
                            String.format(
                                    Locale.ROOT,
                                    "load %.1f kW would stay under %.1f kW (limit less hysteresis) with the %.1f kW shed back: cancel event %d",
                                    expected,
                                    limit - feeder.hysteresisKw(),
                                    active.shedKw(),
                                    active.id())),
                    null);
        }
        return new Outcome(
                new Decision(
                        NAME,
                        List.of(),
                        String.format(
                                Locale.ROOT,
                                "load %.1f kW, limit %.1f kW%s: holding",
                                netKw,
                                limit,
                                active == null ? "" : ", event " + active.id() + " running")),
                active);
    }

    /** The Smart Energy Profile's levels 1 to 5 (criticality 2-6) by how far over the limit the feeder is. */
    static int criticality(double overShare) {
        return overShare <= 0.05 ? 2 : overShare <= 0.10 ? 3 : overShare <= 0.20 ? 4 : overShare <= 0.30 ? 5 : 6;
    }
}
