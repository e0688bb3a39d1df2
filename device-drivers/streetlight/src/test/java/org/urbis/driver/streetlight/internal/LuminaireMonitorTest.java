package org.urbis.driver.streetlight.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.testkit.RecordingCallback;
import org.urbis.testkit.RecordingCallback.HealthReport;

/** The luminaire rules on their own: no broker, no node, the conditions handed in directly. */
class LuminaireMonitorTest {

    /** 22:00 in Phan Thiet: a lit lamp is no day-burner. */
    private static final Clock NIGHT = Clock.fixed(Instant.parse("2026-12-01T15:00:00Z"), ZoneOffset.UTC);

    private final RecordingCallback callback = new RecordingCallback();
    private final DriverSettings settings = DriverSettings.defaults("tcp://127.0.0.1:1");
    private final LuminaireMonitor monitor = new LuminaireMonitor(
            Luminaires.device("SL-M-1", "test/luminaires/SL-M-1"),
            callback,
            settings,
            new Daylight(settings.dayBurnerMargin()),
            NIGHT);

    @Test
    void aSilentNodeIsOfflineUntilAnyMessageAndTheAlarmFollows() {
        monitor.tick(System.nanoTime() + settings.silentAfter().toNanos() + 1_000_000_000L);
        assertTrue(callback.alarmActive(LuminaireMonitor.ALARM_SILENT));
        assertEquals(HealthDetail.SILENT, last().detail());
        assertFalse(monitor.statusUsable(), "a silent node's last status does not answer a read");

        monitor.acknowledged();
        assertFalse(callback.alarmActive(LuminaireMonitor.ALARM_SILENT), "an acknowledgement proves the node alive");
        assertEquals(HealthStatus.ONLINE, last().status());
        assertTrue(monitor.statusUsable());
    }

    @Test
    void aLitLampDrawingTooLittleHasFailedUntilItDrawsPowerAgain() {
        monitor.status(Map.of("relay", true, "dim", 70.0, "power", 0.5));
        assertTrue(callback.alarmActive(LuminaireMonitor.ALARM_LAMP));
        assertEquals(HealthDetail.LAMP_FAILURE, last().detail());
        assertEquals("lamp failed (lamp ?, 0.5 W at dim 70.0 %)", last().message());

        monitor.status(Map.of("relay", true, "dim", 70.0, "power", 42.0, "lamp", "OK"));
        assertFalse(callback.alarmActive(LuminaireMonitor.ALARM_LAMP));
        assertEquals(HealthStatus.ONLINE, last().status());
        assertEquals(
                List.of(), callback.transitions(LuminaireMonitor.ALARM_DAY_BURNER), "lit at night is no day-burner");
    }

    @Test
    void anUnreadableStatusDegradesTheNodeUntilAReadableOneArrives() {
        monitor.unreadable("not JSON");
        assertEquals(HealthStatus.DEGRADED, last().status());
        assertEquals(HealthDetail.COMMUNICATION_ERROR, last().detail());
        assertFalse(monitor.statusUsable());

        monitor.status(Map.of("relay", false, "dim", 0.0));
        assertEquals(HealthStatus.ONLINE, last().status());
        assertTrue(monitor.statusUsable());
    }

    private HealthReport last() {
        List<HealthReport> all = callback.health();
        return all.get(all.size() - 1);
    }
}
