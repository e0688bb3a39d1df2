package org.urbis.driver.irrigation.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The irrigation device options of an inventory entry.
 *
 * @param zones          the controller's zones, or 0 to take them from the controller or the points
 * @param password       an OpenSprinkler's password (sent as its MD5); empty for a Modbus PLC
 * @param zoneFlows      configured flow of zones, l/min, by zone; a zone without one uses its learned flow
 * @param highFlowFactor HIGH_FLOW above this multiple of a zone's expected flow
 * @param lowFlowFactor  LOW_FLOW below this multiple of a zone's expected flow
 * @param noFlow         a flow at or below this is none at all, l/min
 * @param leakFlow       MAINLINE_BREAK above this flow with every valve shut, l/min
 * @param flowMax        a flow above this is a sensor fault, l/min
 */
record IrrigationOptions(
        int zones,
        String password,
        Map<Integer, Double> zoneFlows,
        double highFlowFactor,
        double lowFlowFactor,
        double noFlow,
        double leakFlow,
        double flowMax) {

    static final String ZONES = "zones";
    static final String PASSWORD = "password";
    static final String ZONE_FLOWS = "zoneFlows";
    private static final List<String> NUMBERS =
            List.of("highFlowPercent", "lowFlowPercent", "noFlow", "leakFlow", "flowMax");

    static IrrigationOptions of(Map<String, String> options) {
        Map<Integer, Double> flows = new HashMap<>();
        String list = options.getOrDefault(ZONE_FLOWS, "").trim();
        if (!list.isEmpty()) {
            String[] parts = list.split(",");
            for (int i = 0; i < parts.length; i++) {
                Double d = parse(parts[i]);
                if (d != null && d > 0) {
                    flows.put(i + 1, d);
                }
            }
        }
        Double zones = parse(options.get(ZONES));
        return new IrrigationOptions(
                zones == null ? 0 : zones.intValue(),
                options.getOrDefault(PASSWORD, ""),
                Map.copyOf(flows),
                number(options, "highFlowPercent", 130) / 100,
                number(options, "lowFlowPercent", 50) / 100,
                number(options, "noFlow", 0.5),
                number(options, "leakFlow", 2),
                number(options, "flowMax", 2000));
    }

    /** Problems with the options, one sentence each. */
    static List<String> problems(Map<String, String> options) {
        List<String> problems = new ArrayList<>();
        String zones = options.get(ZONES);
        if (zones != null) {
            Double z = parse(zones);
            if (z == null || z != Math.rint(z) || z < 1 || z > PointRole.MAX_ZONES) {
                problems.add("option zones must be a whole number 1-" + PointRole.MAX_ZONES + ", not '" + zones + "'");
            }
        }
        for (String key : NUMBERS) {
            String v = options.get(key);
            if (v != null) {
                Double d = parse(v);
                if (d == null || d < 0 || d.isInfinite()) {
                    problems.add("option " + key + " must be a number >= 0, not '" + v + "'");
                }
            }
        }
        String list = options.get(ZONE_FLOWS);
        if (list != null && !list.isBlank()) {
            for (String part : list.split(",")) {
                Double d = parse(part);
                if (!part.isBlank() && (d == null || d < 0 || d.isInfinite())) {
                    problems.add("option zoneFlows must list each zone's flow in l/min, comma-separated"
                            + " (empty for a zone to learn), not '" + list + "'");
                    break;
                }
            }
        }
        if (problems.isEmpty()) {
            IrrigationOptions o = of(options);
            if (o.lowFlowFactor >= o.highFlowFactor) {
                problems.add("lowFlowPercent must be below highFlowPercent");
            }
        }
        return problems;
    }

    /** The flow a zone should draw: configured, else learned, else unknown. */
    Double expectedFlow(int zone, Map<Integer, Double> learned) {
        Double configured = zoneFlows.get(zone);
        return configured != null ? configured : learned.get(zone);
    }

    private static double number(Map<String, String> options, String key, double dflt) {
        Double d = parse(options.get(key));
        return d == null ? dflt : d;
    }

    private static Double parse(String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.trim());
            return Double.isNaN(d) ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
