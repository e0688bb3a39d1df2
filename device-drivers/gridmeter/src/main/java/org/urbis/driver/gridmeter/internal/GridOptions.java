package org.urbis.driver.gridmeter.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The grid-meter device options of an inventory entry, all optional.
 *
 * @param nominalVoltage  phase voltage the band is centred on, V (default 230)
 * @param voltageBand     VOLTAGE_OUT_OF_BAND when a phase is further than this from nominal, % (default 10)
 * @param powerFactorMin  LOW_POWER_FACTOR when |PF| falls below it while power flows (default 0.85)
 * @param reversePower    whether power flowing out (negative active power) raises REVERSE_POWER (default true;
 *                        false for sites that export on purpose)
 */
record GridOptions(double nominalVoltage, double voltageBand, double powerFactorMin, boolean reversePower) {

    static final List<String> NUMBERS = List.of("nominalVoltage", "voltageBand", "powerFactorMin");

    GridOptions {
        if (!(nominalVoltage > 0)
                || !(voltageBand > 0 && voltageBand < 100)
                || !(powerFactorMin >= 0 && powerFactorMin <= 1)) {
            throw new IllegalArgumentException(
                    "nominalVoltage > 0, voltageBand 0-100 % and powerFactorMin 0-1 are needed");
        }
    }

    static GridOptions of(Map<String, String> options) {
        return new GridOptions(
                number(options, "nominalVoltage", 230),
                number(options, "voltageBand", 10),
                number(options, "powerFactorMin", 0.85),
                !"false"
                        .equalsIgnoreCase(
                                options.getOrDefault("reversePower", "true").trim()));
    }

    /** Problems with the options, one sentence each. */
    static List<String> problems(Map<String, String> options) {
        List<String> problems = new ArrayList<>();
        for (String key : NUMBERS) {
            String v = options.get(key);
            if (v != null) {
                try {
                    Double.parseDouble(v.trim());
                } catch (NumberFormatException e) {
                    problems.add("option " + key + " must be a number, not '" + v + "'");
                }
            }
        }
        String reverse = options.get("reversePower");
        if (reverse != null
                && !reverse.trim().equalsIgnoreCase("true")
                && !reverse.trim().equalsIgnoreCase("false")) {
            problems.add("option reversePower must be true or false, not '" + reverse + "'");
        }
        if (problems.isEmpty()) {
            try {
                of(options);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        return problems;
    }

    double voltageLow() {
        return nominalVoltage * (1 - voltageBand / 100);
    }

    double voltageHigh() {
        return nominalVoltage * (1 + voltageBand / 100);
    }

    private static double number(Map<String, String> options, String key, double dflt) {
        String v = options.get(key);
        return v == null || v.isBlank() ? dflt : Double.parseDouble(v.trim());
    }
}
