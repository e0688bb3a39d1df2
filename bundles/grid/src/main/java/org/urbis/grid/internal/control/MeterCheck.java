package org.urbis.grid.internal.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;

/**
 * Whether a transformer meter's reading can be acted on: a controller takes no decision on a reading that is
 * missing, not GOOD, not a number, beyond any plausible power, or frozen (the very same value for too long, as a
 * meter whose measuring has hung keeps repeating it).
 */
public final class MeterCheck {

    private final Duration frozenAfter;
    private final double plausibleKw;
    private Object last;
    private Instant since;

    /**
     * @param plausibleKw the largest power the feeder's transformer could carry
     */
    public MeterCheck(Duration frozenAfter, double plausibleKw) {
        this.frozenAfter = frozenAfter;
        this.plausibleKw = plausibleKw;
    }

    /** Why the reading cannot be trusted, or empty when it can. */
    public synchronized Optional<String> problem(Value v, Instant now) {
        if (v == null) {
            return Optional.of("no reading of activePower yet");
        }
        if (v.quality() != Quality.GOOD) {
            return Optional.of("activePower is " + v.quality() + " (" + v.reason()
                    + (v.detail().isEmpty() ? "" : ": " + v.detail()) + ")");
        }
        if (!(v.value() instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            return Optional.of("activePower is not a number: " + v.value());
        }
        if (Math.abs(n.doubleValue()) > plausibleKw) {
            return Optional.of(String.format(
                    Locale.ROOT,
                    "activePower %.1f kW is beyond anything the transformer carries (%.0f kW)",
                    n.doubleValue(),
                    plausibleKw));
        }
        if (!v.value().equals(last)) {
            last = v.value();
            since = v.timestamp().isBefore(now) ? v.timestamp() : now;
        }
        if (Duration.between(since, now).compareTo(frozenAfter) >= 0) {
            return Optional.of("activePower frozen at " + v.value() + " kW since " + since);
        }
        return Optional.empty();
    }
}
