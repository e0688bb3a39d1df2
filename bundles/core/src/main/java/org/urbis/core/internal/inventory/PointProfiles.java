package org.urbis.core.internal.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.urbis.api.device.Point;
import org.urbis.api.runtime.InventoryProblem;

/**
 * The point profiles of the inventory folder, read from its {@code *.profiles.json} files:
 * <pre>{"profiles": {"luminaire": [ point, ... ], "valve": [ ... ]}}</pre>
 * Profile names are global to the folder, so 10,000 luminaires share one list of points.
 */
public final class PointProfiles {

    /**
     * The profiles of one file, as driver bundles and the driver test kit read them: the same
     * syntax and checks as the inventory folder's.
     *
     * @param profiles the points of each profile, by name
     * @param problems what is wrong with the file; a profile with a bad point keeps its good ones
     */
    public record Parsed(Map<String, List<Point>> profiles, List<InventoryProblem> problems) {

        public Parsed {
            profiles = Map.copyOf(profiles);
            problems = List.copyOf(problems);
        }
    }

    /** Reads one {@code *.profiles.json} file on its own. */
    public static Parsed parse(String file, byte[] content) {
        Problems problems = new Problems(file);
        PointProfiles profiles = new PointProfiles();
        profiles.read(content, problems);
        return new Parsed(profiles.profiles, problems.list());
    }

    private final Map<String, List<Point>> profiles = new HashMap<>();
    private final Map<String, String> definedIn = new HashMap<>();
    /** Profiles of driver bundles, by name: the bundle; a file's profile of the same name wins. */
    private final Map<String, String> declaredBy = new HashMap<>();

    private boolean complete = true;

    /** Profiles of the inventory folder alone. */
    PointProfiles() {}

    /** Profiles of the installed driver bundles, which the folder's files may override. */
    PointProfiles(DriverDeclarations.Declared declared) {
        profiles.putAll(declared.profiles());
        declaredBy.putAll(declared.sources());
    }

    /** Adds the profiles of one file; problems are reported to that file's {@code problems}. */
    void read(byte[] content, Problems problems) {
        JsonNode root = Json.parse(content, problems);
        if (root == null) {
            complete = false;
            return;
        }
        JsonNode byName = root.get("profiles");
        if (!root.isObject() || byName == null || !byName.isObject()) {
            problems.add("", "expected an object with a \"profiles\" object that maps profile names to point lists");
            complete = false;
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = byName.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = entry.getKey();
            String location = "profile '" + name + "'";
            String first = definedIn.putIfAbsent(name, problems.file());
            if (first != null) {
                problems.add(location, "profile '" + name + "' is already defined in " + first);
                continue;
            }
            String bundle = declaredBy.remove(name);
            if (bundle != null) {
                problems.warn(
                        location,
                        "profile '" + name + "' replaces the one driver bundle " + bundle
                                + " declares: the inventory's wins");
            }
            // A profile with a bad point is still registered (with its good points) so that the
            // devices using it are not all reported as naming an unknown profile.
            profiles.put(name, PointDefinitions.parseList(entry.getValue(), location, problems));
        }
    }

    /** Records that a profile file could not be read at all. */
    void markIncomplete() {
        complete = false;
    }

    /**
     * Whether every profile file was read. When one was not, a device naming an unknown profile
     * is not worth reporting: the profile is likely in the broken file, which is reported already.
     */
    boolean complete() {
        return complete;
    }

    /** The points of a profile, if there is one of that name. */
    Optional<List<Point>> get(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** The profile {@code name} most likely misspells, if any. */
    Optional<String> nearMiss(String name) {
        return NearMiss.of(name, profiles.keySet());
    }

    /** The names of all profiles, sorted, for messages. */
    String names() {
        return profiles.isEmpty() ? "none are defined" : String.join(", ", new TreeSet<>(profiles.keySet()));
    }
}
