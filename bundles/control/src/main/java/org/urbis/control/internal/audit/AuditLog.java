package org.urbis.control.internal.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An append-only, hash-chained audit file. Each record is one line of JSON:
 * {@code {"seq":N,"prev":"<sha-256 of the previous record>","time":"...",...,"hash":"<sha-256 of this record>"}};
 * the hash covers the line up to {@code ,"hash":}. A head file next to it holds the last sequence
 * number and hash, so that records cut off the end are detected too. {@link AuditVerifier}
 * checks a file.
 */
public final class AuditLog implements AutoCloseable {

    /** The {@code prev} of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private final Path file;
    private final Path head;
    private final Clock clock;

    // The chain, guarded by itself: records are numbered, hashed and queued in one order.
    private final Object chain = new Object();
    private long seq;
    private String lastHash;
    /** Records chained but not yet written, one line each. */
    private StringBuilder queued = new StringBuilder(8192);

    // The file, guarded by disk: whoever holds it writes every queued record in one go (group commit).
    private final Object disk = new Object();
    private final BufferedWriter out;
    /** The head, rewritten in place: one positioned write per batch, no temporary file and rename. */
    private final FileChannel headChannel;
    private long written;

    /** Opens (creating if needed) the log, continuing the chain from its last record. */
    public AuditLog(Path file, Clock clock) throws IOException {
        this.file = file;
        this.head = headOf(file);
        this.clock = clock;
        Files.createDirectories(file.toAbsolutePath().getParent());
        long lastSeq = 0;
        String hash = GENESIS;
        if (Files.exists(file)) {
            String last = lastLine(file);
            if (last != null) {
                AuditRecord r = AuditRecord.parse(last);
                lastSeq = r.seq();
                hash = r.hash();
            }
        }
        this.seq = lastSeq;
        this.written = lastSeq;
        this.lastHash = hash;
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        // Opened, not rewritten: a head that disagrees with the file must stay for the verifier to see.
        this.headChannel = FileChannel.open(head, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    }

    /** Always the same length (the sequence number zero-padded), so an overwrite leaves nothing of the old head behind. */
    private void writeHead(long n, String hash) throws IOException {
        String number = Long.toString(n);
        String text = "0".repeat(20 - number.length()) + number + ' ' + hash + '\n';
        ByteBuffer line = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (line.hasRemaining()) {
            headChannel.write(line, line.position());
        }
    }

    /** The head file that goes with an audit file. */
    public static Path headOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".head");
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
            written = last;
        }
    }

    /** The last {@code n} records, oldest first. */
    public List<String> last(int n) throws IOException {
        Deque<String> tail = new ArrayDeque<>();
        synchronized (disk) {
            try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
                lines.forEach(l -> {
                    tail.addLast(l);
                    if (tail.size() > n) {
                        tail.removeFirst();
                    }
                });
            }
        }
        return new ArrayList<>(tail);
    }

    /** Every record, oldest first. */
    public List<String> all() throws IOException {
        synchronized (disk) {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() throws IOException {
        synchronized (disk) {
            try (headChannel) {
                out.close();
            }
        }
    }

    private static String lastLine(Path file) throws IOException {
        String last = null;
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String l : (Iterable<String>) lines::iterator) {
                if (!l.isEmpty()) {
                    last = l;
                }
            }
        }
        return last;
    }
}
