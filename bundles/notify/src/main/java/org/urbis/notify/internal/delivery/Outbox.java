package org.urbis.notify.internal.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages not delivered yet, on disk, so that a restart takes up their retries where they were:
 * one JSON file, written whole to a temporary file, synced and moved over the old one at every change,
 * so that a crash leaves either the old list or the new one. A file that cannot be read is moved
 * aside (never deleted) and the outbox starts empty.
 */
public final class Outbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {};

    /**
     * One message waiting for its channel.
     *
     * @param channel the channel's name
     * @param attempt the number of the next attempt
     * @param first   when it was first handed over (the give-up time counts from it)
     * @param due     when the next attempt is due
     */
    public record Pending(String channel, Message message, int attempt, Instant first, Instant due) {}

    private final Path file;
    /** By message id: every channel's copy of a message has an id of its own. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    private final Path setAside;

    public Outbox(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path aside = null;
        if (Files.exists(file)) {
            try {
                for (JsonNode n : JSON.readTree(file.toFile())) {
                    Pending p = read(n);
                    pending.put(p.message().id(), p);
                }
            } catch (IOException | RuntimeException e) {
                pending.clear();
                aside = file.resolveSibling(file.getFileName() + ".unreadable-" + System.currentTimeMillis());
                Files.move(file, aside);
            }
        }
        this.setAside = aside;
    }

    /** Where an unreadable outbox found at the start was moved to; {@code null} when there was none. */
    public Path setAside() {
        return setAside;
    }

    public synchronized List<Pending> pending() {
        return List.copyOf(pending.values());
    }

    /** Adds a message or moves it to its next attempt. */
    public synchronized void put(Pending p) {
        pending.put(p.message().id(), p);
        write();
    }

    /** Takes out a message delivered or given up. */
    public synchronized void remove(String messageId) {
        if (pending.remove(messageId) != null) {
            write();
        }
    }

    private void write() {
        ArrayNode all = JSON.createArrayNode();
        pending.values().forEach(p -> all.add(node(p)));
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            try (FileChannel out = FileChannel.open(
                    tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(all));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("notifications waiting for delivery not written to " + file, e);
        }
    }

    private static ObjectNode node(Pending p) {
        Message m = p.message();
        ObjectNode o = JSON.createObjectNode();
        o.put("channel", p.channel());
        o.put("attempt", p.attempt());
        o.put("first", p.first().toString());
        o.put("due", p.due().toString());
        o.put("id", m.id());
        o.put("alarm", m.alarmKey());
        o.put("severity", m.severity());
        o.put("event", m.event());
        o.put("rule", m.rule());
        o.put("subject", m.subject());
        o.put("text", m.text());
        o.set("json", JSON.valueToTree(m.json()));
        return o;
    }

    private static Pending read(JsonNode n) {
        Message m = new Message(
                text(n, "id"),
                text(n, "alarm"),
                text(n, "severity"),
                text(n, "event"),
                text(n, "rule"),
                text(n, "subject"),
                text(n, "text"),
                JSON.convertValue(n.path("json"), FIELDS));
        return new Pending(
                text(n, "channel"),
                m,
                n.path("attempt").asInt(1),
                Instant.parse(text(n, "first")),
                Instant.parse(text(n, "due")));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("outbox entry without '" + field + "'");
        }
        return v.asText();
    }
}
