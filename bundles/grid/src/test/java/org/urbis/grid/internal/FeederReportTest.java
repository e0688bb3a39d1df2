package org.urbis.grid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.urbis.api.event.DeviceChanged;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.grid.internal.feeder.Feeder;
import org.urbis.grid.internal.feeder.FeederFormat;
import org.urbis.grid.internal.forecast.Accuracy;
import org.urbis.grid.internal.forecast.Series;

/** The feeders offered to the telemetry: a thing per feeder, its next hour's forecast and accuracy once per forecast. */
class FeederReportTest {

    private final Feeder feeder = FeederFormat.parse(
            "pt-f1.feeder.json",
            "{\"feeder\": \"PT-F1\", \"transformerMeter\": "
                    + "\"GM-PT-F1-TX\", \"importLimitKw\": 15, \"exportLimitKw\": 8}");
    private final List<DeviceEvent> heard = new CopyOnWriteArrayList<>();

    private static FeederForecast forecast(Instant issued, Accuracy accuracy) {
        return new FeederForecast(
                "PT-F1",
                issued,
                new Series(issued, new double[] {10, 12, 14, 16, 30}),
                new Series(issued, new double[] {20, 20, 22, 22, 0}),
                23,
                accuracy,
                "");
    }

    private double value(String point) {
        return heard.stream()
                .filter(e -> e instanceof ValueChanged v && v.value().point().equals(point))
                .map(e -> ((Number) ((ValueChanged) e).value().value()).doubleValue())
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void eachNewForecastIsReportedOnceAsTheFeedersValuesAfterItAppears() throws Exception {
        FeederReport report = new FeederReport();
        AutoCloseable listening = report.listen(heard::addAll);
        Instant issued = Instant.parse("2026-12-01T05:00:00Z");
        report.update(List.of(feeder), Map.of(), issued);
        assertEquals(1, heard.size(), heard.toString());
        DeviceChanged added = (DeviceChanged) heard.get(0);
        assertEquals(DeviceChanged.Kind.ADDED, added.kind());
        assertEquals("feeder:PT-F1", added.deviceId());
        assertEquals("feeder", added.device().deviceClass().toString());
        assertEquals(6, added.device().points().size());

        report.update(
                List.of(feeder),
                Map.of("PT-F1", forecast(issued, new Accuracy(96, 1.5, 12.0, 0.7, Double.NaN))),
                issued);
        assertEquals(13.0 - 21.0, value("forecastNetNextHour"));
        assertEquals(0.7, value("forecastMase"));
        assertEquals(1 + 6, heard.size(), "six values, the naive MAE not being one of them");
        DeviceSnapshot s = report.snapshots().get(0);
        assertEquals(6, s.values().size());

        report.update(List.of(feeder), Map.of("PT-F1", forecast(issued, Accuracy.NONE)), issued);
        assertEquals(7, heard.size(), "the same forecast is not reported twice");

        report.update(
                List.of(feeder),
                Map.of("PT-F1", forecast(issued.plusSeconds(900), Accuracy.NONE)),
                issued.plusSeconds(900));
        assertEquals(7 + 3, heard.size(), "a fresh feeder's forecast: the forecast, no accuracy it cannot measure yet");

        report.update(List.of(), Map.of(), issued.plusSeconds(1800));
        DeviceEvent last = heard.get(heard.size() - 1);
        assertTrue(
                last instanceof DeviceChanged c
                        && c.kind() == DeviceChanged.Kind.REMOVED
                        && c.deviceId().equals("feeder:PT-F1"),
                last.toString());
        assertTrue(report.snapshots().isEmpty());
        listening.close();
    }
}
