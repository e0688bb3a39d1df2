package org.urbis.grid.internal.feeder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A feeder file, {@code <name>.feeder.json}:
 * <pre>
 * {"feeder": "PT-F1", "transformerMeter": "GM-PT-F1-TX", "latitude": 10.93, "longitude": 108.10,
 *  "weatherStation": "WS-PT-001", "importLimitKw": 400, "exportLimitKw": 150, "hysteresisKw": 10,
 *  "peakController": "advise", "exportController": "automatic", "warningHours": 4, "eventMinutes": 30,
 *  "holidays": ["2026-09-03"]}
 * </pre>
 * Every problem is reported at once, each naming the file and the field.
 */
public final class FeederFormat {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    private static final Set<String> FIELDS = Set.of(
            "feeder",
            "transformerMeter",
            "latitude",
            "longitude",
            "weatherStation",
            "importLimitKw",
            "exportLimitKw",
            "hysteresisKw",
            "peakController",
            "exportController",
            "warningHours",
            "eventMinutes",
            "holidays");

    private FeederFormat() {}

    /**
     * Parses and checks one feeder file.
     *
     * @throws IllegalArgumentException naming the file and every field that is wrong
     */
    public static Feeder parse(String source, String text) {
        JsonNode root = object(source, text);
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                problems.add("unknown field '" + f + "'");
            }
        }
        String id = id(root, "feeder", problems);
        String meter = id(root, "transformerMeter", problems);
        String station = root.has("weatherStation") ? id(root, "weatherStation", problems) : null;
        double lat = number(root, "latitude", -90, 90, 10.93, problems);
        double lon = number(root, "longitude", -180, 180, 108.10, problems);
        double importLimit = number(root, "importLimitKw", 0.001, 1e6, Double.NaN, problems);
        double exportLimit = number(root, "exportLimitKw", 0, 1e6, Double.NaN, problems);
        double hysteresis = number(root, "hysteresisKw", 0, 1e6, 0, problems);
        if (hysteresis > 0
                && !Double.isNaN(exportLimit)
                && !Double.isNaN(importLimit)
                && hysteresis >= Math.max(importLimit, exportLimit)) {
            problems.add("hysteresisKw " + hysteresis + " must be smaller than the limits");
        }
        Mode peak = mode(root, "peakController", problems);
        Mode export = mode(root, "exportController", problems);
        int warning = (int) number(root, "warningHours", 0, 48, 4, problems);
        int event = (int) number(root, "eventMinutes", 15, 1440, 30, problems);
        Set<LocalDate> holidays = new LinkedHashSet<>();
        JsonNode h = root.path("holidays");
        if (!h.isMissingNode()) {
            if (!h.isArray()) {
                problems.add("holidays must be a list of dates yyyy-mm-dd");
            } else {
                for (int i = 0; i < h.size(); i++) {
                    try {
                        holidays.add(LocalDate.parse(h.get(i).asText()));
                    } catch (DateTimeParseException e) {
                        problems.add("holidays[" + i + "] '" + h.get(i).asText() + "' is not a date yyyy-mm-dd");
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw refused(source, problems);
        }
        return new Feeder(
                id,
                source,
                meter,
                lat,
                lon,
                station,
                importLimit,
                exportLimit,
                hysteresis,
                peak,
                export,
                warning,
                event,
                Set.copyOf(holidays));
    }

    private static JsonNode object(String source, String text) {
        try {
            JsonNode root = JSON.readTree(text);
            if (root != null && root.isObject()) {
                return root;
            }
        } catch (JsonProcessingException e) {
            throw refused(source, List.of("not JSON: " + e.getOriginalMessage()));
        }
        throw refused(
                source,
                List.of("a feeder is a JSON object with feeder, transformerMeter, importLimitKw and exportLimitKw"));
    }

    private static IllegalArgumentException refused(String source, List<String> problems) {
        return new IllegalArgumentException("feeder file " + source + " refused: " + String.join("; ", problems));
    }

    private static String id(JsonNode root, String field, List<String> problems) {
        JsonNode n = root.path(field);
        if (!n.isTextual() || !ID.matcher(n.asText()).matches()) {
            problems.add(field + " must be an id of letters, digits, '_', '.', ':' or '-'"
                    + (n.isMissingNode() ? ", and is missing" : ", was " + n));
            return "";
        }
        return n.asText();
    }

    /** A number within bounds; {@code fallback} when absent, or a problem when there is none (NaN). */
    private static double number(
            JsonNode root, String field, double min, double max, double fallback, List<String> problems) {
        JsonNode n = root.path(field);
        if (n.isMissingNode()) {
            if (Double.isNaN(fallback)) {
                problems.add(field + " is missing");
            }
            return fallback;
        }
        if (!n.isNumber() || n.asDouble() < min || n.asDouble() > max) {
            problems.add(field + " must be a number " + strip(min) + "-" + strip(max) + ", was " + n);
            return fallback;
        }
        return n.asDouble();
    }

    private static String strip(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static Mode mode(JsonNode root, String field, List<String> problems) {
        JsonNode n = root.path(field);
        if (n.isMissingNode()) {
            return Mode.ADVISE;
        }
        try {
            return Mode.parse(n.asText());
        } catch (IllegalArgumentException e) {
            problems.add(field + " must be off, advise or automatic, was " + n);
            return Mode.OFF;
        }
    }
}
