package org.urbis.parking.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the parking sites of the {@code *.parking.json} files in the inventory folder:
 * <pre>{"sites": [{"uid": "PT-TRAN-HUNG-DAO", "name": "Trần Hưng Đạo", "lat": 10.9297, "lon": 108.1003,
 *   "type": "ON_STREET", "capacity": 12, "maxStayMinutes": 120, "openingHours": "24/7",
 *   "overstay": {"maxStayMinutes": 120, "hours": "Mo-Sa 07:00-19:00"}}]}</pre>
 * Every problem names the file, the site and the field; a folder with problems is refused whole.
 */
final class SiteFiles {

    static final String SUFFIX = ".parking.json";
    static final Set<String> TYPES =
            Set.of("ON_STREET", "OFF_STREET_PARKING_GROUND", "CAR_PARK", "UNDERGROUND", "OTHER");
    private static final Set<String> FIELDS =
            Set.of("uid", "name", "lat", "lon", "type", "capacity", "maxStayMinutes", "openingHours", "overstay");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a load found: the sites by uid when {@code problems} is empty. */
    record Loaded(Map<String, ParkingSite> sites, List<String> problems) {}

    private SiteFiles() {}

    static Loaded load(Path folder) {
        List<String> problems = new ArrayList<>();
        Map<String, ParkingSite> sites = new TreeMap<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return new Loaded(sites, problems);
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            ds.forEach(files::add);
        } catch (IOException e) {
            problems.add(folder + ": cannot be listed: " + e.getMessage());
        }
        files.sort(null);
        for (Path f : files) {
            try {
                read(f.getFileName().toString(), Files.readAllBytes(f), sites, problems);
            } catch (IOException e) {
                problems.add(f.getFileName() + ": cannot be read: " + e.getMessage());
            }
        }
        return new Loaded(problems.isEmpty() ? sites : Map.of(), problems);
    }

    static void read(String file, byte[] content, Map<String, ParkingSite> sites, List<String> problems) {
        JsonNode root;
        try {
            root = JSON.readTree(content);
        } catch (IOException e) {
            problems.add(
                    file + ": not JSON: " + e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        if (root == null || !root.path("sites").isArray()) {
            problems.add(file + ": needs {\"sites\": [...]}");
            return;
        }
        int i = 0;
        for (JsonNode s : root.path("sites")) {
            String where = file + ": site "
                    + (s.path("uid").isTextual() ? s.path("uid").asText() : "#" + (i + 1));
            i++;
            List<String> mine = new ArrayList<>();
            s.fieldNames().forEachRemaining(n -> {
                if (!FIELDS.contains(n)) {
                    mine.add(where + ": field '" + n + "' is not one of " + new java.util.TreeSet<>(FIELDS));
                }
            });
            String uid = text(s, "uid", where, mine);
            // at most 123 characters: the site's counts are reported as the thing site:<uid>, a device id of at most
            // 128
            if (uid != null && !uid.matches("[A-Za-z0-9][A-Za-z0-9_.:-]{0,122}")) {
                mine.add(where + ": uid '" + uid + "' must be 1-123 letters, digits, '_', '.', ':' or '-'");
            }
            String name = text(s, "name", where, mine);
            Double lat = number(s, "lat", -90, 90, where, mine);
            Double lon = number(s, "lon", -180, 180, where, mine);
            String type = s.has("type") ? text(s, "type", where, mine) : "ON_STREET";
            if (type != null && !TYPES.contains(type)) {
                mine.add(where + ": type '" + type + "' is not one of " + new java.util.TreeSet<>(TYPES));
            }
            Optional<Integer> capacity = Optional.empty();
            if (s.has("capacity")) {
                Double c = number(s, "capacity", 0, 1_000_000, where, mine);
                if (c != null && c != Math.rint(c)) {
                    mine.add(where + ": capacity " + c + " is not a whole number");
                } else if (c != null) {
                    capacity = Optional.of(c.intValue());
                }
            }
            Optional<Duration> maxStay = minutes(s, "maxStayMinutes", where, mine);
            OpeningHours hours = null;
            String oh = s.has("openingHours") ? text(s, "openingHours", where, mine) : "24/7";
            if (oh != null) {
                hours = hours(oh, where + ": openingHours", mine);
            }
            Optional<ParkingSite.Overstay> overstay = Optional.empty();
            if (s.has("overstay")) {
                JsonNode o = s.path("overstay");
                String ow = where + ": overstay";
                Optional<Duration> max = minutes(o, "maxStayMinutes", ow, mine);
                if (max.isEmpty()) {
                    mine.add(ow + ": maxStayMinutes is required");
                }
                OpeningHours when = o.has("hours")
                        ? hours(o.path("hours").asText(""), ow + ": hours", mine)
                        : OpeningHours.parse("24/7");
                if (max.isPresent() && when != null) {
                    overstay = Optional.of(new ParkingSite.Overstay(max.get(), when));
                }
            }
            if (uid != null && sites.containsKey(uid)) {
                mine.add(where + ": uid " + uid + " is also defined in "
                        + sites.get(uid).file());
            }
            if (mine.isEmpty()) {
                sites.put(uid, new ParkingSite(uid, name, lat, lon, type, capacity, maxStay, hours, overstay, file));
            }
            problems.addAll(mine);
        }
    }

    private static String text(JsonNode s, String field, String where, List<String> problems) {
        JsonNode v = s.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(where + ": " + field + " is required, as a non-empty string");
            return null;
        }
        return v.asText().trim();
    }

    private static Double number(
            JsonNode s, String field, double min, double max, String where, List<String> problems) {
        JsonNode v = s.path(field);
        if (!v.isNumber()) {
            problems.add(where + ": " + field + " is required, as a number");
            return null;
        }
        double d = v.asDouble();
        if (d < min || d > max) {
            problems.add(where + ": " + field + " " + v + " is outside " + fmt(min) + ".." + fmt(max));
            return null;
        }
        return d;
    }

    private static Optional<Duration> minutes(JsonNode s, String field, String where, List<String> problems) {
        if (!s.has(field)) {
            return Optional.empty();
        }
        JsonNode v = s.path(field);
        if (!v.isIntegralNumber() || v.asLong() < 1) {
            problems.add(where + ": " + field + " " + v + " must be a whole number of minutes, at least 1");
            return Optional.empty();
        }
        return Optional.of(Duration.ofMinutes(v.asLong()));
    }

    private static OpeningHours hours(String text, String where, List<String> problems) {
        try {
            return OpeningHours.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(where + " '" + text + "': " + e.getMessage());
            return null;
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** The files' modification times, to notice a change without reading them. */
    static Map<Path, Long> stamps(Path folder) {
        Map<Path, Long> out = new HashMap<>();
        if (folder == null || !Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*" + SUFFIX)) {
            for (Path p : ds) {
                out.put(p, Files.getLastModifiedTime(p).toMillis());
            }
        } catch (IOException e) {
            // listed again on the next check
        }
        return out;
    }
}
