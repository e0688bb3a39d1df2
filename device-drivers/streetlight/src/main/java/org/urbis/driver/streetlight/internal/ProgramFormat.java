package org.urbis.driver.streetlight.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;
import org.urbis.astro.SolarEvent;

/**
 * Checks a program before it is pushed to a node: what the {@code program} point is written with.
 * <pre>{"id": "winter", "zone": "Asia/Ho_Chi_Minh",
 *  "steps": [{"at": "sunset", "offset": -10, "level": 100}, {"at": "00:00", "level": 50},
 *            {"at": "05:00", "level": 70}, {"at": "sunrise", "offset": 15, "level": 0}]}</pre>
 */
final class ProgramFormat {

    static final int MAX_STEPS = 48;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> PROGRAM_FIELDS = Set.of("id", "zone", "steps");
    private static final Set<String> STEP_FIELDS = Set.of("at", "offset", "level");

    private ProgramFormat() {}

    /** The program as a JSON object ready to send; throws with the first problem found. */
    static ObjectNode check(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("program is not JSON: " + NodeMessages.brief(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("program must be a JSON object with 'steps'");
        }
        unknown(root, PROGRAM_FIELDS, "program");
        JsonNode id = root.get("id");
        if (id != null && (!id.isTextual() || id.asText().length() > 64)) {
            throw new IllegalArgumentException("program 'id' must be a text of at most 64 characters");
        }
        JsonNode zone = root.get("zone");
        if (zone != null) {
            try {
                ZoneId.of(zone.asText());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "program 'zone' " + NodeMessages.brief(zone) + " is not a time zone id");
            }
        }
        JsonNode steps = root.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty() || steps.size() > MAX_STEPS) {
            throw new IllegalArgumentException("program 'steps' must be an array of 1 to " + MAX_STEPS + " steps");
        }
        int i = 0;
        for (JsonNode step : steps) {
            i++;
            String where = "step " + i;
            if (!step.isObject()) {
                throw new IllegalArgumentException(where + " must be an object");
            }
            unknown(step, STEP_FIELDS, where);
            String at = step.path("at").asText("");
            boolean event = isEvent(at);
            if (!event) {
                try {
                    LocalTime.parse(at);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(
                            where + ": 'at' must be HH:mm or one of sunrise, sunset, civil-dawn, " + "civil-dusk, not "
                                    + NodeMessages.brief(at));
                }
            }
            JsonNode offset = step.get("offset");
            if (offset != null && (!offset.isInt() || Math.abs(offset.intValue()) > 240 || !event)) {
                throw new IllegalArgumentException(
                        where + ": 'offset' is whole minutes from -240 to 240, " + "and only for astronomical steps");
            }
            JsonNode level = step.get("level");
            if (level == null || !level.isNumber() || level.doubleValue() < 0 || level.doubleValue() > 100) {
                throw new IllegalArgumentException(where + ": 'level' must be a number from 0 (off) to 100");
            }
        }
        return (ObjectNode) root;
    }

    private static boolean isEvent(String at) {
        for (SolarEvent e : SolarEvent.values()) {
            if (e.label().equals(at)) {
                return true;
            }
        }
        return false;
    }

    private static void unknown(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new IllegalArgumentException(where + " has an unknown field '" + NodeMessages.brief(f) + "'");
            }
        }
    }
}
