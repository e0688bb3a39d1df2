package org.urbis.core.internal.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.urbis.api.device.Point;
import org.urbis.api.runtime.InventoryProblem;

/**
 * What one driver bundle declares about its devices: point profiles in
 * {@code URBIS-INF/profiles/*.profiles.json} (the inventory's format) and its options in
 * {@code URBIS-INF/options.json}. What is wrong in them is kept as problems of the bundle's files;
 * what is right is still used.
 *
 * @param source   the bundle, for messages: {@code urbis-driver-water 0.1.0}
 * @param profiles its profiles by name
 * @param options  the options of each driver it declares options for
 * @param problems what is wrong in its files
 */
public record DriverDeclaration(
        String source,
        Map<String, List<Point>> profiles,
        List<DriverOptions> options,
        List<InventoryProblem> problems) {

    /** Where in a bundle its profiles are, and its options file. */
    public static final String PROFILES = "URBIS-INF/profiles";

    public static final String OPTIONS = "URBIS-INF/options.json";

    public DriverDeclaration {
        profiles = Map.copyOf(profiles);
        options = List.copyOf(options);
        problems = List.copyOf(problems);
    }

    /** Reads a bundle's files: {@code *.profiles.json} under {@link #PROFILES}, and {@link #OPTIONS}, by path. */
    public static DriverDeclaration read(String source, Map<String, byte[]> files) {
        Map<String, List<Point>> profiles = new LinkedHashMap<>();
        List<DriverOptions> options = new ArrayList<>();
        List<InventoryProblem> problems = new ArrayList<>();
        files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(file -> {
            String name = source + ": " + file.getKey();
            if (file.getKey().endsWith(".profiles.json")) {
                PointProfiles.Parsed parsed = PointProfiles.parse(name, file.getValue());
                parsed.profiles().forEach((profile, points) -> {
                    if (profiles.putIfAbsent(profile, points) != null) {
                        problems.add(
                                new InventoryProblem(name, "profile '" + profile + "'", "defined twice in the bundle"));
                    }
                });
                problems.addAll(parsed.problems());
            } else {
                Problems fileProblems = new Problems(name);
                DriverOptions.parse(file.getValue(), fileProblems).ifPresent(options::add);
                problems.addAll(fileProblems.list());
            }
        });
        return new DriverDeclaration(source, profiles, options, problems);
    }
}
