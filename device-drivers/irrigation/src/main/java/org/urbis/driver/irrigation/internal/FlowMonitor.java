package org.urbis.driver.irrigation.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DriverException;
import org.urbis.api.event.AlarmSeverity;

/**
 * The flow management of one controller, applied to each read: derives each open zone's flow from the
 * mainline flow, learns each zone's usual flow, and raises and clears
 * <ul>
 * <li>{@code HIGH_FLOW.zone<N>} (MAJOR): a settled zone draws more than its expected flow × highFlowPercent;</li>
 * <li>{@code LOW_FLOW.zone<N>} (MAJOR): a settled zone draws less than its expected flow × lowFlowPercent, or
 * nothing at all when no flow is expected yet;</li>
 * <li>{@code MAINLINE_BREAK} (CRITICAL): water flows with every valve shut (a leak or a broken mainline):
 * the master valve is shut in the same read, and again as long as the water keeps flowing while it is
 * open; the alarm clears once the supply is open again with no flow;</li>
 * <li>{@code SENSOR_FAULT} (MAJOR): the flow meter reports a fault or an implausible flow.</li>
 * </ul>
 * A zone is settled once it was open at the previous read too: flow takes a moment to establish.
 * Called by one thread at a time (the device's reads).
 */
final class FlowMonitor {

    static final String HIGH_FLOW = "HIGH_FLOW";
    static final String LOW_FLOW = "LOW_FLOW";
    static final String MAINLINE_BREAK = "MAINLINE_BREAK";
    static final String SENSOR_FAULT = "SENSOR_FAULT";

    /** How the controller shuts its master valve (or what stands for it). */
    interface Shutoff {
        void shut() throws DriverException, InterruptedException;
    }

    /**
     * What one read saw.
     *
     * @param open       every zone's valve state that was read, by zone
     * @param flowTotal  the mainline flow, l/min, or null when it could not be read or the meter reports a fault
     * @param supplyOpen whether the master valve lets water into the mainline, or null when unknown
     * @param faults     sensor faults the controller reported, one sentence each
     */
    record Observation(SortedMap<Integer, Boolean> open, Double flowTotal, Boolean supplyOpen, List<String> faults) {}

    private final IrrigationOptions options;
    private final DeviceCallback callback;
    private final Map<Integer, Double> learned = new HashMap<>();
    private final Set<Integer> wasOpen = new HashSet<>();
    private final Set<String> active = new HashSet<>();

    FlowMonitor(IrrigationOptions options, DeviceCallback callback) {
        this.options = options;
        this.callback = callback;
    }

    /**
     * Applies the rules to one read, shutting the supply on a mainline break.
     *
     * @return each read zone's flow, l/min: 0 for a shut valve; absent when the mainline flow is not known
     */
    Map<Integer, Double> observe(Observation o, Shutoff shutoff) throws InterruptedException {
        List<String> faults = new ArrayList<>(o.faults());
        Double flow = o.flowTotal();
        if (flow != null && (!Double.isFinite(flow) || flow < 0 || flow > options.flowMax())) {
            faults.add("the flow meter reads an implausible " + lpm(flow));
            flow = null;
        }
        alarm(
                SENSOR_FAULT,
                AlarmSeverity.MAJOR,
                !faults.isEmpty(),
                faults.isEmpty() ? "the sensors report no fault" : String.join("; ", faults));
        Set<Integer> open = new HashSet<>();
        o.open().forEach((zone, isOpen) -> {
            if (isOpen) {
                open.add(zone);
            }
        });
        Map<Integer, Double> zoneFlows = zoneFlows(o.open(), open, flow);
        if (flow != null) {
            mainline(o, open, flow, shutoff);
            for (int zone : o.open().keySet()) {
                zone(zone, open.contains(zone) && wasOpen.contains(zone), open.size() == 1, zoneFlows.get(zone));
            }
        }
        wasOpen.clear();
        wasOpen.addAll(open);
        return zoneFlows;
    }

    private Map<Integer, Double> zoneFlows(SortedMap<Integer, Boolean> read, Set<Integer> open, Double flow) {
        Map<Integer, Double> flows = new TreeMap<>();
        double expectedSum = 0;
        boolean allExpected = true;
        for (int zone : open) {
            Double e = options.expectedFlow(zone, learned);
            allExpected &= e != null;
            expectedSum += e == null ? 0 : e;
        }
        for (int zone : read.keySet()) {
            if (!open.contains(zone)) {
                flows.put(zone, 0.0);
            } else if (flow != null) {
                // several valves open share the mainline's flow as their expected flows do, else evenly
                double share = allExpected && expectedSum > 0
                        ? options.expectedFlow(zone, learned) / expectedSum
                        : 1.0 / open.size();
                flows.put(zone, flow * share);
            }
        }
        return flows;
    }

    private void mainline(Observation o, Set<Integer> open, double flow, Shutoff shutoff) throws InterruptedException {
        boolean allShut = open.isEmpty() && !o.open().isEmpty();
        boolean leaking = allShut && flow > options.leakFlow();
        if (leaking && !Boolean.FALSE.equals(o.supplyOpen())) {
            String outcome;
            try {
                shutoff.shut();
                outcome = "the master valve was shut";
            } catch (DriverException e) {
                outcome = "shutting the master valve FAILED (" + e.getMessage() + "): shut the supply by hand";
            }
            if (active.add(MAINLINE_BREAK)) {
                callback.alarm(
                        MAINLINE_BREAK,
                        AlarmSeverity.CRITICAL,
                        true,
                        lpm(flow) + " flowing with every valve shut: leak or mainline break; " + outcome);
            }
        } else if (!leaking && Boolean.TRUE.equals(o.supplyOpen()) && allShut && flow <= options.noFlow()) {
            alarm(
                    MAINLINE_BREAK,
                    AlarmSeverity.CRITICAL,
                    false,
                    "no flow with every valve shut and the supply open again");
        }
    }

    private void zone(int zone, boolean settled, boolean alone, Double flow) {
        String high = HIGH_FLOW + ".zone" + zone;
        String low = LOW_FLOW + ".zone" + zone;
        if (!settled || flow == null) {
            if (!settled) {
                alarm(high, AlarmSeverity.MAJOR, false, "zone " + zone + " is shut");
                alarm(low, AlarmSeverity.MAJOR, false, "zone " + zone + " is shut");
            }
            return;
        }
        Double expected = options.expectedFlow(zone, learned);
        if (expected == null) {
            alarm(
                    low,
                    AlarmSeverity.MAJOR,
                    flow <= options.noFlow(),
                    flow <= options.noFlow()
                            ? "zone " + zone + " is open but nothing flows (" + lpm(flow) + ")"
                            : "zone " + zone + " flows " + lpm(flow));
        } else {
            double highLimit = expected * options.highFlowFactor();
            double lowLimit = Math.max(expected * options.lowFlowFactor(), options.noFlow());
            alarm(
                    high,
                    AlarmSeverity.MAJOR,
                    flow > highLimit,
                    flow > highLimit
                            ? "zone " + zone + " draws " + lpm(flow) + ", above " + lpm(highLimit) + " (expected "
                                    + lpm(expected) + "): broken pipe or sprinkler head suspected"
                            : "zone " + zone + " draws " + lpm(flow) + " again");
            alarm(
                    low,
                    AlarmSeverity.MAJOR,
                    flow < lowLimit,
                    flow < lowLimit
                            ? "zone " + zone + " draws " + lpm(flow) + ", below " + lpm(lowLimit) + " (expected "
                                    + lpm(expected) + "): valve not opening, clogged or low pressure"
                            : "zone " + zone + " draws " + lpm(flow) + " again");
        }
        boolean normal = !active.contains(high) && !active.contains(low) && flow > options.noFlow();
        if (alone && normal && !options.zoneFlows().containsKey(zone)) {
            // learn only from a zone running alone and in its normal range
            learned.merge(zone, flow, (old, now) -> 0.8 * old + 0.2 * now);
        }
    }

    private void alarm(String type, AlarmSeverity severity, boolean raise, String message) {
        if (raise ? active.add(type) : active.remove(type)) {
            callback.alarm(type, severity, raise, message);
        }
    }

    /** The flow learned for a zone so far, l/min. */
    Double learnedFlow(int zone) {
        return learned.get(zone);
    }

    static String lpm(double litresPerMinute) {
        return String.format(Locale.ROOT, "%.1f l/min", litresPerMinute);
    }
}
