package org.urbis.driver.water.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

class WaterInterlockTest {

    private static final Instant T = Instant.parse("2026-11-22T02:00:00Z");
    private final WaterInterlock interlock = new WaterInterlock();

    private final Point setpoint = Point.builder("setpoint", DataType.FLOAT)
            .access(Access.READ_WRITE)
            .address("hr:0")
            .build();
    private final Point travel = Point.builder("travelTime", DataType.INTEGER)
            .access(Access.READ_WRITE)
            .address("hr:1")
            .build();
    private final Point open = Point.builder("open", DataType.BOOLEAN)
            .access(Access.READ_WRITE)
            .address("co:0")
            .build();
    private final Point position =
            Point.builder("position", DataType.FLOAT).address("ir:0").build();
    private final Point local =
            Point.builder("local", DataType.BOOLEAN).address("di:0").build();

    private Device valve(Map<String, String> options) {
        return new Device(
                "WV-PT-01",
                DeviceClass.WATER,
                "water",
                "tcp://127.0.0.1:5020/unit=1",
                null,
                null,
                List.of(setpoint, travel, open, position, local),
                null,
                options);
    }

    private DeviceSnapshot snapshot(Device d, Object... values) {
        Map<String, Value> m = new HashMap<>();
        for (int i = 0; i < values.length; i += 2) {
            String name = (String) values[i];
            m.put(
                    name,
                    values[i + 1] == null
                            ? Value.bad(name, QualityReason.COMM_ERROR, "unreachable", T)
                            : Value.good(name, values[i + 1], T));
        }
        return new DeviceSnapshot(d, new DeviceHealth(d.id(), HealthStatus.ONLINE, null, null, T, T, 0, 0), m);
    }

    @Test
    void aValveInLocalRefusesRemoteCommands() {
        Device d = valve(Map.of());
        Optional<String> r = interlock.check(d, setpoint, 40.0, snapshot(d, "local", true, "position", 50.0));
        assertEquals(Optional.of("WV-PT-01 is under LOCAL control and refuses remote commands"), r);
        assertTrue(interlock
                .check(d, setpoint, 40.0, snapshot(d, "local", null))
                .orElseThrow()
                .contains("not known"));
        assertTrue(interlock.check(d, setpoint, 40.0, snapshot(d)).isPresent(), "never read: refused");
        assertEquals(
                Optional.empty(), interlock.check(d, setpoint, 40.0, snapshot(d, "local", false, "position", 50.0)));
    }

    @Test
    void aCloseFasterThanTheMinimumTravelTimeIsRefused() {
        Device d = valve(Map.of("minTravelSeconds", "30"));
        Optional<String> fast =
                interlock.check(d, setpoint, 10.0, snapshot(d, "local", false, "position", 50.0, "travelTime", 20L));
        assertEquals(
                Optional.of("WV-PT-01 would close at a full-stroke time of 20 s, faster than its minimum travel time "
                        + "30 s (water hammer)"),
                fast);
        assertTrue(interlock
                .check(d, open, false, snapshot(d, "local", false, "travelTime", 20L))
                .isPresent());
        // opening is not a surge risk; closing slowly enough is fine
        assertEquals(
                Optional.empty(),
                interlock.check(d, setpoint, 80.0, snapshot(d, "local", false, "position", 50.0, "travelTime", 20L)));
        assertEquals(
                Optional.empty(),
                interlock.check(d, setpoint, 10.0, snapshot(d, "local", false, "position", 50.0, "travelTime", 45L)));
        // the stroke time itself may not be set below the minimum
        assertTrue(interlock
                .check(d, travel, 10L, snapshot(d, "local", false))
                .orElseThrow()
                .contains("shorter than"));
        assertEquals(Optional.empty(), interlock.check(d, travel, 30L, snapshot(d, "local", false)));
        // unknown stroke time: the option is the fallback, else refused
        assertTrue(interlock
                .check(d, setpoint, 10.0, snapshot(d, "local", false, "position", 50.0))
                .isPresent());
        Device withOption = valve(Map.of("minTravelSeconds", "30", "strokeSeconds", "60"));
        assertEquals(
                Optional.empty(),
                interlock.check(withOption, setpoint, 10.0, snapshot(withOption, "local", false, "position", 50.0)));
    }
}
