package org.urbis.driver.streetlight.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeMessagesTest {

    private static final Instant NOW = Instant.parse("2026-06-21T15:00:00Z");

    private static NodeMessages.Status status(String json) throws NodeMessages.Rejected {
        return NodeMessages.status(json.getBytes(StandardCharsets.UTF_8), 4096, NOW);
    }

    private static String rejection(String json) {
        return assertThrows(NodeMessages.Rejected.class, () -> status(json)).getMessage();
    }

    @Test
    void aCleanStatusGivesTypedFields() throws Exception {
        NodeMessages.Status s = status("{\"ts\": " + NOW.minusSeconds(2).toEpochMilli()
                + ", \"relay\": true, \"dim\": 70," + " \"switchOns\": 3, \"lamp\": \"OK\", \"cmd\": \"a-1\"}");
        assertEquals(Map.of("relay", true, "dim", 70.0, "switchOns", 3L, "lamp", "OK", "cmd", "a-1"), s.fields());
        assertEquals(NOW.minusSeconds(2), s.time());
        assertTrue(s.problems().isEmpty());
    }

    @Test
    void wholeMessagesThatAreGarbageAreRejectedWithTheReason() {
        assertTrue(rejection("this is not JSON {").startsWith("not JSON"));
        assertTrue(rejection("[1, 2, 3]").contains("not a JSON object but array"));
        assertTrue(rejection("{\"dim\": 1, \"dim\": 2}").startsWith("not JSON"), "duplicate keys");
        assertTrue(rejection("{\"dim\": 1} {}").startsWith("not JSON"), "trailing data");
        assertTrue(rejection("").contains("empty"));
        assertTrue(rejection("{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}").startsWith("not JSON"), "deep nesting");
        String huge = "{\"lamp\": \"" + "x".repeat(5000) + "\"}";
        assertTrue(rejection(huge).contains("more than the 4096 accepted"));
    }

    @Test
    void wrongTypesAndUnknownFieldsAreLeftOutNotGuessed() throws Exception {
        NodeMessages.Status s = status("{\"relay\": \"maybe\", \"dim\": \"bright\", \"switchOns\": -1, \"power\": 12.5,"
                + " \"colour\": \"blue\", \"ts\": 5}");
        assertEquals(Map.of("power", 12.5), s.fields());
        assertEquals(5, s.problems().size(), s.problems().toString());
        assertEquals(NOW, s.time(), "an implausible node time stamp gives way to the receipt time");
    }

    @Test
    void acknowledgementsNeedAnIdAndOk() throws Exception {
        NodeMessages.Ack ack = NodeMessages.ack(
                "{\"id\": \"x-1\", \"ok\": false, \"error\": \"no\"}".getBytes(StandardCharsets.UTF_8), 4096);
        assertEquals(new NodeMessages.Ack("x-1", false, "no"), ack);
        assertThrows(
                NodeMessages.Rejected.class,
                () -> NodeMessages.ack("{\"ok\": true}".getBytes(StandardCharsets.UTF_8), 4096));
        assertThrows(
                NodeMessages.Rejected.class,
                () -> NodeMessages.ack("{\"id\": \"x\", \"ok\": 1}".getBytes(StandardCharsets.UTF_8), 4096));
    }

    @Test
    void programsAreCheckedBeforeTheyAreSent() {
        ProgramFormat.check(
                "{\"id\": \"p\", \"zone\": \"Asia/Ho_Chi_Minh\", \"steps\": [{\"at\": \"sunset\", \"offset\": -10,"
                        + " \"level\": 100}, {\"at\": \"23:30\", \"level\": 0}]}");
        for (String bad : new String[] {
            "nope",
            "[]",
            "{\"steps\": []}",
            "{\"steps\": [{\"at\": \"noon\", \"level\": 1}]}",
            "{\"steps\": [{\"at\": \"10:00\", \"level\": 101}]}",
            "{\"steps\": [{\"at\": \"10:00\", \"offset\": 5, \"level\": 1}]}",
            "{\"zone\": \"Mars/Olympus\", \"steps\": [{\"at\": \"10:00\", \"level\": 1}]}",
            "{\"steps\": [{\"at\": \"10:00\", \"level\": 1, \"colour\": 2}]}"
        }) {
            assertThrows(IllegalArgumentException.class, () -> ProgramFormat.check(bad), bad);
        }
    }

    @Test
    void theSunIsUpAtNoonAndDownAtNightAndPolarDatesRaiseNothing() {
        Daylight daylight = new Daylight(Duration.ofMinutes(30));
        assertTrue(daylight.sunUp(Instant.parse("2026-06-21T05:00:00Z"), Luminaires.PHAN_THIET));
        assertFalse(daylight.sunUp(Instant.parse("2026-06-21T15:00:00Z"), Luminaires.PHAN_THIET));
        // 05:40 local is just after sunrise (about 05:25): within the margin, not yet a day-burner
        assertFalse(daylight.sunUp(Instant.parse("2026-06-20T22:40:00Z"), Luminaires.PHAN_THIET));
        // 06:00 local, past the margin: asked again of the same place and day, from the cached window
        assertTrue(daylight.sunUp(Instant.parse("2026-06-20T23:00:00Z"), Luminaires.PHAN_THIET));
        // midsummer at 78° N: polar day, no sunrise, no judgement
        assertFalse(daylight.sunUp(
                Instant.parse("2026-06-21T12:00:00Z"), new org.urbis.api.device.GeoLocation(78.2, 15.6)));
    }
}
