package org.urbis.irrigation.internal.program;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.urbis.irrigation.internal.balance.ZoneSoil;

/**
 * Reads irrigation program files ({@code *.program.json}) and checks them: a file that is refused names every
 * problem with its field, such as {@code zones[2].rootDepth must be 0.05..3.0, was 7}.
 *
 * <pre>
 * {
 *   "id": "pt-park-night", "name": "Phan Thiết park, night",
 *   "weather": {"station": "WS-PT-001", "latitude": 10.93, "elevation": 10,
 *               "climate": {"tmax": 31, "tmin": 23}},   (optional: the usual range, for a first guess of ET0)
 *   "starts": ["21:00"], "days": "odd",            (or "every", "even", or ["MON", "THU"])
 *   "window": {"from": "20:00", "to": "06:00"},
 *   "waterBudget": 100, "skipOnRain": true,
 *   "flowBudgets": {"PT-MAIN-1": 120},
 *   "zones": [{"controller": "IR-PT-001", "zone": 1, "name": "Lawn by the gate",
 *              "cropCoefficient": 0.8, "rootDepth": 0.3, "availableWater": 120, "allowedDepletion": 0.5,
 *              "precipitationRate": 38, "rainEffectiveness": 0.8, "flow": 45,
 *              "cycleMinutes": 12, "soakMinutes": 30,
 *              "moisture": {"device": "SM-PT-001", "point": "moisture", "atLeast": 32}}]
 * }
 * </pre>
 */
public final class ProgramFormat {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern HHMM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Set<String> TOP = Set.of(
            "id", "name", "weather", "starts", "days", "window", "waterBudget", "skipOnRain", "flowBudgets", "zones");
    private static final Set<String> WEATHER = Set.of("station", "latitude", "elevation", "climate");
    private static final Set<String> ZONE = Set.of(
            "controller",
            "zone",
            "name",
            "cropCoefficient",
            "rootDepth",
            "availableWater",
            "allowedDepletion",
            "precipitationRate",
            "rainEffectiveness",
            "flow",
            "cycleMinutes",
            "soakMinutes",
            "moisture");
    private static final Set<String> MOISTURE = Set.of("device", "point", "atLeast");

    private ProgramFormat() {}

    /**
     * Parses and checks one program file.
     *
     * @param source the file's name, put before every problem
     * @throws IllegalArgumentException listing every problem, each with the file and field
     */
    public static Program parse(String source, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw refused(source, List.of("not JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw refused(
                    source, List.of("a program is a JSON object with id, weather, starts, days, window and zones"));
        }
        List<String> problems = new ArrayList<>();
        unknown(root, TOP, "", problems);
        String id = root.path("id").asText("");
        if (!ID.matcher(id).matches()) {
            problems.add("id must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit, was '" + id
                    + "'");
        }
        JsonNode weather = root.path("weather");
        unknown(weather, WEATHER, "weather.", problems);
        String station = text(weather, "station", "weather.station", problems);
        double latitude = number(weather, "latitude", "weather.latitude", -90, 90, Double.NaN, problems);
        double elevation = number(weather, "elevation", "weather.elevation", -500, 9000, 0, problems);
        Program.Climate climate = null;
        JsonNode c = weather.path("climate");
        if (!c.isMissingNode()) {
            unknown(c, Set.of("tmax", "tmin"), "weather.climate.", problems);
            double tmax = number(c, "tmax", "weather.climate.tmax", -50, 60, Double.NaN, problems);
            double tmin = number(c, "tmin", "weather.climate.tmin", -50, 60, Double.NaN, problems);
            if (tmax > tmin) {
                climate = new Program.Climate(tmax, tmin);
            } else if (!Double.isNaN(tmax) && !Double.isNaN(tmin)) {
                problems.add("weather.climate.tmax must be above weather.climate.tmin, were " + tmax + " and " + tmin);
            }
        }
        List<LocalTime> starts = new ArrayList<>();
        JsonNode s = root.path("starts");
        if (!s.isArray() || s.isEmpty() || s.size() > 4) {
            problems.add("starts must be a list of 1 to 4 times hh:mm");
        } else {
            for (int i = 0; i < s.size(); i++) {
                LocalTime t = time(s.get(i), "starts[" + i + "]", problems);
                if (t != null) {
                    if (starts.contains(t)) {
                        problems.add("starts[" + i + "] repeats " + t);
                    }
                    starts.add(t);
                }
            }
        }
        Program.Days days = days(root.path("days"), problems);
        JsonNode window = root.path("window");
        unknown(window, Set.of("from", "to"), "window.", problems);
        LocalTime from = time(window.path("from"), "window.from", problems);
        LocalTime to = time(window.path("to"), "window.to", problems);
        if (from != null && to != null) {
            if (from.equals(to)) {
                problems.add("window.from and window.to must differ");
            }
            for (int i = 0; i < starts.size(); i++) {
                if (!Planner.inWindow(starts.get(i), from, to)) {
                    problems.add("starts[" + i + "] " + starts.get(i) + " lies outside the watering window " + from
                            + "-" + to);
                }
            }
        }
        double budget = number(root, "waterBudget", "waterBudget", 0, 200, 100, problems);
        JsonNode rain = root.path("skipOnRain");
        if (!rain.isMissingNode() && !rain.isBoolean()) {
            problems.add("skipOnRain must be true or false");
        }
        Map<String, Double> flowBudgets = new LinkedHashMap<>();
        JsonNode fb = root.path("flowBudgets");
        if (!fb.isMissingNode()) {
            if (!fb.isObject()) {
                problems.add("flowBudgets must be an object of water main: l/min");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = fb.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    flowBudgets.put(
                            e.getKey(),
                            number(fb, e.getKey(), "flowBudgets." + e.getKey(), 1, 100_000, Double.NaN, problems));
                }
            }
        }
        List<Program.Zone> zones = new ArrayList<>();
        JsonNode zs = root.path("zones");
        if (!zs.isArray() || zs.isEmpty()) {
            problems.add("zones must be a list of at least one zone");
        } else {
            Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < zs.size(); i++) {
                Program.Zone z = zone(zs.get(i), "zones[" + i + "].", problems);
                if (z != null && !seen.add(z.key())) {
                    problems.add("zones[" + i + "] repeats zone " + z.number() + " of " + z.controller());
                }
                if (z != null) {
                    zones.add(z);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw refused(source, problems);
        }
        return new Program(
                id,
                root.path("name").asText(id),
                station,
                latitude,
                elevation,
                starts,
                days,
                from,
                to,
                budget,
                rain.asBoolean(true),
                flowBudgets,
                zones,
                climate);
    }

    private static Program.Zone zone(JsonNode z, String at, List<String> problems) {
        if (!z.isObject()) {
            problems.add(at.substring(0, at.length() - 1) + " must be an object");
            return null;
        }
        int before = problems.size();
        unknown(z, ZONE, at, problems);
        String controller = text(z, "controller", at + "controller", problems);
        double number = number(z, "zone", at + "zone", 1, 64, Double.NaN, problems);
        if (number != Math.rint(number)) {
            problems.add(at + "zone must be a whole number, was " + number);
        }
        ZoneSoil soil = null;
        double kc = number(z, "cropCoefficient", at + "cropCoefficient", 0.05, 1.5, Double.NaN, problems);
        double root = number(z, "rootDepth", at + "rootDepth", 0.05, 3, Double.NaN, problems);
        double aw = number(z, "availableWater", at + "availableWater", 20, 250, Double.NaN, problems);
        double mad = number(z, "allowedDepletion", at + "allowedDepletion", 0.1, 0.9, 0.5, problems);
        double rate = number(z, "precipitationRate", at + "precipitationRate", 1, 200, Double.NaN, problems);
        double eff = number(z, "rainEffectiveness", at + "rainEffectiveness", 0, 1, 0.8, problems);
        double flow = number(z, "flow", at + "flow", 0, 10_000, 0, problems);
        double cycle = number(z, "cycleMinutes", at + "cycleMinutes", 0, 240, 0, problems);
        double soak = number(z, "soakMinutes", at + "soakMinutes", 0, 720, 0, problems);
        Program.MoistureSkip moisture = null;
        JsonNode m = z.path("moisture");
        if (!m.isMissingNode()) {
            unknown(m, MOISTURE, at + "moisture.", problems);
            moisture = new Program.MoistureSkip(
                    text(m, "device", at + "moisture.device", problems),
                    text(m, "point", at + "moisture.point", problems),
                    number(m, "atLeast", at + "moisture.atLeast", 0, 100, Double.NaN, problems));
        }
        if (problems.size() > before) {
            return null;
        }
        soil = new ZoneSoil(kc, root, aw, mad, rate, eff);
        return new Program.Zone(
                controller,
                (int) number,
                z.path("name").asText("zone " + (int) number),
                soil,
                flow,
                Math.round(cycle * 60),
                Math.round(soak * 60),
                moisture);
    }

    private static Program.Days days(JsonNode d, List<String> problems) {
        if (d.isMissingNode() || (d.isTextual() && d.asText().equals("every"))) {
            return new Program.Days(EnumSet.allOf(DayOfWeek.class), null);
        }
        if (d.isTextual() && (d.asText().equals("odd") || d.asText().equals("even"))) {
            return new Program.Days(EnumSet.allOf(DayOfWeek.class), d.asText());
        }
        if (d.isArray() && !d.isEmpty()) {
            Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
            for (int i = 0; i < d.size(); i++) {
                String name = d.get(i).asText("").toUpperCase(Locale.ROOT);
                DayOfWeek day = null;
                for (DayOfWeek w : DayOfWeek.values()) {
                    if (name.length() >= 3 && w.name().startsWith(name)) {
                        day = w;
                    }
                }
                if (day == null) {
                    problems.add("days[" + i + "] must be a weekday such as MON, was '"
                            + d.get(i).asText() + "'");
                } else {
                    set.add(day);
                }
            }
            return new Program.Days(set, null);
        }
        problems.add("days must be \"every\", \"odd\", \"even\" or a list of weekdays such as [\"MON\", \"THU\"]");
        return new Program.Days(EnumSet.allOf(DayOfWeek.class), null);
    }

    private static LocalTime time(JsonNode n, String field, List<String> problems) {
        if (!n.isTextual() || !HHMM.matcher(n.asText()).matches()) {
            problems.add(field + " must be a time hh:mm" + (n.isMissingNode() ? "" : ", was " + n));
            return null;
        }
        return LocalTime.parse(n.asText());
    }

    private static String text(JsonNode n, String name, String field, List<String> problems) {
        JsonNode v = n.path(name);
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(field + " must be given, as text");
            return "";
        }
        return v.asText();
    }

    /** A number in [min, max]; {@code fallback} when missing, or a problem when the fallback is NaN. */
    private static double number(
            JsonNode n, String name, String field, double min, double max, double fallback, List<String> problems) {
        JsonNode v = n.path(name);
        if (v.isMissingNode() && !Double.isNaN(fallback)) {
            return fallback;
        }
        if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
            problems.add(field + " must be a number " + min + ".." + max + (v.isMissingNode() ? "" : ", was " + v));
            return Double.NaN;
        }
        return v.asDouble();
    }

    private static void unknown(JsonNode n, Set<String> known, String at, List<String> problems) {
        if (n.isMissingNode()) {
            return;
        }
        if (!n.isObject()) {
            problems.add((at.isEmpty() ? "the program" : at.substring(0, at.length() - 1)) + " must be an object");
            return;
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                problems.add(at + f + " is not a known field (known: " + new java.util.TreeSet<>(known) + ")");
            }
        });
    }

    private static IllegalArgumentException refused(String source, List<String> problems) {
        return new IllegalArgumentException(
                "irrigation program " + source + " refused: " + String.join("; ", problems));
    }
}
