package org.urbis.driver.gridmeter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.value.Value;
import org.urbis.testkit.RecordingCallback;

/** 15-minute interval energy and demand from counter readings at times the test chooses. */
class IntervalEnergyTest {

    private static final ZoneId PHAN_THIET = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void intervalsFollowTheQuarterHoursWithBoundaryValuesInterpolated() {
        IntervalEnergy e = new IntervalEnergy(PHAN_THIET);
        Instant t0 = Instant.parse("2026-12-01T03:07:00Z");
        assertTrue(e.add(t0, 100).isEmpty(), "the first reading starts no interval");
        assertTrue(e.add(Instant.parse("2026-12-01T03:14:00Z"), 107).isEmpty());
        // 03:15 is crossed: that partial interval (from 03:07) is not reported
        assertTrue(e.add(Instant.parse("2026-12-01T03:16:00Z"), 109).isEmpty());
        // a reading at 03:30 completes 03:15-03:30: 108 at 03:15 (interpolated between 03:14 and 03:16), 124 at 03:30
        IntervalEnergy.Interval i =
                e.add(Instant.parse("2026-12-01T03:30:00Z"), 124).orElseThrow();
        assertEquals(Instant.parse("2026-12-01T03:15:00Z"), i.start());
        assertEquals(Instant.parse("2026-12-01T03:30:00Z"), i.end());
        assertEquals(16.0, i.kwh(), 1e-9);
        assertEquals(64.0, i.demandKw(), 1e-9, "16 kWh in a quarter hour is 64 kW on average");
    }

    @Test
    void quarterHoursAreThoseOfTheSiteClock() {
        // Nepal is UTC+05:45: its quarter hours fall on whole UTC hours, not on UTC quarter hours
        IntervalEnergy kathmandu = new IntervalEnergy(ZoneId.of("Asia/Kathmandu"));
        assertEquals(
                Instant.parse("2026-12-01T03:00:00Z"), kathmandu.quarterStart(Instant.parse("2026-12-01T03:14:59Z")));
        IntervalEnergy india = new IntervalEnergy(ZoneId.of("Asia/Kolkata"));
        assertEquals(Instant.parse("2026-12-01T03:00:00Z"), india.quarterStart(Instant.parse("2026-12-01T03:14:59Z")));
        assertEquals(Instant.parse("2026-12-01T03:15:00Z"), india.quarterStart(Instant.parse("2026-12-01T03:15:00Z")));
    }

    @Test
    void aCounterResetOrAGapReportsNoInterval() {
        IntervalEnergy e = new IntervalEnergy(PHAN_THIET);
        e.add(Instant.parse("2026-12-01T03:00:00Z"), 100);
        e.add(Instant.parse("2026-12-01T03:10:00Z"), 5); // replaced meter
        assertTrue(e.add(Instant.parse("2026-12-01T03:20:00Z"), 10).isEmpty());
        // no reading between 03:20 and 04:05: the intervals in between are unknown
        assertTrue(e.add(Instant.parse("2026-12-01T04:05:00Z"), 60).isEmpty());
        assertTrue(e.add(Instant.parse("2026-12-01T04:15:00Z"), 70).isPresent());
    }

    @Test
    void theMonitorReportsIntervalImportExportAndDemandAtTheIntervalsEnd() {
        Device d = Meters.dnp3("GM-U-01", "dnp3", "127.0.0.1:20000", 10, Meters.feeder());
        assertEquals(DeviceClass.GRID_METER, d.deviceClass());
        GridMonitor m = new GridMonitor(d, GridOptions.of(Map.of()), new RecordingCallback(), PHAN_THIET);
        List<Value> derived = new ArrayList<>();
        String[] times = {"2026-12-01T03:00:00Z", "2026-12-01T03:07:30Z", "2026-12-01T03:15:00Z"};
        double[] imports = {1000, 1005, 1010};
        double[] exports = {50, 50.5, 51};
        for (int k = 0; k < times.length; k++) {
            Instant t = Instant.parse(times[k]);
            derived.addAll(m.observe(
                    List.of(Value.good("energyImport", imports[k], t), Value.good("energyExport", exports[k], t))));
        }
        Map<String, Object> byPoint = new java.util.HashMap<>();
        derived.forEach(v -> byPoint.put(v.point(), v.value()));
        assertEquals(Map.of("intervalImport", 10.0, "demand", 40.0, "intervalExport", 1.0), byPoint);
        assertTrue(derived.stream().allMatch(v -> v.timestamp().equals(Instant.parse("2026-12-01T03:15:00Z"))));
    }
}
