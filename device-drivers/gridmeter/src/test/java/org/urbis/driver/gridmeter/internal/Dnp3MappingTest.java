package org.urbis.driver.gridmeter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Point;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.dnp3.Crob;
import org.urbis.dnp3.Measurement;
import org.urbis.dnp3.PointType;
import org.urbis.dnp3.Quality;

/** DNP3 point addresses and options, values with the outstation's time, and flags as quality. */
class Dnp3MappingTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant AT_OUTSTATION = Instant.parse("2026-12-01T11:59:58.125Z");

    private static Point point(String address, DataType type, Map<String, String> options) {
        return Point.builder("p", type).address(address).options(options).build();
    }

    @Test
    void scalesCountersInDecimalAndTakesTheOutstationsTime() {
        Dnp3Mapping m = Dnp3Mapping.of(point("ctr:0", DataType.FLOAT, Map.of("scale", "0.001", "class", "3")));
        assertEquals(3, m.eventClass());
        Value v = m.value(
                point("ctr:0", DataType.FLOAT, Map.of()),
                new Measurement(PointType.COUNTER, 0, 12_345_678, Set.of(Quality.ONLINE), AT_OUTSTATION, true),
                RECEIVED);
        assertEquals(12_345.678, v.value());
        assertEquals(AT_OUTSTATION, v.timestamp());
        Value still = m.value(
                point("ctr:0", DataType.FLOAT, Map.of()),
                new Measurement(PointType.COUNTER, 0, 1, Set.of(Quality.ONLINE), null, false),
                RECEIVED);
        assertEquals(RECEIVED, still.timestamp(), "static data carries no time: the time of receipt");
        Value f = Dnp3Mapping.of(point("ai:0", DataType.FLOAT, Map.of()))
                .value(
                        point("ai:0", DataType.FLOAT, Map.of()),
                        new Measurement(PointType.ANALOG_INPUT, 0, (float) 228.3, Set.of(Quality.ONLINE), null, false),
                        RECEIVED);
        assertEquals(228.3, f.value(), "a float32 keeps its digits");
    }

    @Test
    void flagsBecomeQualityWithAReason() {
        Point p = point("ai:0", DataType.FLOAT, Map.of());
        Dnp3Mapping m = Dnp3Mapping.of(p);
        Value lost = m.value(
                p,
                new Measurement(PointType.ANALOG_INPUT, 0, 1, Set.of(Quality.ONLINE, Quality.COMM_LOST), null, false),
                RECEIVED);
        assertEquals(org.urbis.api.value.Quality.BAD, lost.quality());
        assertEquals(QualityReason.COMM_ERROR, lost.reason());
        assertTrue(lost.detail().startsWith("COMM_LOST"), lost.detail());
        Value restart = m.value(
                p,
                new Measurement(PointType.ANALOG_INPUT, 0, 1, Set.of(Quality.ONLINE, Quality.RESTART), null, false),
                RECEIVED);
        assertEquals(org.urbis.api.value.Quality.UNCERTAIN, restart.quality());
        assertTrue(restart.detail().startsWith("RESTART"), restart.detail());
        Value offline = m.value(p, new Measurement(PointType.ANALOG_INPUT, 0, 1, Set.of(), null, false), RECEIVED);
        assertEquals(QualityReason.DEVICE_ERROR, offline.reason());
        Value over = m.value(
                p,
                new Measurement(PointType.ANALOG_INPUT, 0, 1, Set.of(Quality.ONLINE, Quality.OVER_RANGE), null, false),
                RECEIVED);
        assertEquals(QualityReason.OUT_OF_RANGE, over.reason());
    }

    @Test
    void crobCodesAndAnalogOutputsFollowTheOptions() {
        Point breaker = Point.builder("b", DataType.BOOLEAN)
                .access(Access.READ_WRITE)
                .address("bo:3")
                .options(Map.of("crob", "tripClose", "onMillis", "500"))
                .build();
        Crob close = Dnp3Mapping.of(breaker).crob(true);
        assertEquals(Crob.TripClose.CLOSE, close.tripClose());
        assertEquals(500, close.onTimeMs());
        assertEquals(Crob.TripClose.TRIP, Dnp3Mapping.of(breaker).crob(false).tripClose());
        Point relay = Point.builder("r", DataType.BOOLEAN)
                .access(Access.READ_WRITE)
                .address("bo:1")
                .options(Map.of("crob", "pulse", "onMillis", "200", "offMillis", "300"))
                .build();
        assertEquals(Crob.pulseOn(200, 300), Dnp3Mapping.of(relay).crob(true));
        assertEquals(
                Crob.latchOff(),
                Dnp3Mapping.of(point("bo:0", DataType.BOOLEAN, Map.of())).crob(false));
        Point setpoint = Point.builder("s", DataType.FLOAT)
                .access(Access.READ_WRITE)
                .address("ao:2")
                .options(Map.of("scale", "0.1", "aoType", "int16"))
                .build();
        assertEquals(495.0, Dnp3Mapping.of(setpoint).analogOutput(49.5).value(), "engineering 49.5 at 0.1 per count");
    }

    @Test
    void anOutputReadsTheInputThatReportsItsState() {
        Point breaker = Point.builder("breaker", DataType.BOOLEAN)
                .access(Access.READ_WRITE)
                .address("bo:0")
                .options(Map.of("status", "dbi:4"))
                .build();
        Dnp3Mapping m = Dnp3Mapping.of(breaker);
        assertEquals(new Dnp3Mapping.Source(PointType.DOUBLE_BIT_BINARY_INPUT, 4), m.status());
        assertEquals(Crob.latchOff(), m.crob(false), "commanded on the output");
        assertEquals(
                true,
                m.value(
                                breaker,
                                new Measurement(
                                        PointType.DOUBLE_BIT_BINARY_INPUT, 4, 2, Set.of(Quality.ONLINE), null, true),
                                RECEIVED)
                        .value(),
                "determined ON: closed");
        assertEquals(
                false,
                m.value(
                                breaker,
                                new Measurement(
                                        PointType.DOUBLE_BIT_BINARY_INPUT, 4, 1, Set.of(Quality.ONLINE), null, true),
                                RECEIVED)
                        .value(),
                "determined OFF: open");
        assertEquals(
                org.urbis.api.value.Quality.UNCERTAIN,
                m.value(
                                breaker,
                                new Measurement(
                                        PointType.DOUBLE_BIT_BINARY_INPUT, 4, 0, Set.of(Quality.ONLINE), null, true),
                                RECEIVED)
                        .quality(),
                "in transit");
        assertEquals(
                new Dnp3Mapping.Source(PointType.BINARY_OUTPUT_STATUS, 0),
                Dnp3Mapping.of(point("bo:0", DataType.BOOLEAN, Map.of())).status(),
                "without the option: the output status");
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> Dnp3Mapping.of(point("bo:0", DataType.BOOLEAN, Map.of("status", "ai:1"))))
                .getMessage()
                .contains("bi:N or dbi:N, not 'ai:1'"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> Dnp3Mapping.of(point("bi:0", DataType.BOOLEAN, Map.of("status", "bi:1"))))
                .getMessage()
                .contains("for bo points only"));
    }

    @Test
    void badAddressesAndOptionsAreRefusedWithReasons() {
        assertThrows(IllegalArgumentException.class, () -> Dnp3Mapping.of(point("xx:1", DataType.FLOAT, Map.of())));
        assertTrue(assertThrows(
                        IllegalArgumentException.class, () -> Dnp3Mapping.of(point("ai:0", DataType.BOOLEAN, Map.of())))
                .getMessage()
                .contains("holds a number"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> Dnp3Mapping.of(Point.builder("x", DataType.FLOAT)
                                .access(Access.READ_WRITE)
                                .address("ai:0")
                                .build()))
                .getMessage()
                .contains("read-only"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> Dnp3Mapping.of(point("bo:0", DataType.BOOLEAN, Map.of("crob", "toggle"))))
                .getMessage()
                .contains("crob is latch, pulse or tripClose"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> Dnp3Mapping.of(point("ai:0", DataType.FLOAT, Map.of("class", "4"))))
                .getMessage()
                .contains("event class is 0-3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Dnp3Endpoint.parse("dnp3://h:20000"))
                .getMessage()
                .contains("names no outstation"));
        assertEquals(
                new Dnp3Endpoint(true, "0.0.0.0", 20010, 11, 1),
                Dnp3Endpoint.parse("dnp3-listen://0.0.0.0:20010?outstation=11"));
    }
}
