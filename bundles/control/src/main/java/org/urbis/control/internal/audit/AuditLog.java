package org.urbis.control.internal.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An append-only, hash-chained audit log. Each record is one line of JSON:
 * {@code {"seq":N,"prev":"<sha-256 of the previous record>","time":"...",...,"hash":"<sha-256 of this record>"}};
 * the hash covers the line up to {@code ,"hash":}. A head file next to it holds the last sequence
 * number and hash, so that records cut off the end are detected too. {@link AuditVerifier}
 * checks the chain.
 *
 * <p>The log is kept in segments: records go to {@code audit.log} until it holds the segment size,
 * then it is renamed {@code audit-<first seq, 20 digits>.log} and a new one begins. The chain runs
 * on across segments. Old segments may be archived elsewhere; opening the log reads only the end
 * of the newest one.
 */
public final class AuditLog implements AutoCloseable {

    /** The {@code prev} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    /** The segment size when none is given. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;

    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");

    private final Path file;
    private final Path head;
    private final Clock clock;
    private final long segmentBytes;

    // The chain, guarded by itself: records are numbered, hashed and queued in one order.
    private final Object chain = new Object();
    private long seq;
    private String lastHash;
    /** Records chained but not yet written, one line each. */
    private StringBuilder queued = new StringBuilder(8192);

    // The file, guarded by disk: whoever holds it writes every queued record in one go (group commit).
    private final Object disk = new Object();
    private BufferedWriter out;
    /** The head, rewritten in place: one positioned write per batch, no temporary file and rename. */
    private final FileChannel headChannel;
    private long written;
    /** Sequence number of the first record of the current segment; 0 while it is empty. */
    private long segmentFirst;
    /** Characters written to the current segment, near enough its size to decide when to start a new one. */
    private long segmentChars;

    /** Opens (creating if needed) the log with segments of the default size. */
    public AuditLog(Path file, Clock clock) throws IOException {
        this(file, clock, DEFAULT_SEGMENT_BYTES);
    }

    /** Opens (creating if needed) the log, continuing the chain from its last record. */
    public AuditLog(Path file, Clock clock, long segmentBytes) throws IOException {
        if (segmentBytes < 1) {
            throw new IllegalArgumentException("the audit segment size must be positive, not " + segmentBytes);
        }
        this.file = file;
        this.head = headOf(file);
        this.clock = clock;
        this.segmentBytes = segmentBytes;
        Files.createDirectories(file.toAbsolutePath().getParent());
        long lastSeq = 0;
        String hash = GENESIS;
        // The newest record: in the current segment, or in the last closed one when a crash came
        // between closing a segment and writing the first record of the next.
        List<Path> segments = segments(file);
        for (int i = segments.size() - 1; i >= 0; i--) {
            String last = lastLine(segments.get(i));
            if (last != null) {
                AuditRecord r;
                try {
                    r = AuditRecord.parse(last);
                } catch (IllegalArgumentException e) {
                    throw new IOException("the last line of " + segments.get(i) + " is not a whole audit record, so the "
                            + "chain cannot be continued; check the log with urbis:audit --verify", e);
                }
                lastSeq = r.seq();
                hash = r.hash();
                break;
            }
        }
        this.seq = lastSeq;
        this.written = lastSeq;
        this.lastHash = hash;
        if (Files.exists(file)) {
            this.segmentChars = Files.size(file);
            String first = firstLine(file);
            this.segmentFirst = first == null ? 0 : AuditRecord.parse(first).seq();
        }
        this.out = openCurrent();
        // Opened, not rewritten: a head that disagrees with the file must stay for the verifier to see.
        this.headChannel = FileChannel.open(head, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    private BufferedWriter openCurrent() throws IOException {
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** Always the same length (the sequence number zero-padded), so an overwrite leaves nothing of the old head behind. */
    private void writeHead(long n, String hash) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((padded(n) + ' ' + hash + '\n').getBytes(StandardCharsets.US_ASCII));
        while (line.hasRemaining()) {
            headChannel.write(line, line.position());
        }
    }

    private static String padded(long n) {
        String number = Long.toString(n);
        return "0".repeat(20 - number.length()) + number;
    }

    /** The head file that goes with an audit file. */
    public static Path headOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".head");
    }

    /** The closed segment whose first record is {@code firstSeq}: {@code audit-<20 digits>.log} beside {@code audit.log}. */
    static Path segmentOf(Path file, long firstSeq) {
        return file.resolveSibling(stem(file) + "-" + padded(firstSeq) + ".log");
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
    }

    /** The closed segments present, oldest first, then the current file if it exists: the chain's order. */
    public static List<Path> segments(Path file) throws IOException {
        Pattern closed = Pattern.compile(Pattern.quote(stem(file)) + "-\\d{20}\\.log");
        List<Path> found = new ArrayList<>();
        Path folder = file.toAbsolutePath().getParent();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> list = Files.list(folder)) {
                list.filter(p -> closed.matcher(p.getFileName().toString()).matches()).forEach(found::add);
            }
        }
        // zero-padded numbers: the names sort in chain order
        Collections.sort(found);
        if (Files.exists(file)) {
            found.add(file);
        }
        return found;
    }

    public Path file() {
        return file;
    }

    /**
     * Appends one record with the given fields (in their iteration order; values may be null and
     * are then left out) and returns its sequence number once the record is in the file.
     * Concurrent appends share one write: the first to reach the file writes every queued record.
     */
    public long append(Map<String, ?> fields) {
        long n;
        synchronized (chain) {
            n = seq + 1;
            StringBuilder body = new StringBuilder(256);
            body.append("{\"seq\":").append(n).append(",\"prev\":\"").append(lastHash).append('"');
            Json.field(body, "time", clock.instant().toString());
            fields.forEach((k, v) -> {
                if (v != null) {
                    Json.field(body, k, v.toString());
                }
            });
            String hash = Sha256.hex(body.toString());
            queued.append(body).append(",\"hash\":\"").append(hash).append("\"}\n");
            seq = n;
            lastHash = hash;
        }
        writeThrough(n);
        return n;
    }

    /** Returns once record {@code n} is in the file, writing the queued records if no one else has. */
    private void writeThrough(long n) {
        synchronized (disk) {
            if (written >= n) {
                return;
            }
            StringBuilder batch;
            long last;
            String hash;
            synchronized (chain) {
                batch = queued;
                queued = new StringBuilder(Math.max(8192, batch.length()));
                last = seq;
                hash = lastHash;
            }
            try {
                out.append(batch);
                out.flush();
                writeHead(last, hash);
            } catch (IOException e) {
                synchronized (chain) {
                    // kept, in order, for the next write: the chain in memory already counts these records
                    queued.insert(0, batch);
                }
                throw new UncheckedIOException("cannot append to the audit log " + file, e);
            }
            if (segmentFirst == 0) {
                segmentFirst = written + 1;
            }
            written = last;
            segmentChars += batch.length();
            if (segmentChars >= segmentBytes) {
                closeSegment();
            }
        }
    }

    /** Renames the full current file to its segment name and starts an empty one; the records are written already. */
    private void closeSegment() {
        try {
            out.close();
            Files.move(file, segmentOf(file, segmentFirst), StandardCopyOption.ATOMIC_MOVE);
            out = openCurrent();
            segmentFirst = 0;
            segmentChars = 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a new segment of the audit log " + file, e);
        }
    }

    /** The last {@code n} records, oldest first, from as many segments as it takes. */
    public List<String> last(int n) throws IOException {
        Deque<String> tail = new ArrayDeque<>();
        synchronized (disk) {
            List<Path> segments = segments(file);
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
        }
        return new ArrayList<>(tail);
    }

    /**
     * The records of the segments that may hold records from {@code since} on, oldest first: the
     * newest segments back to the first one that began at or before {@code since}. Enough to
     * restore what a restart must remember without reading years of history.
     */
    public List<String> since(Instant since) throws IOException {
        synchronized (disk) {
            List<Path> segments = segments(file);
            int from = 0;
            for (int i = segments.size() - 1; i >= 0; i--) {
                Instant began = firstTime(segments.get(i));
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
    }

    /** Every record of every segment present, oldest first. */
    public List<String> all() throws IOException {
        return since(Instant.MIN);
    }

    @Override
    public void close() throws IOException {
        synchronized (disk) {
            try (headChannel) {
                out.close();
            }
        }
    }

    private static Instant firstTime(Path segment) throws IOException {
        String first = firstLine(segment);
        Matcher m = first == null ? null : TIME.matcher(first);
        if (m == null || !m.find()) {
            return null;
        }
        try {
            return Instant.parse(m.group(1));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String firstLine(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isEmpty()).findFirst().orElse(null);
        }
    }

    /** The last non-empty line, read from the end of the file rather than through all of it. */
    private static String lastLine(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int chunk = 64 * 1024;
            while (true) {
                long start = Math.max(0, length - chunk);
                byte[] bytes = new byte[(int) (length - start)];
                raf.seek(start);
                raf.readFully(bytes);
                String text = new String(bytes, StandardCharsets.UTF_8);
                int end = text.length();
                while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
                    end--;
                }
                int newline = text.lastIndexOf('\n', end - 1);
                if (newline >= 0 || start == 0) {
                    String line = text.substring(newline + 1, end);
                    return line.isEmpty() ? null : line;
                }
                chunk *= 4; // a line longer than the chunk: read further back
            }
        }
    }
}
