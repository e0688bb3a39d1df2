package org.urbis.driver.irrigation.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.urbis.testkit.RecordingCallback;

/** The flow rules on their own: how open zones share the mainline, what a learned flow is, when the supply is shut. */
class FlowMonitorTest {

    private final RecordingCallback callback = new RecordingCallback();
    private final AtomicInteger shut = new AtomicInteger();

    private Map<Integer, Double> observe(FlowMonitor m, Double flow, Boolean supply, boolean... open) throws Exception {
        TreeMap<Integer, Boolean> valves = new TreeMap<>();
        for (int i = 0; i < open.length; i++) {
            valves.put(i + 1, open[i]);
        }
        return m.observe(new FlowMonitor.Observation(valves, flow, supply, List.of()), shut::incrementAndGet);
    }

    @Test
    void openZonesShareTheMainlineAsTheirExpectedFlowsDo() throws Exception {
        FlowMonitor m = new FlowMonitor(IrrigationOptions.of(Map.of("zoneFlows", "10,30,20")), callback);
        Map<Integer, Double> flows = observe(m, 44.0, true, true, true, false);
        assertEquals(11.0, flows.get(1), 1e-9);
        assertEquals(33.0, flows.get(2), 1e-9);
        assertEquals(0.0, flows.get(3));
        // without expectations they share evenly
        FlowMonitor even = new FlowMonitor(IrrigationOptions.of(Map.of()), callback);
        assertEquals(22.0, observe(even, 44.0, true, true, true).get(2), 1e-9);
    }

    @Test
    void aZoneLearnsItsFlowRunningAloneAndAlarmsOnlyOnceSettled() throws Exception {
        FlowMonitor m = new FlowMonitor(IrrigationOptions.of(Map.of()), callback);
        observe(m, 0.0, true, true, false);
        assertTrue(callback.alarms().isEmpty(), "a zone just opened is not judged");
        observe(m, 0.0, true, true, false);
        assertTrue(callback.alarmActive("LOW_FLOW.zone1"), "settled and nothing flows");
        observe(m, 20.0, true, true, false);
        assertFalse(callback.alarmActive("LOW_FLOW.zone1"));
        observe(m, 20.0, true, true, false);
        assertEquals(20.0, m.learnedFlow(1), 1e-9);
        observe(m, 40.0, true, true, false);
        assertTrue(callback.alarmActive("HIGH_FLOW.zone1"));
        assertEquals(20.0, m.learnedFlow(1), 1e-9, "a flow out of range is not learned");
        assertEquals(0, shut.get(), "high flow in a running zone shuts nothing");
    }

    @Test
    void flowWithEveryValveShutShutsTheSupplyUntilItIsOpenAgainWithoutFlow() throws Exception {
        FlowMonitor m = new FlowMonitor(IrrigationOptions.of(Map.of()), callback);
        observe(m, 1.5, true, false, false);
        assertEquals(0, shut.get(), "below leakFlow");
        observe(m, 30.0, true, false, false);
        assertEquals(1, shut.get());
        assertTrue(callback.alarmActive(FlowMonitor.MAINLINE_BREAK));
        observe(m, 0.0, false, false, false);
        assertTrue(callback.alarmActive(FlowMonitor.MAINLINE_BREAK), "shut, the break is not repaired");
        observe(m, 30.0, true, false, false);
        assertEquals(2, shut.get(), "opened while it still leaks: shut again");
        observe(m, 0.0, true, false, false);
        assertFalse(callback.alarmActive(FlowMonitor.MAINLINE_BREAK));
        assertEquals(List.of(true, false), callback.transitions(FlowMonitor.MAINLINE_BREAK));
    }

    @Test
    void anImplausibleFlowIsASensorFaultAndDecidesNothing() throws Exception {
        FlowMonitor m = new FlowMonitor(IrrigationOptions.of(Map.of("flowMax", "500")), callback);
        observe(m, 9000.0, true, false, false);
        assertTrue(callback.alarmActive(FlowMonitor.SENSOR_FAULT));
        assertEquals(0, shut.get());
        observe(m, 0.0, true, false, false);
        assertFalse(callback.alarmActive(FlowMonitor.SENSOR_FAULT));
    }
}
