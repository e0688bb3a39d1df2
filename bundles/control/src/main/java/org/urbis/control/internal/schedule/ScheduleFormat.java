package org.urbis.control.internal.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.urbis.astro.SolarEvent;

/**
 * Reads and writes schedules as JSON, and checks them: a schedule that is refused names every
 * problem with its place (program and step, or rule).
 */
public final class ScheduleFormat {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern GROUP = Pattern.compile("[^=\\s][^=]*=[^=]+");
    private static final Pattern HHMM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Set<String> TOP = Set.of("id", "group", "programs", "calendar");
    private static final Set<String> PROGRAM = Set.of("steps");
    private static final Set<String> STEP = Set.of("at", "offset", "earliest", "latest", "level");
    private static final Set<String> CALENDAR = Set.of("rules", "default");
    private static final Set<String> RULE = Set.of("name", "days", "from", "to", "dates", "program");
    /** A bounded rule longer than this is checked against earlier rules as if unbounded. */
    private static final int MAX_DAYS_CHECKED = 3_700;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ScheduleFormat() {}

    /** Parses and checks a schedule; throws {@link ScheduleException} naming every problem. */
    public static Schedule parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ScheduleException("?", List.of("not JSON: " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new ScheduleException(
                    "?", List.of("a schedule is a JSON object with id, group, programs and calendar"));
        }
        String id = root.path("id").asText("");
        List<String> problems = new ArrayList<>();
        if (!ID.matcher(id).matches()) {
            problems.add("'id' must be 1-64 letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        unknown(root, TOP, "schedule", problems);
        String group = root.path("group").asText("");
        if (!GROUP.matcher(group).matches()) {
            problems.add("'group' must be a tag as key=value, such as zone=PT-Z1, not '" + group + "'");
        }
        Map<String, Program> programs = new LinkedHashMap<>();
        JsonNode ps = root.get("programs");
        if (ps == null || !ps.isObject() || ps.isEmpty()) {
            problems.add("'programs' must be an object of at least one named program");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = ps.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                programs.put(e.getKey(), program(e.getKey(), e.getValue(), problems));
            }
        }
        List<Rule> rules = new ArrayList<>();
        String defaultProgram = null;
        JsonNode cal = root.get("calendar");
        if (cal == null || !cal.isObject()) {
            problems.add("'calendar' must be an object with 'rules' and 'default'");
        } else {
            unknown(cal, CALENDAR, "calendar", problems);
            defaultProgram = cal.path("default").asText("");
            if (defaultProgram.isEmpty()) {
                problems.add("calendar: 'default' must name the program of days no rule matches");
            } else if (ps != null && !programs.containsKey(defaultProgram)) {
                problems.add(
                        "calendar: default program '" + defaultProgram + "' is unknown; known: " + programs.keySet());
            }
            JsonNode rs = cal.get("rules");
            if (rs != null && !rs.isArray()) {
                problems.add("calendar: 'rules' must be an array");
            } else if (rs != null) {
                int n = 0;
                for (JsonNode r : rs) {
                    n++;
                    Rule rule = rule(n, r, programs, problems);
                    if (rule != null) {
                        rules.add(rule);
                    }
                }
                ambiguity(rules, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new ScheduleException(id.isEmpty() ? "?" : id, problems);
        }
        return new Schedule(id, group, programs, rules, defaultProgram);
    }

    private static Program program(String name, JsonNode node, List<String> problems) {
        String where = "program '" + name + "'";
        List<Step> steps = new ArrayList<>();
        if (!ID.matcher(name).matches()) {
            problems.add(where + ": a program name is 1-64 letters, digits, '_', '.' or '-'");
        }
        if (!node.isObject()) {
            problems.add(where + " must be an object with 'steps'");
            return new Program(name, steps);
        }
        unknown(node, PROGRAM, where, problems);
        JsonNode ss = node.get("steps");
        if (ss == null || !ss.isArray() || ss.isEmpty()) {
            problems.add(where + " is empty: it needs 1 to " + Program.MAX_STEPS + " steps");
            return new Program(name, steps);
        }
        if (ss.size() > Program.MAX_STEPS) {
            problems.add(where + " has " + ss.size() + " steps, more than " + Program.MAX_STEPS);
        }
        Set<String> seen = new LinkedHashSet<>();
        int i = 0;
        for (JsonNode s : ss) {
            i++;
            String at = where + " step " + i;
            if (!s.isObject()) {
                problems.add(at + " must be an object with 'at' and 'level'");
                continue;
            }
            int before = problems.size();
            unknown(s, STEP, at, problems);
            String when = s.path("at").asText("");
            SolarEvent event = event(when);
            LocalTime time = null;
            if (event == null) {
                time = hhmm(when, at + ": 'at'", "HH:mm or one of sunrise, sunset, civil-dawn, civil-dusk", problems);
            }
            int offset = 0;
            JsonNode o = s.get("offset");
            if (o != null) {
                if (!o.isIntegralNumber()) {
                    problems.add(at + ": 'offset' must be whole minutes, not " + o);
                } else if (event == null) {
                    problems.add(at + ": 'offset' is only for astronomical steps; write the time itself");
                } else if (Math.abs(o.asLong()) > Step.MAX_OFFSET) {
                    problems.add(at + ": offset " + o.asLong() + " min is outside -" + Step.MAX_OFFSET + " to "
                            + Step.MAX_OFFSET);
                } else {
                    offset = o.asInt();
                }
            }
            LocalTime earliest = bound(s, "earliest", event, at, problems);
            LocalTime latest = bound(s, "latest", event, at, problems);
            if (earliest != null && latest != null && earliest.isAfter(latest)) {
                problems.add(at + ": earliest " + earliest + " is after latest " + latest);
            }
            int level = 0;
            JsonNode l = s.get("level");
            if (l == null || !l.isNumber()) {
                problems.add(at + ": 'level' must be a whole number from 0 (off) to 100");
            } else if (!l.isIntegralNumber() || l.asLong() < 0 || l.asLong() > 100) {
                problems.add(at + ": level " + l + " is out of range: a whole number from 0 (off) to 100");
            } else {
                level = l.asInt();
            }
            if (problems.size() > before) {
                continue;
            }
            Step step = event == null ? Step.fixed(time, level) : Step.solar(event, offset, earliest, latest, level);
            if (!seen.add(step.label())) {
                problems.add(at + ": a second step at " + step.label() + " (the same time as an earlier step); which "
                        + "level holds would be ambiguous");
                continue;
            }
            steps.add(step);
        }
        return new Program(name, steps);
    }

    private static LocalTime bound(JsonNode step, String field, SolarEvent event, String at, List<String> problems) {
        JsonNode b = step.get(field);
        if (b == null) {
            return null;
        }
        if (event == null) {
            problems.add(at + ": '" + field + "' is only for astronomical steps");
            return null;
        }
        return hhmm(b.asText(""), at + ": '" + field + "'", "HH:mm", problems);
    }

    private static LocalTime hhmm(String text, String where, String expected, List<String> problems) {
        if (!HHMM.matcher(text).matches()) {
            problems.add(where + " must be " + expected + ", not '" + text + "'");
            return null;
        }
        return LocalTime.parse(text);
    }

    private static SolarEvent event(String label) {
        for (SolarEvent e : SolarEvent.values()) {
            if (e.label().equals(label)) {
                return e;
            }
        }
        return null;
    }

    private static Rule rule(int n, JsonNode node, Map<String, Program> programs, List<String> problems) {
        String name = node.path("name").asText("rule " + n);
        String where = "calendar rule " + n + (node.has("name") ? " '" + name + "'" : "");
        if (!node.isObject()) {
            problems.add(where + " must be an object");
            return null;
        }
        int before = problems.size();
        unknown(node, RULE, where, problems);
        String program = node.path("program").asText("");
        if (program.isEmpty()) {
            problems.add(where + ": 'program' must name the program it selects");
        } else if (!programs.containsKey(program)) {
            problems.add(where + ": unknown program '" + program + "'; known: " + programs.keySet());
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        JsonNode ds = node.get("days");
        if (ds != null) {
            if (!ds.isArray() || ds.isEmpty()) {
                problems.add(where + ": 'days' must be a non-empty array such as [\"SAT\", \"SUN\"]");
            } else {
                for (JsonNode d : ds) {
                    DayOfWeek day = day(d.asText(""));
                    if (day == null) {
                        problems.add(where + ": '" + d.asText() + "' is not a weekday (MON ... SUN)");
                    } else if (!days.add(day)) {
                        problems.add(where + ": " + day + " is listed twice");
                    }
                }
            }
        }
        LocalDate from = date(node, "from", where, problems);
        LocalDate to = date(node, "to", where, problems);
        if (from != null && to != null && from.isAfter(to)) {
            problems.add(where + ": 'from' " + from + " is after 'to' " + to);
        }
        Set<LocalDate> dates = new TreeSet<>();
        JsonNode dts = node.get("dates");
        if (dts != null) {
            if (!dts.isArray() || dts.isEmpty()) {
                problems.add(where + ": 'dates' must be a non-empty array of yyyy-mm-dd");
            } else {
                for (JsonNode d : dts) {
                    try {
                        if (!dates.add(LocalDate.parse(d.asText("")))) {
                            problems.add(where + ": date " + d.asText() + " is listed twice");
                        }
                    } catch (DateTimeParseException e) {
                        problems.add(where + ": '" + d.asText() + "' is not a date yyyy-mm-dd");
                    }
                }
            }
        }
        if (ds == null && from == null && to == null && dts == null && !node.has("from") && !node.has("to")) {
            problems.add(where + " has no condition (days, from/to or dates) and would match every day; use the "
                    + "calendar's 'default'");
        }
        return problems.size() > before ? null : new Rule(name, days, from, to, dates, program);
    }

    private static LocalDate date(JsonNode node, String field, String where, List<String> problems) {
        JsonNode v = node.get(field);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.asText(""));
        } catch (DateTimeParseException e) {
            problems.add(where + ": '" + field + "' must be a date yyyy-mm-dd, not '" + v.asText() + "'");
            return null;
        }
    }

    private static DayOfWeek day(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (t.length() >= 3 && d.name().startsWith(t) && (t.length() == 3 || t.equals(d.name()))) {
                return d;
            }
        }
        return null;
    }

    /**
     * Rules are tried in order, so two rules that match the same date are legal when they are
     * meant as exceptions (a holiday before the weekdays). What is refused is a rule that can
     * never apply: every date it matches is taken by earlier rules (a duplicate, or a rule
     * hidden behind a wider one) — the author meant something else.
     */
    private static void ambiguity(List<Rule> rules, List<String> problems) {
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            List<Rule> earlier = rules.subList(0, i);
            Set<String> hiding = new LinkedHashSet<>();
            boolean hidden;
            if (r.bounded() && span(r) <= MAX_DAYS_CHECKED) {
                hidden = true;
                boolean any = false;
                for (LocalDate d : dates(r)) {
                    if (!r.matches(d)) {
                        continue;
                    }
                    any = true;
                    Rule first = earlier.stream()
                            .filter(e -> e.matches(d))
                            .findFirst()
                            .orElse(null);
                    if (first == null) {
                        hidden = false;
                        break;
                    }
                    hiding.add("'" + first.name() + "'");
                }
                if (!any) {
                    problems.add("calendar rule '" + r.name()
                            + "' matches no date at all (its conditions exclude each other)");
                    continue;
                }
            } else {
                // Unbounded: hidden when earlier rules without date limits take all of its weekdays.
                Set<DayOfWeek> left = EnumSet.allOf(DayOfWeek.class);
                if (!r.days().isEmpty()) {
                    left = EnumSet.copyOf(r.days());
                }
                for (Rule e : earlier) {
                    if (e.from() == null && e.to() == null && e.dates().isEmpty()) {
                        Set<DayOfWeek> taken = e.days().isEmpty() ? EnumSet.allOf(DayOfWeek.class) : e.days();
                        if (left.removeIf(taken::contains)) {
                            hiding.add("'" + e.name() + "'");
                        }
                    }
                }
                hidden = left.isEmpty() && r.from() == null && r.to() == null;
            }
            if (hidden) {
                problems.add("calendar rule '" + r.name() + "' never applies: every date it matches is taken first by "
                        + String.join(", ", hiding) + " (duplicate or overlapping rules)");
            }
        }
    }

    private static long span(Rule r) {
        if (!r.dates().isEmpty()) {
            return r.dates().size();
        }
        return java.time.temporal.ChronoUnit.DAYS.between(r.from(), r.to()) + 1;
    }

    private static List<LocalDate> dates(Rule r) {
        if (!r.dates().isEmpty()) {
            return new ArrayList<>(new TreeSet<>(r.dates()));
        }
        List<LocalDate> all = new ArrayList<>();
        for (LocalDate d = r.from(); !d.isAfter(r.to()); d = d.plusDays(1)) {
            all.add(d);
        }
        return all;
    }

    private static void unknown(JsonNode node, Set<String> known, String where, List<String> problems) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                problems.add(where + " has an unknown field '" + f + "'");
            }
        }
    }

    /** The schedule as JSON, in the form {@link #parse} reads. */
    public static String write(Schedule s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", s.id());
        root.put("group", s.group());
        ObjectNode programs = root.putObject("programs");
        s.programs().values().stream()
                .sorted(java.util.Comparator.comparing(Program::name))
                .forEach(p -> {
                    ArrayNode steps = programs.putObject(p.name()).putArray("steps");
                    for (Step st : p.steps()) {
                        ObjectNode o = steps.addObject();
                        if (st.astronomical()) {
                            o.put("at", st.event().label());
                            if (st.offset() != 0) {
                                o.put("offset", st.offset());
                            }
                            if (st.earliest() != null) {
                                o.put("earliest", st.earliest().toString());
                            }
                            if (st.latest() != null) {
                                o.put("latest", st.latest().toString());
                            }
                        } else {
                            o.put("at", st.time().toString());
                        }
                        o.put("level", st.level());
                    }
                });
        ObjectNode cal = root.putObject("calendar");
        ArrayNode rules = cal.putArray("rules");
        for (Rule r : s.rules()) {
            ObjectNode o = rules.addObject();
            o.put("name", r.name());
            if (!r.days().isEmpty()) {
                ArrayNode days = o.putArray("days");
                new TreeSet<>(r.days()).forEach(d -> days.add(d.name().substring(0, 3)));
            }
            if (r.from() != null) {
                o.put("from", r.from().toString());
            }
            if (r.to() != null) {
                o.put("to", r.to().toString());
            }
            if (!r.dates().isEmpty()) {
                ArrayNode dates = o.putArray("dates");
                new TreeSet<>(r.dates()).forEach(d -> dates.add(d.toString()));
            }
            o.put("program", r.program());
        }
        cal.put("default", s.defaultProgram());
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
