package org.urbis.driver.pv.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A device's options (see {@code URBIS-INF/options.json}).
 *
 * @param ratedPowerKw       rated AC power when the device has no nameplate model 120, kW; NaN when not given
 * @param limitRevertSeconds {@code WMaxLimPct_RvrtTms} written with a power limit: the inverter drops the limit
 *                           this long after it was set unless it is set again; 0 keeps it until released
 * @param limitRampSeconds   {@code WMaxLimPct_RmpTms} written with a power limit: the time the inverter takes to
 *                           reach it; 0 at once
 * @param frozenSeconds      how long a non-zero power may read exactly the same before its values count as frozen
 */
record PvOptions(double ratedPowerKw, int limitRevertSeconds, int limitRampSeconds, double frozenSeconds) {

    static PvOptions of(Map<String, String> options) {
        return new PvOptions(
                number(options, "ratedPower", Double.NaN),
                (int) number(options, "limitRevertSeconds", 0),
                (int) number(options, "limitRampSeconds", 0),
                number(options, "frozenSeconds", 300));
    }

    /** One sentence per bad option; empty when all are fine. */
    static List<String> problems(Map<String, String> options) {
        List<String> problems = new ArrayList<>();
        check(problems, options, "ratedPower", 0.001, 100_000);
        check(problems, options, "limitRevertSeconds", 0, 65_534);
        check(problems, options, "limitRampSeconds", 0, 65_534);
        check(problems, options, "frozenSeconds", 1, 86_400);
        return problems;
    }

    private static void check(List<String> problems, Map<String, String> options, String key, double min, double max) {
        if (!options.containsKey(key)) {
            return;
        }
        try {
            double v = Double.parseDouble(options.get(key).trim());
            if (!(v >= min && v <= max)) {
                problems.add("option " + key + " must be " + min + "-" + max + ", not " + options.get(key));
            }
        } catch (NumberFormatException e) {
            problems.add("option " + key + ": '" + options.get(key) + "' is not a number");
        }
    }

    private static double number(Map<String, String> options, String key, double fallback) {
        String s = options.get(key);
        return s == null ? fallback : Double.parseDouble(s.trim());
    }
}
