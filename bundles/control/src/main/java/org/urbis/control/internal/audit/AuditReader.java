package org.urbis.control.internal.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads an audit log's records, oldest first, from its segments: every record whose append has returned, and
 * perhaps some whose writing is under way. Reads only the segments a question needs.
 */
public final class AuditReader {

    private final Path file;

    /** @param file the log's current file, {@code audit.log}; its closed segments lie beside it */
    public AuditReader(Path file) {
        this.file = file;
    }

    /** The last {@code n} records, oldest first, from as many segments as it takes. */
    public List<String> last(int n) throws IOException {
        return readingSegments(() -> tail(n));
    }

    private List<String> tail(int n) throws IOException {
        Deque<String> tail = new ArrayDeque<>();
        List<Path> segments = AuditSegments.segments(file);
        for (int i = segments.size() - 1; i >= 0 && tail.size() < n; i--) {
            Deque<String> part = new ArrayDeque<>();
            try (Stream<String> lines = Files.lines(segments.get(i), StandardCharsets.UTF_8)) {
                lines.forEach(l -> {
                    part.addLast(l);
                    if (part.size() > n - tail.size()) {
                        part.removeFirst();
                    }
                });
            }
            part.descendingIterator().forEachRemaining(tail::addFirst);
        }
        return new ArrayList<>(tail);
    }

    /**
     * The records of the segments that may hold records from {@code since} on, oldest first: the
     * newest segments back to the first one that began at or before {@code since}. Enough to
     * restore what a restart must remember without reading years of history.
     */
    public List<String> since(Instant since) throws IOException {
        return readingSegments(() -> segmentsSince(since));
    }

    private List<String> segmentsSince(Instant since) throws IOException {
        List<Path> segments = AuditSegments.segments(file);
        int from = 0;
        for (int i = segments.size() - 1; i >= 0; i--) {
            Instant began = AuditSegments.firstTime(segments.get(i));
            if (began != null && !began.isAfter(since)) {
                from = i;
                break;
            }
        }
        List<String> lines = new ArrayList<>();
        for (Path p : segments.subList(from, segments.size())) {
            lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
        }
        return lines;
    }

    private interface SegmentRead {
        List<String> read() throws IOException;
    }

    /** Reads again when the writer closed a segment between listing the files and reading them. */
    private static List<String> readingSegments(SegmentRead read) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.read();
            } catch (NoSuchFileException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * The records of one command (received, each device's state changes, the summary), oldest
     * first, from the segments that may hold records from {@code since} on.
     */
    public List<String> ofCommand(String commandId, Instant since) throws IOException {
        String field = CommandRecords.commandField(commandId);
        return since(since).stream().filter(line -> line.contains(field)).toList();
    }

    /** Every record of every segment present, oldest first. */
    public List<String> all() throws IOException {
        return since(Instant.MIN);
    }
}
