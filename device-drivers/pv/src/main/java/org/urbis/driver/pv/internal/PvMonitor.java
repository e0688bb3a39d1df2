package org.urbis.driver.pv.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/**
 * Refuses readings that make no sense, so that nothing is decided on them: a lifetime energy counter
 * that is negative or has gone backwards reads BAD until it passes the highest it reached
 * ({@value #ENERGY_IMPLAUSIBLE}), and a non-zero power that reads exactly the same for
 * {@code frozenSeconds} reads BAD / STALE until it moves ({@value #VALUES_FROZEN}). Each raises its
 * alarm while it lasts.
 */
final class PvMonitor {

    static final String ENERGY_IMPLAUSIBLE = "ENERGY_IMPLAUSIBLE";
    static final String VALUES_FROZEN = "VALUES_FROZEN";

    /** Lifetime counters (inverter and meter). */
    static final Set<String> ENERGY = Set.of("acEnergy", "energyImport", "energyExport");
    /** Powers that move while anything flows. */
    static final Set<String> POWER = Set.of("acPower", "activePower");

    private final DeviceCallback callback;
    private final Duration frozenAfter;
    private final Map<String, Double> highest = new HashMap<>();
    private final Map<String, Double> lastPower = new HashMap<>();
    private final Map<String, Instant> unchangedSince = new HashMap<>();
    private final Map<String, Boolean> raised = new HashMap<>();

    PvMonitor(DeviceCallback callback, PvOptions options) {
        this.callback = callback;
        this.frozenAfter = Duration.ofMillis(Math.round(options.frozenSeconds() * 1000));
    }

    /** The values with the implausible ones made BAD; raises and clears the alarms. */
    synchronized List<Value> check(List<Value> values, List<String> roles, Instant now) {
        Value[] out = values.toArray(new Value[0]);
        String energyProblem = null;
        String frozenProblem = null;
        for (int i = 0; i < out.length; i++) {
            Value v = out[i];
            String role = roles.get(i);
            if (v.quality() != Quality.GOOD || !(v.value() instanceof Number n)) {
                continue;
            }
            double x = n.doubleValue();
            if (ENERGY.contains(role)) {
                Double top = highest.get(role);
                String why = x < 0
                        ? String.format(
                                Locale.ROOT, "%s reads %.3f kWh: a lifetime counter cannot be negative", role, x)
                        : top != null && x < top
                                ? String.format(
                                        Locale.ROOT,
                                        "%s went back from %.3f to %.3f kWh: a lifetime counter only counts up",
                                        role,
                                        top,
                                        x)
                                : null;
                if (why != null) {
                    out[i] = Value.bad(v.point(), QualityReason.DEVICE_ERROR, why, v.timestamp());
                    energyProblem = energyProblem == null ? why : energyProblem;
                } else {
                    highest.put(role, x);
                }
            } else if (POWER.contains(role)) {
                Double last = lastPower.put(role, x);
                if (last == null || last != x || x == 0) {
                    unchangedSince.put(role, now);
                } else if (Duration.between(unchangedSince.get(role), now).compareTo(frozenAfter) >= 0) {
                    String why = String.format(
                            Locale.ROOT,
                            "%s has read exactly %s since %s: the meter's values are frozen",
                            role,
                            x,
                            unchangedSince.get(role));
                    out[i] = Value.bad(v.point(), QualityReason.STALE, why, v.timestamp());
                    frozenProblem = why;
                }
            }
        }
        // a read of a few points (a readback) says nothing about the others
        if (roles.stream().anyMatch(ENERGY::contains)) {
            alarm(ENERGY_IMPLAUSIBLE, energyProblem, "energy counters plausible again");
        }
        if (roles.stream().anyMatch(POWER::contains)) {
            alarm(VALUES_FROZEN, frozenProblem, "values moving again");
        }
        return List.of(out);
    }

    private void alarm(String type, String problem, String cleared) {
        boolean on = problem != null;
        if (raised.getOrDefault(type, false) != on) {
            raised.put(type, on);
            callback.alarm(type, AlarmSeverity.MAJOR, on, on ? problem : cleared);
        }
    }
}
