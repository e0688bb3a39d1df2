package org.urbis.driver.gridmeter.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

/**
 * A load-control (demand response) command, the JSON written to a meter's {@code loadControl} point:
 * {@code {"event": 42, "start": "2026-12-01T18:00:00+07:00" or 0 for now, "duration": minutes 1-1440,
 * "target": load % 0-100, "randomize": minutes 0-60, "criticality": 1-15}} or {@code {"cancel": "42"}}. Event ids
 * are whole numbers 1-2147483647, as the outstation holds them in an analog output. The criticality levels are the
 * Smart Energy Profile's: 1 green, 2-6 levels 1 to 5, 7 emergency, 8 planned outage, 9 service disconnect, 10-15
 * the utility's own; devices that act on it shed more for a higher one.
 *
 * @param event     the event id
 * @param start     when it begins; null for now
 * @param duration  minutes
 * @param target    load target, % of normal load
 * @param randomize the most minutes the start is delayed at random, to spread many devices
 * @param criticality the event's criticality level 1-15, 0 when the command gives none
 * @param cancel    whether this cancels event {@code event} rather than starting it
 */
record LoadControlEvent(
        long event, Instant start, int duration, double target, int randomize, int criticality, boolean cancel) {

    static final int MAX_DURATION = 1440;
    static final int MAX_RANDOMIZE = 60;
    static final int MAX_CRITICALITY = 15;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FIELDS =
            Set.of("event", "start", "duration", "target", "randomize", "criticality");

    LoadControlEvent {
        if (event < 1 || event > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("event id must be a whole number 1-2147483647, not " + event);
        }
        if (!cancel) {
            if (duration < 1 || duration > MAX_DURATION) {
                throw new IllegalArgumentException(
                        "duration " + duration + " min is outside 1-" + MAX_DURATION + " min");
            }
            if (!(target >= 0 && target <= 100)) {
                throw new IllegalArgumentException("target " + target + " % is outside 0-100 %");
            }
            if (randomize < 0 || randomize > MAX_RANDOMIZE) {
                throw new IllegalArgumentException(
                        "randomize " + randomize + " min is outside 0-" + MAX_RANDOMIZE + " min");
            }
            if (criticality < 0 || criticality > MAX_CRITICALITY) {
                throw new IllegalArgumentException("criticality " + criticality + " is outside 1-" + MAX_CRITICALITY);
            }
        }
    }

    /** Parses and checks a command; the exception's message says what is wrong with it. */
    static LoadControlEvent parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed load-control JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("malformed load-control JSON: expected an object");
        }
        if (root.has("cancel")) {
            if (root.size() != 1) {
                throw new IllegalArgumentException("a cancel command has no other field");
            }
            return new LoadControlEvent(eventId(root.get("cancel"), "cancel"), null, 0, 0, 0, 0, true);
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown load-control field '" + f
                        + "' (event, start, duration, target, " + "randomize, criticality, or cancel alone)");
            }
        }
        for (String f : new String[] {"event", "duration", "target"}) {
            if (!root.has(f)) {
                throw new IllegalArgumentException("load-control field '" + f + "' is missing");
            }
        }
        JsonNode duration = root.get("duration");
        if (!duration.canConvertToInt() || !duration.isIntegralNumber()) {
            throw new IllegalArgumentException("duration must be whole minutes, not " + duration);
        }
        JsonNode target = root.get("target");
        if (!target.isNumber()) {
            throw new IllegalArgumentException("target must be a number (load %), not " + target);
        }
        JsonNode randomize = root.path("randomize");
        if (!randomize.isMissingNode() && !randomize.isIntegralNumber()) {
            throw new IllegalArgumentException("randomize must be whole minutes, not " + randomize);
        }
        JsonNode criticality = root.path("criticality");
        if (!criticality.isMissingNode() && !(criticality.isIntegralNumber() && criticality.asInt() >= 1)) {
            throw new IllegalArgumentException(
                    "criticality must be a whole number 1-" + MAX_CRITICALITY + ", not " + criticality);
        }
        return new LoadControlEvent(
                eventId(root.get("event"), "event"),
                start(root.path("start")),
                duration.asInt(),
                target.asDouble(),
                randomize.asInt(0),
                criticality.asInt(0),
                false);
    }

    private static long eventId(JsonNode node, String field) {
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isTextual() && node.asText().matches("\\d{1,10}")) {
            return Long.parseLong(node.asText());
        }
        throw new IllegalArgumentException(field + " must be a whole-number event id, not " + node);
    }

    private static Instant start(JsonNode node) {
        if (node.isMissingNode() || node.isNumber() && node.asLong() == 0 && node.isIntegralNumber()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("start must be an ISO-8601 time with offset or 0 for now, not " + node);
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("start '" + node.asText() + "' is not an ISO-8601 time with offset");
        }
    }
}
