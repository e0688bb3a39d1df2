package org.urbis.rest.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.rest.internal.ProblemException;

class EventFilterTest {

    private static final Device LAMP = new Device(
            "SL-1",
            DeviceClass.STREETLIGHT,
            "streetlight",
            "node/1",
            null,
            Map.of("cabinet", "CAB-1", "zone", "Z1"),
            null,
            null,
            null);

    private static LiveEvent event(String type, String deviceId, Device device) {
        return new LiveEvent(1, type, deviceId, device, "{}", Instant.EPOCH);
    }

    @Test
    void anEmptyFilterTakesEverything() {
        EventFilter all = EventFilter.parse(null, "", " ", null);
        assertTrue(all.matches(event("value", "SL-1", LAMP)));
        assertTrue(all.matches(event("command", null, null)));
    }

    @Test
    void typesDeviceGroupAndClassNarrowItDown() {
        assertTrue(EventFilter.parse("health, command", null, null, null).matches(event("command", "SL-1", LAMP)));
        assertFalse(EventFilter.parse("health,command", null, null, null).matches(event("value", "SL-1", LAMP)));
        assertTrue(EventFilter.parse(null, "SL-1", null, null).matches(event("value", "SL-1", LAMP)));
        assertFalse(EventFilter.parse(null, "SL-2", null, null).matches(event("value", "SL-1", LAMP)));
        assertTrue(EventFilter.parse(null, null, "cabinet=CAB-1", null).matches(event("value", "SL-1", LAMP)));
        assertTrue(EventFilter.parse(null, null, "Z1", null).matches(event("value", "SL-1", LAMP)));
        assertFalse(EventFilter.parse(null, null, "cabinet=CAB-2", null).matches(event("value", "SL-1", LAMP)));
        assertTrue(EventFilter.parse(null, null, null, "streetlight").matches(event("value", "SL-1", LAMP)));
        assertFalse(EventFilter.parse(null, null, null, "water").matches(event("value", "SL-1", LAMP)));
    }

    @Test
    void aGroupOrClassFilterDropsWhatConcernsNoKnownDevice() {
        assertFalse(EventFilter.parse(null, null, "Z1", null).matches(event("alarm", "telemetry", null)));
        assertFalse(EventFilter.parse(null, null, null, "streetlight").matches(event("command", null, null)));
    }

    @Test
    void anUnknownTypeIsABadRequest() {
        ProblemException e =
                assertThrows(ProblemException.class, () -> EventFilter.parse("value,weather", null, null, null));
        assertEquals(400, e.problem().status());
        assertEquals("INVALID_REQUEST", e.problem().code());
    }
}
