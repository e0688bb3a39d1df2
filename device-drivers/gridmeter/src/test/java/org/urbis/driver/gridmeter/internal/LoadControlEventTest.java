package org.urbis.driver.gridmeter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Load-control commands: what is accepted, and the refusal that names what is wrong. */
class LoadControlEventTest {

    @Test
    void parsesEventsAndCancels() {
        LoadControlEvent e = LoadControlEvent.parse(
                "{\"event\": 7, \"start\": \"2026-12-01T18:00:00+07:00\", \"duration\": 90, \"target\": 60.5, \"randomize\": 5}");
        assertEquals(new LoadControlEvent(7, Instant.parse("2026-12-01T11:00:00Z"), 90, 60.5, 5, 0, false), e);
        assertEquals(
                7,
                LoadControlEvent.parse("{\"event\": 8, \"duration\": 30, \"target\": 0, \"criticality\": 7}")
                        .criticality(),
                "emergency");
        assertNull(LoadControlEvent.parse("{\"event\": \"8\", \"start\": 0, \"duration\": 1440, \"target\": 0}")
                .start());
        assertTrue(LoadControlEvent.parse("{\"cancel\": \"7\"}").cancel());
    }

    @Test
    void refusalsNameWhatIsWrong() {
        assertRefused("{\"event\": 1, \"duration\": 1441, \"target\": 50}", "duration 1441 min is outside 1-1440 min");
        assertRefused("{\"event\": 1, \"duration\": 10, \"target\": -1}", "target -1.0 % is outside 0-100 %");
        assertRefused("{\"event\": 1, \"duration\": 10", "malformed load-control JSON");
        assertRefused("[1, 2]", "malformed load-control JSON: expected an object");
        assertRefused("{\"event\": 1, \"target\": 10}", "load-control field 'duration' is missing");
        assertRefused(
                "{\"event\": 1, \"duration\": 10, \"target\": 10, \"dutyCycle\": 5}",
                "unknown load-control field 'dutyCycle'");
        assertRefused("{\"event\": \"x1\", \"duration\": 10, \"target\": 10}", "event must be a whole-number event id");
        assertRefused(
                "{\"event\": 1, \"start\": \"tonight\", \"duration\": 10, \"target\": 10}",
                "start 'tonight' is not an ISO-8601");
        assertRefused("{\"cancel\": \"1\", \"target\": 10}", "a cancel command has no other field");
        assertRefused(
                "{\"event\": 1, \"duration\": 10, \"target\": 10, \"criticality\": 16}",
                "criticality 16 is outside 1-15");
        assertRefused(
                "{\"event\": 1, \"duration\": 10, \"target\": 10, \"criticality\": \"high\"}",
                "criticality must be a whole number 1-15, not \"high\"");
    }

    private static void assertRefused(String json, String why) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LoadControlEvent.parse(json));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
