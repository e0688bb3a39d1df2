package org.urbis.control.internal.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only, hash-chained audit log. Each record is one line of JSON:
 * {@code {"seq":N,"prev":"<sha-256 of the previous record>","time":"...",...,"hash":"<sha-256 of this record>"}};
 * the hash covers the line up to {@code ,"hash":}. A head file next to it holds the last sequence
 * number and hash, so that records cut off the end are detected too. {@link AuditVerifier}
 * checks the chain.
 *
 * <p>One writer thread numbers, hashes and writes the records, in the order they were handed
 * over, many at a time: the threads that append never contend for the file. {@link #appendAsync}
 * completes once its record is in the file; {@link #append} waits for that.
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

    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final Pattern TIME = Pattern.compile("\"time\":\"([^\"]+)\"");

    private final Path file;
    private final Path head;
    private final Clock clock;
    private final long segmentBytes;

    /** Records handed over and not yet written, in order; the writer thread takes them. */
    private final ConcurrentLinkedQueue<Pending> handedOver = new ConcurrentLinkedQueue<>();
    private final Thread writer;
    /**
     * Completes the appenders' stages, one batch at a time, so that what they chain on runs here and
     * never holds up the writing.
     */
    private final ExecutorService completions = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "urbis-audit-completions");
        t.setDaemon(true);
        return t;
    });
    /** Set by the writer before it parks, so that appenders wake it only when it needs waking. */
    private volatile boolean writerIdle;
    private volatile boolean closing;

    // Owned by the writer thread (and by the constructor and close, before and after it runs).
    private long seq;
    private String lastHash;
    private BufferedWriter out;
    /** The head, rewritten in place: one positioned write per batch, no temporary file and rename. */
    private final FileChannel headChannel;
    /** Sequence number of the first record of the current segment; 0 while it is empty. */
    private long segmentFirst;
    /** Characters written to the current segment, near enough its size to decide when to start a new one. */
    private long segmentChars;
    /** The record being chained, reused: a group command's thousands of records need no new buffer each. */
    private final StringBuilder body = new StringBuilder(1024);
    private final RecordTimes times = new RecordTimes();

    /** A record handed over: its time is when it was appended, not when it was written. */
    private record Pending(Instant time, Map<String, ?> fields, CompletableFuture<Long> written) {
    }

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
        this.lastHash = hash;
        if (Files.exists(file)) {
            this.segmentChars = Files.size(file);
            String first = firstLine(file);
            this.segmentFirst = first == null ? 0 : AuditRecord.parse(first).seq();
        }
        this.out = openCurrent();
        // Opened, not rewritten: a head that disagrees with the file must stay for the verifier to see.
        this.headChannel = FileChannel.open(head, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.writer = new Thread(this::writeLoop, "urbis-audit-writer");
        writer.setDaemon(true);
        writer.start();
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
     * are then left out) and returns its sequence number once the record is in the file. Not to be
     * called from what is chained on {@link #appendAsync}: that runs where this waits.
     *
     * @throws UncheckedIOException when the record could not be written
     */
    public long append(Map<String, ?> fields) {
        try {
            return appendAsync(fields).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof UncheckedIOException u ? u : e;
        }
    }

    /**
     * Hands one record over to be written and returns at once; the stage completes with its
     * sequence number once the record is in the file, or fails with {@link UncheckedIOException}.
     * Records are written in the order they were handed over, so a record's completion means every
     * record appended before it is written too. {@code fields} must not change afterwards.
     */
    public CompletableFuture<Long> appendAsync(Map<String, ?> fields) {
        Pending p = new Pending(clock.instant(), fields, new CompletableFuture<>());
        handedOver.add(p);
        if (writerIdle) {
            LockSupport.unpark(writer);
        }
        if (closing && !writer.isAlive()) {
            failLeftovers(); // closed between the check above and the hand-over
        }
        return p.written();
    }

    private void failLeftovers() {
        for (Pending p = handedOver.poll(); p != null; p = handedOver.poll()) {
            p.written().completeExceptionally(new UncheckedIOException("the audit log " + file + " is closed",
                    new IOException("closed")));
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        StringBuilder lines = new StringBuilder(64 * 1024);
        while (true) {
            Pending p = handedOver.poll();
            if (p == null) {
                if (closing) {
                    return;
                }
                writerIdle = true;
                if (handedOver.isEmpty() && !closing) {
                    LockSupport.park(this);
                }
                writerIdle = false;
                continue;
            }
            batch.clear();
            lines.setLength(0);
            long firstSeq = seq;
            String firstHash = lastHash;
            do {
                try {
                    chain(p, lines);
                    batch.add(p);
                } catch (RuntimeException e) {
                    // a field that cannot be written down (its toString failed): that record alone fails
                    Pending failed = p;
                    completions.execute(() -> failed.written().completeExceptionally(e));
                }
            } while (batch.size() < 4_096 && (p = handedOver.poll()) != null);
            if (batch.isEmpty()) {
                continue;
            }
            List<Pending> done = List.copyOf(batch);
            try {
                out.append(lines);
                out.flush();
                writeHead(seq, lastHash);
            } catch (IOException e) {
                // the chain goes on from the last record written, so the file stays verifiable
                seq = firstSeq;
                lastHash = firstHash;
                UncheckedIOException failure = new UncheckedIOException("cannot append to the audit log " + file, e);
                completions.execute(() -> done.forEach(b -> b.written().completeExceptionally(failure)));
                continue;
            }
            if (segmentFirst == 0) {
                segmentFirst = firstSeq + 1;
            }
            segmentChars += lines.length();
            completions.execute(() -> {
                long n = firstSeq;
                for (Pending b : done) {
                    b.written().complete(++n);
                }
            });
            if (segmentChars >= segmentBytes) {
                closeSegment();
            }
        }
    }

    /** Numbers and hashes one record onto the chain and adds its line. */
    private void chain(Pending p, StringBuilder lines) {
        long n = seq + 1;
        StringBuilder body = this.body;
        body.setLength(0);
        body.append("{\"seq\":").append(n).append(",\"prev\":\"").append(lastHash).append('"');
        Json.field(body, "time", times.format(p.time()));
        p.fields().forEach((k, v) -> {
            if (v != null) {
                Json.field(body, k, v.toString());
            }
        });
        String hash = Sha256.hex(body.toString());
        lines.append(body).append(",\"hash\":\"").append(hash).append("\"}\n");
        seq = n;
        lastHash = hash;
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
            // the records are safe in the full segment; the current file goes on, and the next full one tries again
            LOG.error("Cannot start a new segment of the audit log {}: {}", file, e.toString());
            try {
                out = openCurrent();
            } catch (IOException again) {
                LOG.error("Cannot reopen the audit log {}: {}", file, again.toString());
            }
        }
    }

    /**
     * The last {@code n} records, oldest first, from as many segments as it takes: every record
     * whose append has returned, and perhaps some whose writing is under way.
     */
    public List<String> last(int n) throws IOException {
        return readingSegments(() -> tail(n));
    }

    private List<String> tail(int n) throws IOException {
        Deque<String> tail = new ArrayDeque<>();
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
        StringBuilder needle = new StringBuilder();
        Json.field(needle, "command", commandId);
        String field = needle.substring(1); // "command":"<id, escaped>"
        return since(since).stream().filter(line -> line.contains(field)).toList();
    }

    /** Every record of every segment present, oldest first. */
    public List<String> all() throws IOException {
        return since(Instant.MIN);
    }

    /** Writes every record handed over so far, then closes the files; later appends fail. */
    @Override
    public void close() throws IOException {
        closing = true;
        LockSupport.unpark(writer);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failLeftovers();
        completions.shutdown();
        try (headChannel) {
            out.close();
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
