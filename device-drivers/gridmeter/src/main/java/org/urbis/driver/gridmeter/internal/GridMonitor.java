package org.urbis.driver.gridmeter.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;

/**
 * The grid rules applied to each batch of values of one meter: voltage band, power factor, reverse power and
 * breaker trip alarms, a communication-loss alarm, and the derived 15-minute interval energy and demand
 * (points with address {@code calc:importInterval}, {@code calc:exportInterval}, {@code calc:demand}). Each
 * alarm is reported only when it changes.
 */
final class GridMonitor {

    static final String VOLTAGE_OUT_OF_BAND = "VOLTAGE_OUT_OF_BAND";
    static final String LOW_POWER_FACTOR = "LOW_POWER_FACTOR";
    static final String REVERSE_POWER = "REVERSE_POWER";
    static final String BREAKER_TRIP = "BREAKER_TRIP";
    static final String COMM_LOSS = "COMM_LOSS";

    static final String CALC = "calc:";
    static final String IMPORT_INTERVAL = CALC + "importInterval";
    static final String EXPORT_INTERVAL = CALC + "exportInterval";
    static final String DEMAND = CALC + "demand";

    private static final double PF_HYSTERESIS = 0.02;

    private final Device device;
    private final GridOptions options;
    private final DeviceCallback callback;
    private final IntervalEnergy imports;
    private final IntervalEnergy exports;
    private final Map<String, Boolean> active = new java.util.HashMap<>();
    private final Map<String, Double> voltages = new java.util.TreeMap<>();
    private Boolean breakerClosed;
    private boolean openCommanded;

    GridMonitor(Device device, GridOptions options, DeviceCallback callback, ZoneId zone) {
        this.device = device;
        this.options = options;
        this.callback = callback;
        this.imports = new IntervalEnergy(zone);
        this.exports = new IntervalEnergy(zone);
    }

    /** Whether an address names a derived quantity rather than something on the device. */
    static boolean derived(String address) {
        return address.equals(IMPORT_INTERVAL) || address.equals(EXPORT_INTERVAL) || address.equals(DEMAND);
    }

    /** The breaker was commanded by this driver: an opening that follows is not a trip. */
    synchronized void breakerCommanded(boolean close) {
        openCommanded = !close;
    }

    /** The meter's connection came up or went down. */
    synchronized void connection(boolean up, String why) {
        alarm(COMM_LOSS, AlarmSeverity.MAJOR, !up, up ? "communication restored" : why);
    }

    /** Applies the rules to new values; returns the derived values they complete, to be reported with them. */
    synchronized List<Value> observe(List<Value> values) {
        List<Value> derived = new ArrayList<>();
        Double power = null;
        Double pf = null;
        for (Value v : values) {
            Point p = device.point(v.point()).orElse(null);
            Double n = number(v);
            if (p == null || v.quality() == Quality.BAD || !v.hasValue()) {
                continue;
            }
            String role = p.role();
            if (Roles.isVoltage(role) && n != null) {
                voltages.put(role, n);
            } else if (role.equals(Roles.ACTIVE_POWER)) {
                power = n;
            } else if (role.equals(Roles.POWER_FACTOR)) {
                pf = n;
            } else if (role.equals(Roles.BREAKER)
                    && v.quality() == Quality.GOOD
                    && v.value() instanceof Boolean closed) {
                breaker(closed); // a position in transit or indeterminate (UNCERTAIN) is no trip yet
            } else if (role.equals(Roles.ENERGY_IMPORT) && n != null) {
                imports.add(v.timestamp(), n).ifPresent(i -> {
                    point(IMPORT_INTERVAL).ifPresent(q -> derived.add(Value.good(q.name(), round(i.kwh()), i.end())));
                    point(DEMAND).ifPresent(q -> derived.add(Value.good(q.name(), round(i.demandKw()), i.end())));
                });
            } else if (role.equals(Roles.ENERGY_EXPORT) && n != null) {
                exports.add(v.timestamp(), n)
                        .ifPresent(i -> point(EXPORT_INTERVAL)
                                .ifPresent(q -> derived.add(Value.good(q.name(), round(i.kwh()), i.end()))));
            }
        }
        voltage();
        if (pf != null) {
            boolean flowing = power == null || Math.abs(power) > 0;
            boolean low = Boolean.TRUE.equals(active.get(LOW_POWER_FACTOR));
            double limit = options.powerFactorMin() + (low ? PF_HYSTERESIS : 0);
            alarm(
                    LOW_POWER_FACTOR,
                    AlarmSeverity.WARNING,
                    flowing && Math.abs(pf) < limit,
                    String.format(Locale.ROOT, "power factor %.2f (limit %.2f)", pf, options.powerFactorMin()));
        }
        if (power != null && options.reversePower()) {
            alarm(
                    REVERSE_POWER,
                    AlarmSeverity.MAJOR,
                    power < 0,
                    String.format(Locale.ROOT, "active power %.2f kW", power));
        }
        return derived;
    }

    private void voltage() {
        if (voltages.isEmpty() || Boolean.FALSE.equals(breakerClosed)) {
            return; // an open breaker leaves the phases dead, which is no voltage problem
        }
        boolean was = Boolean.TRUE.equals(active.get(VOLTAGE_OUT_OF_BAND));
        double margin = was ? options.nominalVoltage() * 0.01 : 0; // 1 % hysteresis back into the band
        List<String> out = new ArrayList<>();
        voltages.forEach((phase, v) -> {
            if (v < options.voltageLow() + margin || v > options.voltageHigh() - margin) {
                out.add(String.format(Locale.ROOT, "%s %.1f V", phase, v));
            }
        });
        alarm(
                VOLTAGE_OUT_OF_BAND,
                AlarmSeverity.MAJOR,
                !out.isEmpty(),
                out.isEmpty()
                        ? "every phase back in the band"
                        : String.join(", ", out)
                                + String.format(
                                        Locale.ROOT,
                                        " outside %.1f-%.1f V",
                                        options.voltageLow(),
                                        options.voltageHigh()));
    }

    private void breaker(boolean closed) {
        if (breakerClosed != null && breakerClosed && !closed && !openCommanded) {
            alarm(BREAKER_TRIP, AlarmSeverity.CRITICAL, true, "the breaker opened without a command");
        } else if (closed) {
            alarm(BREAKER_TRIP, AlarmSeverity.CRITICAL, false, "the breaker is closed");
        }
        if (!closed) {
            openCommanded = false;
        }
        breakerClosed = closed;
    }

    private void alarm(String type, AlarmSeverity severity, boolean on, String message) {
        if (on != Boolean.TRUE.equals(active.get(type))) {
            active.put(type, on);
            callback.alarm(type, severity, on, message);
        }
    }

    private Optional<Point> point(String address) {
        return device.points().stream().filter(p -> p.address().equals(address)).findFirst();
    }

    private static Double number(Value v) {
        return v.value() instanceof Number n ? n.doubleValue() : null;
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}
