package org.urbis.grid.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.grid.FeederOutlook;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.testing.Await;
import org.urbis.testing.Configs;
import org.urbis.testing.FakeEventStream;
import org.urbis.testing.FakeRegistry;

/** The component as the runtime starts it: feeder files read and refused with an alarm, forecasts offered, also to the telemetry. */
class GridServiceTest {

    @TempDir
    Path dir;

    private final List<String> alarms = new CopyOnWriteArrayList<>();

    private final FakeEventStream events = new FakeEventStream();

    private GridConfig config(int controllerPeriodSeconds) {
        return Configs.of(
                GridConfig.class,
                Map.of("feeders_directory", dir.toString(), "controller_periodSeconds", controllerPeriodSeconds));
    }

    @Test
    void readsTheFeederFilesRaisesAnAlarmForARefusedOneAndOffersTheForecast() throws Exception {
        Files.writeString(
                dir.resolve("pt-f1.feeder.json"),
                "{\"feeder\": \"PT-F1\", \"transformerMeter\": \"GM-PT-F1-TX\", "
                        + "\"importLimitKw\": 15, \"exportLimitKw\": 8, \"exportController\": \"automatic\"}");
        Files.writeString(dir.resolve("bad.feeder.json"), "{\"feeder\": \"PT-F2\"}");
        PlatformAlarms recorder = new PlatformAlarms() {
            @Override
            public void raise(String source, String type, AlarmSeverity severity, String message) {
                alarms.add(source + " " + type + " " + message);
            }

            @Override
            public void clear(String source, String type, String message) {
                alarms.add("cleared " + source + " " + type);
            }
        };
        GridService service = new GridService(
                new FakeRegistry(),
                c -> CompletableFuture.completedFuture(null),
                events,
                () -> ZoneId.of("Asia/Ho_Chi_Minh"),
                recorder,
                config(3600),
                null);
        try {
            assertEquals(1, service.feeders().size());
            assertEquals("automatic", service.feeders().get(0).exportMode());
            assertEquals(1, service.problems().size());
            assertTrue(
                    alarms.get(0).startsWith("grid FEEDER_REFUSED feeder file bad.feeder.json refused: "),
                    alarms.toString());
            Await.until(
                    "the first forecast",
                    Duration.ofSeconds(60),
                    () -> service.outlook("PT-F1").isPresent(),
                    alarms::toString);
            FeederOutlook o = service.outlook("PT-F1").orElseThrow();
            assertEquals(192, o.loadKw().size());
            assertEquals(15, o.stepMinutes());
            assertEquals(0, o.accuracySlots(), "no history, no accuracy yet");
            assertTrue(o.basis().startsWith("no history store installed"), o.basis());
            assertTrue(service.actions("PT-F1", 10).isEmpty());
            assertEquals(
                    List.of("feeder:PT-F1"),
                    service.snapshots().stream().map(s -> s.device().id()).toList(),
                    "the feeder offered to the telemetry");
        } finally {
            service.deactivate();
        }
    }

    @Test
    void aFeederFileAddedToAnEmptyFolderIsForecastAtOnce() throws Exception {
        GridService service = new GridService(
                new FakeRegistry(),
                c -> CompletableFuture.completedFuture(null),
                events,
                () -> ZoneId.of("Asia/Ho_Chi_Minh"),
                null,
                config(1),
                null);
        try {
            assertTrue(service.feeders().isEmpty());
            Files.writeString(
                    dir.resolve("pt-f2.feeder.json"),
                    "{\"feeder\": \"PT-F2\", \"transformerMeter\": \"GM-PT-F2-TX\", "
                            + "\"importLimitKw\": 15, \"exportLimitKw\": 8}");
            // the folder is read again each controller period (1 s here), not only at the quarter hour
            Await.until(
                    "PT-F2 forecast",
                    Duration.ofSeconds(60),
                    () -> service.outlook("PT-F2").isPresent(),
                    () -> service.feeders().toString());
        } finally {
            service.deactivate();
        }
    }

    @Test
    void aShortHistoryIsSaidInTheForecastsBasis() {
        double[] load = new double[8 * 7 * 96];
        java.util.Arrays.fill(load, Double.NaN);
        assertTrue(FeederForecasts.basis(true, load, Double.NaN, false).startsWith("no load in the history yet"));
        java.util.Arrays.fill(load, load.length - 8, load.length, 5.0);
        String twoHours = FeederForecasts.basis(true, load, Double.NaN, false);
        assertTrue(twoHours.startsWith("2.0 h of load history"), twoHours);
        assertTrue(twoHours.contains("PV from the clear sky at a typical clearness of 75 %"), twoHours);
        assertEquals(
                "",
                FeederForecasts.basis(true, load, Double.NaN, true).replaceAll("^2\\.0 h.*", ""),
                "no inverters, no PV note");
        java.util.Arrays.fill(load, 5.0);
        assertEquals("", FeederForecasts.basis(true, load, 0.8, false), "the whole method: nothing to say");
    }
}
