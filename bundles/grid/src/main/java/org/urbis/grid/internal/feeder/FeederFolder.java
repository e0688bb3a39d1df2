package org.urbis.grid.internal.feeder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code *.feeder.json} files of a folder: the feeders that pass the checks, and why the others did not. */
public final class FeederFolder {

    static final String GLOB = "*.feeder.json";

    /**
     * @param feeders   the feeders, in file-name order
     * @param problems  one line per refused file, naming it and its fields
     * @param signature the files' names and contents, to tell when they change
     */
    public record Loaded(List<Feeder> feeders, List<String> problems, String signature) {}

    private FeederFolder() {}

    public static Loaded load(Path dir) throws IOException {
        Map<String, String> texts = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, GLOB)) {
                for (Path f : files) {
                    texts.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        List<Feeder> feeders = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> owner = new HashMap<>();
        StringBuilder signature = new StringBuilder();
        for (Map.Entry<String, String> e : texts.entrySet()) {
            signature
                    .append(e.getKey())
                    .append(':')
                    .append(e.getValue().hashCode())
                    .append(';');
            try {
                Feeder f = FeederFormat.parse(e.getKey(), e.getValue());
                String other = owner.putIfAbsent(f.id(), e.getKey());
                if (other != null) {
                    problems.add("feeder file " + e.getKey() + " refused: feeder " + f.id() + " is already defined in "
                            + other);
                    continue;
                }
                feeders.add(f);
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage());
            }
        }
        return new Loaded(feeders, problems, signature.toString());
    }
}
