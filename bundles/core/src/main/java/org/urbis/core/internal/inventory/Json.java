package org.urbis.core.internal.inventory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** JSON parsing and member access shared by the profile and GeoJSON files. */
final class Json {

    // A key given twice in a hand-edited file is almost always a mistake; by default Jackson
    // would silently keep the last one. Trailing garbage usually means a bad merge.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern SOURCE = Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    private Json() {}

    /**
     * Parses a whole file. A syntax error becomes a problem at Jackson's line and column.
     *
     * @return the document, or {@code null} when it could not be parsed
     */
    static JsonNode parse(byte[] content, Problems problems) {
        try {
            JsonNode root = MAPPER.readTree(content);
            if (root == null || root.isMissingNode()) {
                problems.add("", "the file is empty");
                return null;
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String location =
                    at == null || at.getLineNr() < 0 ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            problems.add(location, "malformed JSON: " + withoutSource(e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            // Not expected when parsing bytes already in memory.
            problems.add("", "malformed JSON: " + e.getMessage());
            return null;
        }
    }

    /**
     * Jackson's message, with a location it quotes ({@code [Source: REDACTED ...; line: 1, column:
     * 43]}) shortened to {@code line 1, column 43}.
     */
    private static String withoutSource(String message) {
        return SOURCE.matcher(message).replaceAll("line $1, column $2");
    }

    /**
     * A string (or number) member, trimmed.
     *
     * @return the text, or {@code null} when the member is absent, null, blank, or not a scalar
     *         (which is reported)
     */
    static String text(JsonNode parent, String field, String location, Problems problems) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() && !node.isNumber()) {
            problems.add(location, field + " must be a string, not " + describe(node));
            return null;
        }
        String text = node.asText().trim();
        return text.isEmpty() ? null : text;
    }

    /** Like {@link #text}, and a member that is absent, null or blank is reported as missing. */
    static String requiredText(JsonNode parent, String field, String location, Problems problems) {
        int before = problems.count();
        String text = text(parent, field, location, problems);
        if (text == null && problems.count() == before) {
            problems.add(location, "missing " + field);
        }
        return text;
    }

    /**
     * A number member; a string holding a number is accepted too.
     *
     * @return the number, or {@code null} when absent, null or not a number (which is reported)
     */
    static Double number(JsonNode parent, String field, String location, Problems problems) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            try {
                return Double.valueOf(node.asText().trim());
            } catch (NumberFormatException e) {
                problems.add(location, field + " '" + node.asText() + "' is not a number");
                return null;
            }
        }
        problems.add(location, field + " must be a number, not " + describe(node));
        return null;
    }

    /** A boolean member, or {@code null} when absent, null or not a boolean (which is reported). */
    static Boolean bool(JsonNode parent, String field, String location, Problems problems) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            problems.add(location, field + " must be true or false, not " + describe(node));
            return null;
        }
        return node.booleanValue();
    }

    /**
     * An object member of scalars as a map of strings: numbers and booleans become their text,
     * null values are left out (as empty CSV cells are).
     *
     * @return the map in declaration order; empty when the member is absent or not an object
     *         (which is reported)
     */
    static Map<String, String> stringMap(JsonNode parent, String field, String location, Problems problems) {
        JsonNode node = parent.get(field);
        Map<String, String> map = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return map;
        }
        if (!node.isObject()) {
            problems.add(location, field + " must be an object, not " + describe(node));
            return map;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                continue;
            }
            if (!value.isValueNode()) {
                problems.add(location, field + "." + entry.getKey() + " must be a string, not " + describe(value));
                continue;
            }
            map.put(entry.getKey(), value.asText());
        }
        return map;
    }

    /** What a node is, for messages: "an array", "a number", ... */
    static String describe(JsonNode node) {
        switch (node.getNodeType()) {
            case ARRAY:
                return "an array";
            case OBJECT:
                return "an object";
            case BOOLEAN:
                return "a boolean";
            case NUMBER:
                return "a number";
            case STRING:
                return "a string";
            case NULL:
                return "null";
            default:
                return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
