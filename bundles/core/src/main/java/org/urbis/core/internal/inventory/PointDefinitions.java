package org.urbis.core.internal.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.EngineeringLimits;
import org.urbis.api.device.Point;

/**
 * Point definitions as JSON objects, the one syntax for points in profile files and inline in
 * GeoJSON features:
 * <pre>{"name": "dim", "type": "FLOAT", "unit": "%", "access": "rw", "min": 0, "max": 100,
 *  "maxRate": 10, "deadband": 1, "address": "40001", "sbo": false, "options": {"scale": "0.1"}}</pre>
 * The checks themselves belong to {@link Point} and {@link EngineeringLimits}; this class only
 * turns their complaints into located problems.
 */
final class PointDefinitions {

    private static final Set<String> KEYS =
            Set.of("name", "type", "unit", "access", "min", "max", "maxRate", "deadband", "address", "sbo", "options");

    private static final Map<String, Access> ACCESS = Map.of(
            "read",
            Access.READ,
            "r",
            Access.READ,
            "write",
            Access.WRITE,
            "w",
            Access.WRITE,
            "read_write",
            Access.READ_WRITE,
            "read-write",
            Access.READ_WRITE,
            "rw",
            Access.READ_WRITE);

    private PointDefinitions() {}

    /**
     * Parses an array of point definitions. Points with a problem are reported and left out.
     *
     * @param owner where the array is, such as {@code profile 'luminaire'}; each point's location
     *              adds {@code , point 2 (dim)} to it
     */
    static List<Point> parseList(JsonNode array, String owner, Problems problems) {
        if (!array.isArray()) {
            problems.add(owner, "points must be an array, not " + Json.describe(array));
            return List.of();
        }
        List<Point> points = new ArrayList<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        int index = 0;
        for (JsonNode node : array) {
            index++;
            JsonNode nameNode = node.path("name");
            String name = nameNode.isTextual() ? nameNode.asText().trim() : null;
            String location = owner + ", point " + index + (name == null || name.isEmpty() ? "" : " (" + name + ")");
            Point point = parse(node, location, problems);
            if (name != null && !name.isEmpty()) {
                Integer first = firstIndex.putIfAbsent(name, index);
                if (first != null) {
                    problems.add(location, "duplicate point name '" + name + "', first defined as point " + first);
                    continue;
                }
            }
            if (point != null) {
                points.add(point);
            }
        }
        return points;
    }

    /**
     * Parses one point definition.
     *
     * @return the point, or {@code null} when it has a problem (reported at {@code location})
     */
    static Point parse(JsonNode node, String location, Problems problems) {
        if (!node.isObject()) {
            problems.add(location, "a point must be an object, not " + Json.describe(node));
            return null;
        }
        int before = problems.count();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                // Catches misspellings such as "deadBand" that would otherwise be dropped silently.
                problems.add(location, "unknown key '" + key + "'; expected one of " + String.join(", ", sorted(KEYS)));
            }
        }
        String name = Json.requiredText(node, "name", location, problems);
        DataType type = type(Json.requiredText(node, "type", location, problems), location, problems);
        Access access = access(Json.text(node, "access", location, problems), location, problems);
        String unit = Json.text(node, "unit", location, problems);
        Double min = Json.number(node, "min", location, problems);
        Double max = Json.number(node, "max", location, problems);
        Double maxRate = Json.number(node, "maxRate", location, problems);
        Double deadband = Json.number(node, "deadband", location, problems);
        String address = Json.text(node, "address", location, problems);
        Boolean sbo = Json.bool(node, "sbo", location, problems);
        Map<String, String> options = Json.stringMap(node, "options", location, problems);

        EngineeringLimits limits = null;
        try {
            limits = new EngineeringLimits(min, max, maxRate);
        } catch (IllegalArgumentException e) {
            problems.add(location, e.getMessage());
        }
        if (name == null || type == null) {
            return null;
        }
        // Let the record check what is left even when a field above failed, so that one pass
        // reports everything; a failed field takes a value that cannot cause a second complaint.
        try {
            Point point = new Point(
                    name,
                    type,
                    unit,
                    access == null ? Access.READ_WRITE : access,
                    limits,
                    deadband == null ? 0 : deadband,
                    address,
                    sbo != null && sbo,
                    options);
            return problems.count() == before ? point : null;
        } catch (IllegalArgumentException e) {
            problems.add(location, e.getMessage());
            return null;
        }
    }

    /**
     * A profile's points with a device's own points applied: a point of the same name replaces
     * the profile's in place, others are added at the end.
     */
    static List<Point> override(List<Point> base, List<Point> overrides) {
        if (overrides.isEmpty()) {
            return base;
        }
        Map<String, Point> merged = new LinkedHashMap<>();
        for (Point p : base) {
            merged.put(p.name(), p);
        }
        for (Point p : overrides) {
            merged.put(p.name(), p);
        }
        return List.copyOf(merged.values());
    }

    private static DataType type(String text, String location, Problems problems) {
        if (text == null) {
            return null;
        }
        try {
            return DataType.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(location, "unknown type '" + text + "'; expected one of BOOLEAN, INTEGER, FLOAT, STRING");
            return null;
        }
    }

    private static Access access(String text, String location, Problems problems) {
        if (text == null) {
            return Access.READ;
        }
        Access access = ACCESS.get(text.toLowerCase(Locale.ROOT));
        if (access == null) {
            problems.add(location, "unknown access '" + text + "'; expected READ, WRITE or READ_WRITE (or r, w, rw)");
        }
        return access;
    }

    private static List<String> sorted(Set<String> set) {
        return set.stream().sorted().toList();
    }
}
