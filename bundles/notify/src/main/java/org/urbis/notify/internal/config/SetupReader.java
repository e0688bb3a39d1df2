package org.urbis.notify.internal.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.event.AlarmSeverity;

/**
 * Reads and checks the configuration files together. Every problem is named by file and field
 * ({@code rules.json: rules[0].channels[1]: no channel 'ops'}); one problem refuses the whole set,
 * so what is in force is always a set that passed. A group no device is in is reported apart:
 * the inventory may not be loaded yet.
 */
public final class SetupReader {

    public static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}\\.json");
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RULE_FIELDS = Set.of(
            "name",
            "severities",
            "classes",
            "groups",
            "types",
            "days",
            "hours",
            "channels",
            "escalateAfterMinutes",
            "escalateTo",
            "quietHours",
            "quietBypass");
    private static final Set<String> EMAIL_FIELDS =
            Set.of("name", "type", "host", "port", "from", "to", "starttls", "username", "password", "timeoutSeconds");
    private static final Set<String> WEBHOOK_FIELDS = Set.of("name", "type", "url", "secret", "timeoutSeconds");

    private final Predicate<String> knownGroup;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<String> unknownGroups = new ArrayList<>();
    /** Channel names that rules use, with where, checked once every file is read. */
    private final Map<String, String> used = new LinkedHashMap<>();

    private SetupReader(Predicate<String> knownGroup) {
        this.knownGroup = knownGroup;
    }

    /**
     * @param files      each file's JSON text by name
     * @param knownGroup whether a device is in a group
     */
    public static Setup read(Map<String, String> files, Predicate<String> knownGroup) throws ProblemsException {
        SetupReader r = new SetupReader(knownGroup);
        Map<String, String> sorted = new TreeMap<>(files);
        sorted.forEach(r::file);
        r.used.forEach((name, where) -> {
            if (!r.channels.containsKey(name)) {
                r.problems.add(where + ": no channel '" + name + "'");
            }
        });
        if (!r.problems.isEmpty()) {
            throw new ProblemsException(r.problems);
        }
        return new Setup(sorted, Map.copyOf(r.channels), List.copyOf(r.rules), List.copyOf(r.unknownGroups));
    }

    /** Problems found in a configuration. */
    public static final class ProblemsException extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<String> problems;

        ProblemsException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private void file(String name, String text) {
        if (!FILE_NAME.matcher(name).matches()) {
            problems.add(name + ": the file name must be lower-case letters, digits and '-', ending in .json");
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(name + ": not JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr());
            return;
        }
        if (root == null || !root.isObject()) {
            problems.add(name + ": must be an object with \"channels\" and \"rules\"");
            return;
        }
        root.fieldNames().forEachRemaining(f -> {
            if (!f.equals("channels") && !f.equals("rules")) {
                problems.add(name + ": unknown field '" + f + "' (channels, rules)");
            }
        });
        int i = 0;
        for (JsonNode c : array(root, "channels", name)) {
            channel(c, name + ": channels[" + i++ + "]");
        }
        i = 0;
        for (JsonNode r : array(root, "rules", name)) {
            rule(r, name + ": rules[" + i++ + "]");
        }
    }

    private void channel(JsonNode c, String where) {
        String name = text(c, "name", where, true);
        String type = text(c, "type", where, true);
        if (name == null || type == null) {
            return;
        }
        if (channels.containsKey(name)) {
            problems.add(where + ".name: channel '" + name + "' is defined twice");
        }
        Duration timeout = Duration.ofSeconds(number(c, "timeoutSeconds", where, 10, 1, 300));
        switch (type) {
            case "email" -> {
                unknownFields(c, EMAIL_FIELDS, where);
                String host = text(c, "host", where, true);
                int port = number(c, "port", where, 25, 1, 65535);
                String from = text(c, "from", where, true);
                List<String> to = strings(c, "to", where);
                if (to.isEmpty()) {
                    problems.add(where + ".to: give at least one address");
                }
                for (String a : to) {
                    if (!a.contains("@")) {
                        problems.add(where + ".to: '" + a + "' is not an e-mail address");
                    }
                }
                if (from != null && !from.contains("@")) {
                    problems.add(where + ".from: '" + from + "' is not an e-mail address");
                }
                String user = text(c, "username", where, false);
                channels.put(
                        name,
                        new Channel.Email(
                                name,
                                host,
                                port,
                                from,
                                to,
                                c.path("starttls").asBoolean(false),
                                user == null ? "" : user,
                                c.path("password").asText(""),
                                timeout));
            }
            case "webhook" -> {
                unknownFields(c, WEBHOOK_FIELDS, where);
                String url = text(c, "url", where, true);
                String secret = text(c, "secret", where, true);
                URI uri = null;
                if (url != null) {
                    try {
                        uri = new URI(url);
                        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
                                || uri.getHost() == null) {
                            problems.add(where + ".url: '" + url + "' is not an http(s) URL");
                        }
                    } catch (URISyntaxException e) {
                        problems.add(where + ".url: '" + url + "' is not a URL: " + e.getReason());
                    }
                }
                if (secret != null && secret.length() < 16) {
                    problems.add(where + ".secret: at least 16 characters, so the receiver can trust the signature");
                }
                channels.put(name, new Channel.Webhook(name, uri, secret, timeout));
            }
            default -> problems.add(where + ".type: '" + type + "' is not a channel type (email, webhook)");
        }
    }

    private void rule(JsonNode r, String where) {
        unknownFields(r, RULE_FIELDS, where);
        String name = text(r, "name", where, true);
        if (name != null && rules.stream().anyMatch(x -> x.name().equals(name))) {
            problems.add(where + ".name: rule '" + name + "' is defined twice");
        }
        Set<AlarmSeverity> severities = EnumSet.noneOf(AlarmSeverity.class);
        for (String s : strings(r, "severities", where)) {
            try {
                severities.add(AlarmSeverity.valueOf(s.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                problems.add(where + ".severities: '" + s + "' is not a severity (INFO, WARNING, MAJOR, CRITICAL)");
            }
        }
        Set<String> classes = new LinkedHashSet<>();
        for (String s : strings(r, "classes", where)) {
            try {
                classes.add(DeviceClass.of(s).id());
            } catch (IllegalArgumentException e) {
                problems.add(where + ".classes: " + e.getMessage());
            }
        }
        List<String> groups = strings(r, "groups", where);
        for (int i = 0; i < groups.size(); i++) {
            if (!knownGroup.test(groups.get(i))) {
                unknownGroups.add(where + ".groups[" + i + "]: no device is in group '" + groups.get(i) + "'");
            }
        }
        Set<String> types = new LinkedHashSet<>();
        strings(r, "types", where).forEach(t -> types.add(t.toUpperCase(Locale.ROOT)));
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : strings(r, "days", where)) {
            days.add(day(d, where));
        }
        Hours hours = hours(r, "hours", where);
        List<String> to = strings(r, "channels", where);
        if (to.isEmpty()) {
            problems.add(where + ".channels: name at least one channel");
        }
        for (int i = 0; i < to.size(); i++) {
            used.putIfAbsent(to.get(i), where + ".channels[" + i + "]");
        }
        int escalate = number(r, "escalateAfterMinutes", where, 0, 0, 7 * 24 * 60);
        List<String> escalateTo = strings(r, "escalateTo", where);
        for (int i = 0; i < escalateTo.size(); i++) {
            used.putIfAbsent(escalateTo.get(i), where + ".escalateTo[" + i + "]");
        }
        if (escalate > 0 && escalateTo.isEmpty()) {
            problems.add(where + ".escalateTo: escalateAfterMinutes needs a channel to escalate to");
        }
        AlarmSeverity bypass = null;
        String b = text(r, "quietBypass", where, false);
        if (b != null) {
            try {
                bypass = AlarmSeverity.valueOf(b.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(where + ".quietBypass: '" + b + "' is not a severity (INFO, WARNING, MAJOR, CRITICAL)");
            }
        }
        if (name != null) {
            rules.add(new Rule(
                    name,
                    severities,
                    classes,
                    groups,
                    types,
                    days,
                    hours,
                    to,
                    Duration.ofMinutes(escalate),
                    escalateTo,
                    hours(r, "quietHours", where),
                    bypass));
        }
    }

    private DayOfWeek day(String d, String where) {
        for (DayOfWeek w : DayOfWeek.values()) {
            if (w.name().startsWith(d.toUpperCase(Locale.ROOT)) && d.length() >= 3) {
                return w;
            }
        }
        problems.add(where + ".days: '" + d + "' is not a day (MON, TUE, ... SUN)");
        return DayOfWeek.MONDAY;
    }

    private Hours hours(JsonNode n, String field, String where) {
        String h = text(n, field, where, false);
        if (h == null) {
            return null;
        }
        try {
            return Hours.parse(h);
        } catch (IllegalArgumentException e) {
            problems.add(where + "." + field + ": " + e.getMessage());
            return null;
        }
    }

    private List<JsonNode> array(JsonNode n, String field, String where) {
        JsonNode a = n.path(field);
        if (a.isMissingNode() || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            problems.add(where + ": " + field + " must be an array");
            return List.of();
        }
        List<JsonNode> all = new ArrayList<>();
        a.forEach(all::add);
        return all;
    }

    private List<String> strings(JsonNode n, String field, String where) {
        List<String> all = new ArrayList<>();
        for (JsonNode s : array(n, field, where)) {
            if (!s.isTextual() || s.asText().isBlank()) {
                problems.add(where + "." + field + ": every entry must be a non-empty string");
            } else {
                all.add(s.asText().trim());
            }
        }
        return all;
    }

    private String text(JsonNode n, String field, String where, boolean required) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            if (required) {
                problems.add(where + "." + field + ": missing");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(where + "." + field + ": must be a non-empty string");
            return null;
        }
        return v.asText().trim();
    }

    private int number(JsonNode n, String field, String where, int dflt, int min, int max) {
        JsonNode v = n.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < min || v.asInt() > max) {
            problems.add(where + "." + field + ": must be a whole number " + min + "-" + max);
            return dflt;
        }
        return v.asInt();
    }

    private void unknownFields(JsonNode n, Set<String> known, String where) {
        if (!n.isObject()) {
            problems.add(where + ": must be an object");
            return;
        }
        n.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                problems.add(where + ": unknown field '" + f + "' (" + String.join(", ", new java.util.TreeSet<>(known))
                        + ")");
            }
        });
    }
}
