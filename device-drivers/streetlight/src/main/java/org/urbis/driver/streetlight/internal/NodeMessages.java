package org.urbis.driver.streetlight.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what nodes publish: status messages and command acknowledgements (see the module's
 * README for the format). Nothing here trusts the payload: a message that is too long, not JSON or
 * not an object is {@link Rejected} whole; a field of the wrong type or an unknown field is left
 * out and named in {@link Status#problems()}, so the point gets no value from it rather than a
 * guessed one.
 */
final class NodeMessages {

    /** The JSON type a status field must have. */
    enum Kind {
        BOOLEAN,
        NUMBER,
        COUNT,
        TEXT
    }

    /** The status fields in the order of the README, with their types. */
    static final Map<String, Kind> STATUS_FIELDS;

    static {
        Map<String, Kind> m = new LinkedHashMap<>();
        m.put("relay", Kind.BOOLEAN);
        m.put("dim", Kind.NUMBER);
        m.put("power", Kind.NUMBER);
        m.put("energy", Kind.NUMBER);
        m.put("hours", Kind.NUMBER);
        m.put("switchOns", Kind.COUNT);
        m.put("lamp", Kind.TEXT);
        m.put("voltage", Kind.NUMBER);
        m.put("programId", Kind.TEXT);
        m.put("cmd", Kind.TEXT);
        STATUS_FIELDS = Map.copyOf(m);
    }

    private static final ObjectMapper JSON = strictMapper();

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        mapper.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(16)
                        .maxStringLength(8_192)
                        .maxNumberLength(64)
                        .build());
        return mapper;
    }

    /** A message that cannot be used at all, with what was wrong. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String why) {
            super(why);
        }
    }

    /**
     * A status message.
     *
     * @param fields   the usable fields by name, as Boolean, Double, Long or String
     * @param time     the node's time stamp, or the receipt time when it gave none or an implausible one
     * @param problems fields left out and why, empty for a clean message
     */
    record Status(Map<String, Object> fields, Instant time, List<String> problems) {}

    /** An acknowledgement of a command. */
    record Ack(String id, boolean ok, String error) {}

    private NodeMessages() {}

    /**
     * Read as a stream rather than a tree: a street's statuses all arrive on the driver's one message
     * thread, and building a tree of each cost more than the rest of handling it. The same strict
     * parser (duplicate keys, nesting, lengths), and each value judged as a node of the tree would be.
     */
    static Status status(byte[] payload, int maxBytes, Instant received) throws Rejected {
        checkSize(payload, maxBytes);
        Map<String, Object> fields = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Instant time = received;
        try (JsonParser p = JSON.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                object(payload, maxBytes); // says what it is instead, or why it is not JSON
                throw new Rejected("not a JSON object");
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                time = field(name, node(p), fields, problems, received, time);
            }
            if (p.nextToken() != null) {
                throw new Rejected("not JSON: data after the object");
            }
        } catch (IOException | RuntimeException e) {
            throw new Rejected("not JSON: " + brief(firstLine(e.getMessage())));
        }
        return new Status(fields, time, problems);
    }

    /** The value the parser is at, as readTree would have made it. */
    private static JsonNode node(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.instance;
            case VALUE_STRING:
                return TextNode.valueOf(p.getText());
            case VALUE_NUMBER_FLOAT:
                return DoubleNode.valueOf(p.getDoubleValue());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                        return IntNode.valueOf(p.getIntValue());
                    case LONG:
                        return LongNode.valueOf(p.getLongValue());
                    default:
                        return BigIntegerNode.valueOf(p.getBigIntegerValue());
                }
            default:
                JsonNode tree = p.readValueAsTree(); // an object or array: no status field is one, named as a problem
                return tree == null ? NullNode.instance : tree;
        }
    }

    /** Takes one status field into {@code fields} or {@code problems}; returns the message's time. */
    private static Instant field(
            String name,
            JsonNode v,
            Map<String, Object> fields,
            List<String> problems,
            Instant received,
            Instant time) {
        if (name.equals("ts")) {
            if (v.canConvertToLong() && v.isIntegralNumber()) {
                Instant ts = Instant.ofEpochMilli(v.longValue());
                // a node clock off by more than a day is not believed; the receipt time stands in
                if (Math.abs(ts.toEpochMilli() - received.toEpochMilli()) <= 86_400_000L) {
                    time = ts;
                } else {
                    problems.add("ts " + v + " is more than a day from the receipt time; ignored");
                }
            } else {
                problems.add("ts must be epoch milliseconds, got " + brief(v));
            }
            return time;
        }
        Kind kind = STATUS_FIELDS.get(name);
        if (kind == null) {
            problems.add("unknown field '" + brief(name) + "'");
            return time;
        }
        Object value = typed(kind, v);
        if (value == null) {
            problems.add("field '" + name + "' must be " + describe(kind) + ", got " + brief(v));
        } else {
            fields.put(name, value);
        }
        return time;
    }

    static Ack ack(byte[] payload, int maxBytes) throws Rejected {
        JsonNode root = object(payload, maxBytes);
        JsonNode id = root.get("id");
        JsonNode ok = root.get("ok");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            throw new Rejected("acknowledgement without a text 'id'");
        }
        if (ok == null || !ok.isBoolean()) {
            throw new Rejected("acknowledgement " + brief(id.asText()) + " without a boolean 'ok'");
        }
        JsonNode error = root.get("error");
        return new Ack(id.asText(), ok.booleanValue(), error == null ? "" : brief(error.asText()));
    }

    private static void checkSize(byte[] payload, int maxBytes) throws Rejected {
        if (payload.length > maxBytes) {
            throw new Rejected(payload.length + " bytes, more than the " + maxBytes + " accepted");
        }
        if (payload.length == 0) {
            throw new Rejected("empty payload");
        }
    }

    private static JsonNode object(byte[] payload, int maxBytes) throws Rejected {
        checkSize(payload, maxBytes);
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException | RuntimeException e) {
            throw new Rejected("not JSON: " + brief(firstLine(e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new Rejected("not a JSON object but "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase()));
        }
        return root;
    }

    private static Object typed(Kind kind, JsonNode v) {
        switch (kind) {
            case BOOLEAN:
                return v.isBoolean() ? v.booleanValue() : null;
            case NUMBER:
                return v.isNumber() && Double.isFinite(v.doubleValue()) ? v.doubleValue() : null;
            case COUNT:
                return v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0 ? v.longValue() : null;
            case TEXT:
                return v.isTextual() && v.asText().length() <= 64 ? v.asText() : null;
            default:
                return null;
        }
    }

    private static String describe(Kind kind) {
        switch (kind) {
            case BOOLEAN:
                return "true or false";
            case NUMBER:
                return "a number";
            case COUNT:
                return "a whole number >= 0";
            default:
                return "a text of at most 64 characters";
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** At most 60 characters of something a node sent, for the log. */
    static String brief(Object o) {
        String s = String.valueOf(o);
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
