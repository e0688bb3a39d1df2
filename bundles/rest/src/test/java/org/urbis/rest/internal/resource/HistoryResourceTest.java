package org.urbis.rest.internal.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.urbis.api.history.HistoryStatus;
import org.urbis.api.history.Sample;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.ServiceSlot;

/** The history answer: raw or bucketed values, the health and alarms in force at its start, CSV, and clear refusals. */
class HistoryResourceTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Device LAMP = new Device(
            "SL-1",
            DeviceClass.STREETLIGHT,
            "streetlight",
            "node/1",
            null,
            null,
            List.of(Point.builder("power", DataType.FLOAT).unit("W").build()),
            null,
            null);
    private static final DeviceHealth OFFLINE = new DeviceHealth(
            "SL-1", HealthStatus.OFFLINE, HealthDetail.TIMEOUT, "silent", T0.minusSeconds(60), null, 1, 1);
    private static final DeviceHealth ONLINE = new DeviceHealth(
            "SL-1", HealthStatus.ONLINE, HealthDetail.NONE, "", T0.plusSeconds(60), T0.plusSeconds(60), 1, 0);
    private static final Alarm RAISED = new Alarm(
            "SL-1",
            "LAMP_FAILURE",
            AlarmSeverity.MAJOR,
            AlarmState.RAISED,
            "out",
            T0.minusSeconds(30),
            T0.minusSeconds(30),
            "");
    private static final Alarm CLEARED_BEFORE = new Alarm(
            "SL-1",
            "DAY_BURNER",
            AlarmSeverity.WARNING,
            AlarmState.CLEARED,
            "",
            T0.minusSeconds(500),
            T0.minusSeconds(100),
            "");

    private final List<Sample> samples = new ArrayList<>(List.of(
            new Sample(T0.plusSeconds(10), 98.5, Quality.GOOD, QualityReason.NONE),
            new Sample(T0.plusSeconds(20), null, Quality.BAD, QualityReason.TIMEOUT)));

    private final History history = new History() {
        @Override
        public List<Sample> values(String deviceId, String point, Instant from, Instant to, int limit) {
            return samples.stream().limit(limit).toList();
        }

        @Override
        public List<Bucket> downsampled(String deviceId, String point, Instant from, Instant to, Duration step) {
            if (Duration.between(from, to).dividedBy(step) > MAX_BUCKETS) {
                throw new IllegalArgumentException("too many buckets");
            }
            return List.of(new Bucket(from, 2, 1, 98.5, 98.5, 98.5, 98.5, 98.5, 900_000));
        }

        @Override
        public List<DeviceHealth> health(String deviceId, Instant from, Instant to) {
            return List.of(OFFLINE, ONLINE);
        }

        @Override
        public List<Alarm> alarms(String deviceId, Instant from, Instant to) {
            return List.of(CLEARED_BEFORE, RAISED);
        }

        @Override
        public HistoryStatus status() {
            throw new UnsupportedOperationException();
        }
    };

    /** The registry as the resource uses it: one device's snapshot. */
    private final DeviceRegistry registry = (DeviceRegistry) Proxy.newProxyInstance(
            DeviceRegistry.class.getClassLoader(), new Class<?>[] {DeviceRegistry.class}, (proxy, method, args) -> {
                if (!method.getName().equals("snapshot")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                return LAMP.id().equals(args[0])
                        ? Optional.of(new DeviceSnapshot(LAMP, ONLINE, Map.of()))
                        : Optional.empty();
            });

    private HistoryResource resource() {
        ServiceSlot<History> slot = new ServiceSlot<>("history");
        slot.set(history);
        return new HistoryResource(registry, slot);
    }

    @Test
    void rawValuesComeWithTheHealthAndAlarmsInForceAtTheStart() {
        HistoryResource.HistoryView v = resource()
                .view("SL-1", "power", T0.toString(), T0.plusSeconds(3600).toString(), null);
        assertEquals("W", v.unit());
        assertNull(v.buckets());
        assertEquals(
                List.of(
                        new HistoryResource.SampleView(T0.plusSeconds(10).toString(), 98.5, "GOOD", "NONE"),
                        new HistoryResource.SampleView(T0.plusSeconds(20).toString(), null, "BAD", "TIMEOUT")),
                v.values());
        assertEquals(
                List.of("OFFLINE", "ONLINE"),
                v.health().stream().map(h -> h.status()).toList());
        assertEquals(
                List.of("LAMP_FAILURE"),
                v.alarms().stream().map(a -> a.type()).toList(),
                "the cleared alarm is not in force");
        assertEquals(
                "time,value,quality,reason\r\n" + T0.plusSeconds(10) + ",98.5,GOOD,NONE\r\n" + T0.plusSeconds(20)
                        + ",,BAD,TIMEOUT\r\n",
                HistoryResource.csv(v));
    }

    @Test
    void aStepGivesBuckets() {
        HistoryResource.HistoryView v = resource()
                .view("SL-1", "power", T0.toString(), T0.plusSeconds(3600).toString(), "PT15M");
        assertEquals("PT15M", v.step());
        assertNull(v.values());
        assertEquals(1, v.buckets().size());
        assertEquals(
                "start,count,min,max,mean,last,first,heldMillis\r\n" + T0 + ",2,98.5,98.5,98.5,98.5,98.5,900000\r\n",
                HistoryResource.csv(v));
    }

    @Test
    void badRequestsSayWhatWasWrong() {
        HistoryResource r = resource();
        assertEquals(
                404,
                assertThrows(ProblemException.class, () -> r.view("SL-9", "power", null, null, null))
                        .problem()
                        .status());
        ProblemException point = assertThrows(ProblemException.class, () -> r.view("SL-1", "dim", null, null, null));
        assertTrue(point.problem().detail().contains("power"), point.problem().detail());
        assertTrue(assertThrows(ProblemException.class, () -> r.view("SL-1", "power", "yesterday", null, null))
                .problem()
                .detail()
                .contains("ISO-8601"));
        assertTrue(assertThrows(ProblemException.class, () -> r.view("SL-1", "power", null, null, "-PT1M"))
                .problem()
                .detail()
                .contains("positive"));
        assertEquals(
                400,
                assertThrows(ProblemException.class, () -> r.view("SL-1", "power", null, null, "PT0.001S"))
                        .problem()
                        .status());
        assertThrows(ProblemException.class, () -> r.view("SL-1", "power", T0.toString(), T0.toString(), null));
    }

    @Test
    void tooManyRawValuesAskForAStep() {
        for (int i = 0; i <= HistoryResource.MAX_VALUES; i++) {
            samples.add(new Sample(T0.plusSeconds(100 + i), 1.0, Quality.GOOD, QualityReason.NONE));
        }
        ProblemException e =
                assertThrows(ProblemException.class, () -> resource().view("SL-1", "power", null, null, null));
        assertTrue(e.problem().detail().contains("step"), e.problem().detail());
    }

    @Test
    void withoutHistoryInstalledTheAnswerIs503() {
        HistoryResource r = new HistoryResource(registry, new ServiceSlot<>("history (urbis-history)"));
        assertEquals(
                503,
                assertThrows(ProblemException.class, () -> r.view("SL-1", "power", null, null, null))
                        .problem()
                        .status());
    }
}
