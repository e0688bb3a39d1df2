package org.urbis.core.internal.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.urbis.api.device.DataType;

/**
 * The device and point options a driver reads, as its bundle declares them in
 * {@code URBIS-INF/options.json}, so that the inventory can check entries before the driver sees
 * them and the console can show what may be set:
 * <pre>{"driver": "water",
 *  "device": [{"name": "pressureHigh", "type": "FLOAT", "required": false, "default": "", "description": "..."}],
 *  "point":  [{"name": "scale", "type": "FLOAT", "description": "..."}]}</pre>
 * Options whose name starts with {@code x-} are the site's own and never checked.
 *
 * @param driver the driver id the options belong to
 * @param device options of a device entry, by name
 * @param point  options of a point, by name
 */
public record DriverOptions(String driver, Map<String, Option> device, Map<String, Option> point) {

    /**
     * One option.
     *
     * @param name         as written in {@code options} / {@code opt.<name>}
     * @param type         what its value must parse as
     * @param required     whether every entry must set it
     * @param defaultValue what the driver assumes when it is not set, empty when nothing
     * @param description  a sentence for people
     */
    public record Option(String name, DataType type, boolean required, String defaultValue, String description) {}

    public DriverOptions {
        device = Map.copyOf(device);
        point = Map.copyOf(point);
    }

    /**
     * Reads an options file.
     *
     * @return the options, or empty when the file is unusable (reported to {@code problems})
     */
    static Optional<DriverOptions> parse(byte[] content, Problems problems) {
        JsonNode root = Json.parse(content, problems);
        if (root == null) {
            return Optional.empty();
        }
        String driver = root.isObject() ? Json.requiredText(root, "driver", "", problems) : null;
        if (driver == null) {
            if (!root.isObject()) {
                problems.add("", "expected an object with \"driver\", \"device\" and \"point\"");
            }
            return Optional.empty();
        }
        return Optional.of(
                new DriverOptions(driver, options(root, "device", problems), options(root, "point", problems)));
    }

    private static Map<String, Option> options(JsonNode root, String kind, Problems problems) {
        Map<String, Option> options = new LinkedHashMap<>();
        JsonNode list = root.get(kind);
        if (list == null || list.isNull()) {
            return options;
        }
        if (!list.isArray()) {
            problems.add(kind, kind + " must be an array of options, not " + Json.describe(list));
            return options;
        }
        int index = 0;
        for (JsonNode node : list) {
            String at = kind + " option " + ++index;
            String name = Json.requiredText(node, "name", at, problems);
            String typeText = Json.text(node, "type", at, problems);
            DataType type = DataType.STRING;
            if (typeText != null) {
                try {
                    type = DataType.valueOf(typeText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problems.add(
                            at, "unknown type '" + typeText + "'; expected one of BOOLEAN, INTEGER, FLOAT, STRING");
                }
            }
            Boolean required = Json.bool(node, "required", at, problems);
            String dflt = Json.text(node, "default", at, problems);
            String description = Json.text(node, "description", at, problems);
            if (name != null) {
                options.put(
                        name,
                        new Option(
                                name,
                                type,
                                required != null && required,
                                dflt == null ? "" : dflt,
                                description == null ? "" : description));
            }
        }
        return options;
    }

    /**
     * Checks the options of one device or point against these declarations.
     *
     * @param owner    what carries them, for messages: {@code device WT-PT-001}, {@code device WT-PT-001, point flow}
     * @param declared {@link #device} or {@link #point}
     * @param warnings where an option that is not declared and resembles none goes
     * @return one sentence per problem: a near miss of a declared option, a missing required one, a wrong type
     */
    List<String> check(String owner, Map<String, Option> declared, Map<String, String> given, List<String> warnings) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            String key = e.getKey();
            Option option = declared.get(key);
            if (key.startsWith("x-")) {
                continue;
            }
            if (option == null) {
                Optional<String> meant = NearMiss.of(key, declared.keySet());
                if (meant.isPresent()) {
                    problems.add(owner + ": unknown option '" + key + "' of driver '" + driver + "'; did you mean '"
                            + meant.get() + "'?");
                } else {
                    warnings.add(owner + ": option '" + key + "' is not one driver '" + driver + "' declares ("
                            + (declared.isEmpty()
                                    ? "it declares none"
                                    : String.join(
                                            ", ",
                                            declared.keySet().stream().sorted().toList()))
                            + "); it is passed on unchecked");
                }
                continue;
            }
            try {
                option.type().coerce(e.getValue());
            } catch (IllegalArgumentException wrong) {
                problems.add(owner + ": option '" + key + "' of driver '" + driver + "' must be a " + option.type()
                        + ", not '" + e.getValue() + "'");
            }
        }
        for (Option option : declared.values()) {
            if (option.required() && !given.containsKey(option.name())) {
                problems.add(owner + ": missing option '" + option.name() + "', which driver '" + driver
                        + "' requires (" + option.description() + ")");
            }
        }
        return problems;
    }
}
