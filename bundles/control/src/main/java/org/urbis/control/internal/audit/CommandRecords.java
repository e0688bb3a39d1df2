package org.urbis.control.internal.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandState;

/**
 * The records of commands in the audit log: the fields of a command's RECEIVED record, of each device's state
 * changes and of a group's SUMMARY, in the order they are written; and the RECEIVED records read back, so that
 * a restart remembers the command ids already seen.
 */
public final class CommandRecords {

    private static final Pattern RECEIVED =
            Pattern.compile("\"time\":\"([^\"]+)\",\"event\":\"RECEIVED\",\"command\":\"((?:[^\"\\\\]|\\\\.)*)\".*"
                    + "\"expiry\":\"([^\"]+)\",\"operation\":\"([A-Z]+)\"");

    /**
     * A RECEIVED record read back.
     *
     * @param time      when the command was received
     * @param commandId its id, unescaped
     * @param expiry    when it expires
     * @param operation its operation's name
     */
    public record Received(Instant time, String commandId, Instant expiry, String operation) {}

    private CommandRecords() {}

    /** A command as it came, with its issuer's roles. */
    public static Map<String, Object> received(Command command, Set<String> roles) {
        Map<String, Object> f = fields(command, null, "RECEIVED", null);
        f.put("roles", String.join("|", new TreeSet<>(roles)));
        f.put("reason", command.reason().isEmpty() ? null : command.reason());
        f.put("expiry", command.expiry());
        f.put("operation", command.operation());
        f.put("force", command.force() ? Boolean.TRUE : null);
        return f;
    }

    /** A command refused as a whole ({@code deviceId} null) or for one device, with the point's last known value. */
    public static Map<String, Object> refused(Command command, String deviceId, Object old, String why) {
        Map<String, Object> f = fields(command, deviceId, CommandState.REJECTED.name(), CommandState.RECEIVED);
        f.put("old", old);
        f.put("why", why);
        return f;
    }

    /** One device's command changing state: the value as the point takes it, and the point's value before. */
    public static Map<String, Object> changed(
            Command command,
            String deviceId,
            Object value,
            Object old,
            CommandState from,
            CommandState to,
            String why) {
        Map<String, Object> f = fields(command, deviceId, to.name(), from);
        f.put("value", value);
        f.put("old", old);
        f.put("why", why == null || why.isEmpty() ? null : why);
        return f;
    }

    /** A group command's outcome over its devices. */
    public static Map<String, Object> summary(Command command, CommandState state, String why) {
        Map<String, Object> f = fields(command, null, "SUMMARY", null);
        f.put("state", state);
        f.put("why", why);
        return f;
    }

    private static Map<String, Object> fields(Command command, String deviceId, String event, CommandState from) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("event", event);
        f.put("from", from);
        f.put("command", command.id());
        f.put("issuer", command.issuer());
        f.put("target", command.target());
        f.put("device", deviceId);
        f.put("point", command.point());
        f.put("value", command.value());
        return f;
    }

    /**
     * The RECEIVED record a line holds, if it is one.
     *
     * @throws java.time.format.DateTimeParseException when its time or expiry is not a time
     */
    public static Optional<Received> readReceived(String line) {
        Matcher m = RECEIVED.matcher(line);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Received(
                Instant.parse(m.group(1)),
                m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"),
                Instant.parse(m.group(3)),
                m.group(4)));
    }

    /** {@code "command":"<id, escaped>"} as every record of the command holds it. */
    static String commandField(String commandId) {
        StringBuilder needle = new StringBuilder();
        Json.field(needle, "command", commandId);
        return needle.substring(1);
    }
}
