package org.urbis.irrigation.internal;

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
import org.urbis.irrigation.internal.program.Program;
import org.urbis.irrigation.internal.program.ProgramFormat;

/** The {@code *.program.json} files of a folder: the programs that pass the checks, and why the others did not. */
final class ProgramFolder {

    static final String GLOB = "*.program.json";

    /**
     * What a folder held.
     *
     * @param programs  the programs, by file name
     * @param problems  one line per refused file, naming it and its fields
     * @param signature the files' names, sizes and times, to tell when they change
     */
    record Loaded(List<Program> programs, List<String> problems, String signature) {}

    private ProgramFolder() {}

    static Loaded load(Path dir) throws IOException {
        Map<String, String> texts = new TreeMap<>();
        StringBuilder signature = new StringBuilder();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, GLOB)) {
                for (Path f : files) {
                    texts.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        List<Program> programs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> zoneOwner = new HashMap<>();
        Map<String, String> idOwner = new HashMap<>();
        for (Map.Entry<String, String> e : texts.entrySet()) {
            signature
                    .append(e.getKey())
                    .append(':')
                    .append(e.getValue().hashCode())
                    .append(';');
            try {
                Program p = ProgramFormat.parse(e.getKey(), e.getValue());
                String clash = idOwner.get(p.id()) != null
                        ? "its id " + p.id() + " is also the id in " + idOwner.get(p.id())
                        : null;
                for (Program.Zone z : p.zones()) {
                    if (clash == null && zoneOwner.containsKey(z.key())) {
                        clash = "zone " + z.number() + " of " + z.controller() + " is already in "
                                + zoneOwner.get(z.key());
                    }
                }
                if (clash != null) {
                    problems.add("irrigation program " + e.getKey() + " refused: " + clash);
                    continue;
                }
                idOwner.put(p.id(), e.getKey());
                p.zones().forEach(z -> zoneOwner.put(z.key(), e.getKey()));
                programs.add(p);
            } catch (IllegalArgumentException ex) {
                problems.add(ex.getMessage());
            }
        }
        return new Loaded(programs, problems, signature.toString());
    }
}
