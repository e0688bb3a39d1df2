package org.urbis.driver.water.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The water-specific device options of an inventory entry (all optional, numbers in the points' units).
 *
 * @param pressureHigh       HIGH_PRESSURE is raised at or above it, bar
 * @param pressureLow        LOW_PRESSURE is raised at or below it, bar
 * @param hysteresis         how far back past a threshold the pressure must come before its alarm clears, bar
 * @param burstDrop          LEAK (burst suspected) is raised when pressure falls this much within burstWindow, bar
 * @param burstWindowSeconds the window of the burst rule
 * @param minTravelSeconds   the shortest full-stroke time a valve may close with (water hammer), s
 * @param strokeSeconds      the valve's full-stroke time when no travelTime point reports it, s
 * @param positionTolerance  how far position and setpoint may differ once the valve should have arrived, %
 * @param stuckGraceSeconds  time allowed beyond the travel time before VALVE_STUCK, s
 */
record WaterOptions(
        Double pressureHigh,
        Double pressureLow,
        double hysteresis,
        Double burstDrop,
        double burstWindowSeconds,
        Double minTravelSeconds,
        Double strokeSeconds,
        double positionTolerance,
        double stuckGraceSeconds) {

    static final List<String> KEYS = List.of(
            "pressureHigh",
            "pressureLow",
            "pressureHysteresis",
            "burstDropBar",
            "burstWindowSeconds",
            "minTravelSeconds",
            "strokeSeconds",
            "positionTolerance",
            "stuckGraceSeconds");

    static WaterOptions of(Map<String, String> options) {
        return new WaterOptions(
                number(options, "pressureHigh"),
                number(options, "pressureLow"),
                orDefault(options, "pressureHysteresis", 0.2),
                number(options, "burstDropBar"),
                orDefault(options, "burstWindowSeconds", 10),
                number(options, "minTravelSeconds"),
                number(options, "strokeSeconds"),
                orDefault(options, "positionTolerance", 2),
                orDefault(options, "stuckGraceSeconds", 5));
    }

    /** Problems with the options, one sentence each. */
    static List<String> problems(Map<String, String> options) {
        List<String> problems = new ArrayList<>();
        for (String key : KEYS) {
            String v = options.get(key);
            if (v != null) {
                try {
                    double d = Double.parseDouble(v.trim());
                    if (!(d >= 0) || Double.isInfinite(d)) {
                        problems.add("option " + key + " must be a number >= 0, not '" + v + "'");
                    }
                } catch (NumberFormatException e) {
                    problems.add("option " + key + " must be a number, not '" + v + "'");
                }
            }
        }
        if (problems.isEmpty()) {
            WaterOptions o = of(options);
            if (o.pressureHigh != null
                    && o.pressureLow != null
                    && o.pressureLow + o.hysteresis >= o.pressureHigh - o.hysteresis) {
                problems.add("pressureLow and pressureHigh are closer than twice the hysteresis");
            }
        }
        return problems;
    }

    private static Double number(Map<String, String> options, String key) {
        String v = options.get(key);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static double orDefault(Map<String, String> options, String key, double dflt) {
        Double d = number(options, key);
        return d == null ? dflt : d;
    }
}
