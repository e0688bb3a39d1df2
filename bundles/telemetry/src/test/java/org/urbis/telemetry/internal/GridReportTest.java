package org.urbis.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urbis.api.grid.FeederOutlook;
import org.urbis.api.grid.FeederStatus;
import org.urbis.telemetry.internal.record.TelemetryRecord;
import org.urbis.testing.FakeFeeders;

class GridReportTest {

    private final FakeFeeders feeders = new FakeFeeders();

    private void forecast(Instant issued) {
        feeders.outlooks.put("PT-F1", new FeederOutlook("PT-F1", issued, issued, 15, List.of(10.0, 12.0, 14.0, 16.0, 30.0),
                List.of(20.0, 20.0, 22.0, 22.0, 0.0), 23, 96, 1.5, 12.0, 0.7, null));
    }

    @Test
    void eachNewForecastIsReportedOnceAsTheFeedersValuesAfterItsBirth() {
        feeders.feeders.add(new FeederStatus("PT-F1", "GM-PT-F1-TX", 15, 8, 1, "advise", "automatic"));
        Instant issued = Instant.parse("2026-12-01T05:00:00Z");
        forecast(issued);
        GridReport report = new GridReport();
        List<TelemetryRecord> first = report.records(feeders);
        assertEquals(TelemetryRecord.Kind.BIRTH, first.get(0).kind());
        assertEquals("feeder-PT-F1", first.get(0).deviceId());
        assertTrue(first.stream().anyMatch(r -> "forecastNetNextHour".equals(r.name()) && ((Double) r.value()) == 13.0 - 21.0), first.toString());
        assertTrue(first.stream().anyMatch(r -> "forecastMase".equals(r.name()) && ((Double) r.value()) == 0.7));
        assertEquals(Collections.emptyList(), report.records(feeders), "the same forecast is not reported twice");
        forecast(issued.plusSeconds(900));
        List<TelemetryRecord> next = report.records(feeders);
        assertEquals(6, next.size(), "a new forecast: six values, no second birth");
    }
}
