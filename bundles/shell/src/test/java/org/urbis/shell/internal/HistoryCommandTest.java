package org.urbis.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.AlarmState;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.history.Bucket;
import org.urbis.api.history.History;
import org.urbis.api.history.Sample;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;

class HistoryCommandTest {

    private static final Instant T = Instant.parse("2026-12-01T11:00:05Z");
    private static final Device LAMP = new Device(
            "SL-PT-001",
            DeviceClass.STREETLIGHT,
            "streetlight",
            "node/1",
            null,
            null,
            List.of(Point.builder("dim", DataType.INTEGER).unit("%").build()),
            null,
            null);
    private static final DeviceHealth OFFLINE = new DeviceHealth(
            "SL-PT-001", HealthStatus.OFFLINE, HealthDetail.SILENT, "silent", T.plusSeconds(60), T, 1, 1);

    private static HistoryCommand command(String point) {
        HistoryCommand c = new HistoryCommand();
        c.device = "SL-PT-001";
        c.point = point;
        c.site = () -> ZoneId.of("Asia/Ho_Chi_Minh");
        c.registry = (DeviceRegistry) Proxy.newProxyInstance(
                DeviceRegistry.class.getClassLoader(), new Class<?>[] {DeviceRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("snapshot")) {
                        return Optional.of(new DeviceSnapshot(LAMP, OFFLINE, Map.of()));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        c.history = (History) Proxy.newProxyInstance(
                History.class.getClassLoader(),
                new Class<?>[] {History.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "values" ->
                        List.of(
                                new Sample(T, 70L, Quality.GOOD, QualityReason.NONE),
                                new Sample(T.plusSeconds(30), null, Quality.BAD, QualityReason.TIMEOUT));
                    case "downsampled" -> List.of(new Bucket(T, 2, 2, 40.0, 70.0, 55.0, 40.0));
                    case "health" -> List.of(OFFLINE);
                    case "alarms" ->
                        List.of(new Alarm(
                                "SL-PT-001",
                                "NODE_SILENT",
                                AlarmSeverity.MAJOR,
                                AlarmState.RAISED,
                                "no message",
                                T.plusSeconds(30),
                                T.plusSeconds(30),
                                ""));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return c;
    }

    private static String run(HistoryCommand command) throws Exception {
        return ConsoleOutput.of(command);
    }

    @Test
    void rawValuesThenTheChangesInTimeOrder() throws Exception {
        String shown = run(command("dim"));
        assertTrue(shown.contains("SL-PT-001 dim (%)"), shown);
        assertTrue(shown.contains("2026-12-01 18:00:05 +07:00") && shown.contains("70"), shown);
        assertTrue(shown.contains("BAD TIMEOUT"), shown);
        assertTrue(shown.indexOf("alarm NODE_SILENT RAISED") < shown.indexOf("health OFFLINE (SILENT)"), shown);
    }

    @Test
    void aStepSummarisesPerBucket() throws Exception {
        HistoryCommand c = command("dim");
        c.step = "PT15M";
        String shown = run(c);
        assertTrue(shown.contains("55.000"), shown);
    }

    @Test
    void mistakesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(command("power")))
                .getMessage()
                .contains("[dim]"));
        HistoryCommand c = command("dim");
        c.since = "yesterday";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run(c))
                .getMessage()
                .contains("--since"));
        HistoryCommand none = command("dim");
        none.history = null;
        assertEquals(
                "history is not installed (feature urbis-history)",
                assertThrows(IllegalStateException.class, () -> run(none)).getMessage());
    }
}
