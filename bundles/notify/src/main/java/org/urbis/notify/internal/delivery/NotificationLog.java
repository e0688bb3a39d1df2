package org.urbis.notify.internal.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.notify.NotificationRecord;

/**
 * Every notification sent, failed or skipped, one JSON object a line, appended and flushed as it
 * happens. When the file passes its size it becomes {@code <name>.1} (the one before is dropped),
 * so the log keeps between one and two sizes of the newest records.
 */
public final class NotificationLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationLog.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final long maxBytes;
    private BufferedWriter out;

    public NotificationLog(Path file, long maxBytes) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        Files.createDirectories(file.getParent());
        open();
    }

    private void open() throws IOException {
        out = Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public synchronized void append(NotificationRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("time", r.time().toString());
        o.put("alarm", r.alarm());
        o.put("severity", r.severity());
        o.put("event", r.event());
        o.put("rule", r.rule());
        o.put("channel", r.channel());
        o.put("outcome", r.outcome());
        o.put("attempt", r.attempt());
        o.put("detail", r.detail());
        try {
            out.write(o.toString());
            out.write('\n');
            out.flush();
            if (Files.size(file) > maxBytes) {
                out.close();
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
                open();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("notification record not written to " + file, e);
        }
    }

    /** The records since an instant, oldest first, at most the newest {@code limit}. */
    public synchronized List<NotificationRecord> since(Instant since, int limit) {
        Deque<NotificationRecord> newest = new ArrayDeque<>();
        for (Path f : List.of(file.resolveSibling(file.getFileName() + ".1"), file)) {
            if (!Files.exists(f)) {
                continue;
            }
            try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
                lines.forEach(line -> {
                    NotificationRecord r = parse(line);
                    if (r != null && !r.time().isBefore(since)) {
                        newest.addLast(r);
                        if (newest.size() > limit) {
                            newest.removeFirst();
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("notification records not read from " + f, e);
            }
        }
        return new ArrayList<>(newest);
    }

    private static NotificationRecord parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return new NotificationRecord(
                    Instant.parse(n.path("time").asText()),
                    n.path("alarm").asText(),
                    n.path("severity").asText(),
                    n.path("event").asText(),
                    n.path("rule").asText(),
                    n.path("channel").asText(),
                    n.path("outcome").asText(),
                    n.path("attempt").asInt(),
                    n.path("detail").asText());
        } catch (IOException | RuntimeException e) {
            LOG.warn(
                    "Skipping an unreadable notification record: {}",
                    line.length() > 80 ? line.substring(0, 80) : line);
            return null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
