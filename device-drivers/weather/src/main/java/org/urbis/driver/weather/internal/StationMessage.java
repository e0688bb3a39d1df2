package org.urbis.driver.weather.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One JSON reading of a station's MQTT form: {@code {"ts": "2026-12-01T07:00:00Z" (or epoch
 * milliseconds), "airTemperature": 31.2, ..., "faults": ["anemometer"]}}. Numbers by field name; a
 * field that is not a number is kept as a problem; a message that is not such an object is refused.
 *
 * @param time     when the station measured (its {@code ts}), or when the message arrived without one
 * @param numbers  the numeric fields
 * @param faults   the sensors the station names faulty
 * @param problems fields that could not be used, one sentence each
 */
record StationMessage(Instant time, Map<String, Double> numbers, List<String> faults, List<String> problems) {

    static final int MAX_BYTES = 16 * 1024;
    private static final Duration MAX_SKEW = Duration.ofDays(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The message cannot be used at all. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    static StationMessage parse(byte[] payload, Instant now) throws Refused {
        if (payload.length > MAX_BYTES) {
            throw new Refused("a reading of " + payload.length + " bytes is larger than the " + MAX_BYTES + " allowed");
        }
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new Refused("the reading is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Refused("the reading is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Refused("the reading is not a JSON object");
        }
        Instant time = time(root.get("ts"), now);
        Map<String, Double> numbers = new TreeMap<>();
        List<String> faults = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        var fields = root.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (name.equals("ts")) {
                continue;
            }
            if (name.equals("faults")) {
                if (!v.isArray()) {
                    problems.add("faults is not a list");
                    continue;
                }
                for (JsonNode s : v) {
                    if (s.isTextual() && s.asText().length() <= 64) {
                        faults.add(s.asText());
                    } else {
                        problems.add("faults holds something other than a sensor's name");
                    }
                }
            } else if (v.isNumber() && Double.isFinite(v.asDouble())) {
                numbers.put(name, v.asDouble());
            } else {
                problems.add(
                        "field '" + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "' is not a number");
            }
        }
        return new StationMessage(time, numbers, List.copyOf(faults), List.copyOf(problems));
    }

    private static Instant time(JsonNode ts, Instant now) throws Refused {
        if (ts == null) {
            return now;
        }
        Instant t;
        if (ts.isIntegralNumber() && ts.canConvertToLong()) {
            t = Instant.ofEpochMilli(ts.asLong());
        } else if (ts.isTextual()) {
            try {
                t = Instant.parse(ts.asText());
            } catch (DateTimeParseException e) {
                throw new Refused("ts '" + ts.asText() + "' is not an ISO-8601 instant");
            }
        } else {
            throw new Refused("ts is neither an ISO-8601 instant nor epoch milliseconds");
        }
        if (Duration.between(t, now).abs().compareTo(MAX_SKEW) > 0) {
            throw new Refused("ts " + t + " is more than a day from now: the station's clock is wrong");
        }
        return t;
    }
}
