package org.urbis.control.internal.audit;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.runtime.PlatformThreads;

/**
 * Appends to an audit log: each record is one line of JSON,
 * {@code {"seq":N,"prev":"<sha-256 of the previous record>","time":"...",...,"hash":"<sha-256 of this record>"}};
 * the hash covers the line up to {@code ,"hash":} (see {@link AuditRecord}). After every batch the head file
 * ({@link AuditSegments#headOf}) names the last record, and a full {@code audit.log} is closed as a segment.
 *
 * <p>One writer thread numbers, hashes and writes the records, in the order they were handed
 * over, many at a time: the threads that append never contend for the file. {@link #appendAsync}
 * completes once its record is in the file; {@link #append} waits for that.
 *
 * <p>The writer takes one batch per task rather than looping for ever: a loop that never returns is compiled
 * by the JIT only on the spot, for each writer anew, and so was compiled at the city's first command (over half
 * a second of compiling on two cores), whereas the batch method is compiled once, during the start-up
 * rehearsal of the command path, for every writer. For the same reason a batch goes to the files as bytes in
 * one plain write, whatever its size: through a buffered writer, a city's batch of sixty-four records took
 * branches the rehearsal's small batches never did, and the JIT threw the compiled writer away at the first
 * command.
 */
public final class AuditWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

    /** Records per batch, at most, unless the log is opened with another bound. */
    static final int MAX_BATCH = 64;

    private final Path file;
    private final Clock clock;
    private final long segmentBytes;
    private final int maxBatch;

    /** Records handed over and not yet written, in order; the writer thread takes them. */
    private final ConcurrentLinkedQueue<Pending> handedOver = new ConcurrentLinkedQueue<>();

    /** The writer thread: runs {@link #writeBatch}, one batch at a time. */
    private final ExecutorService writing =
            Executors.newSingleThreadExecutor(PlatformThreads.named("urbis-audit-writer"));
    /** Whether a batch is queued or being written: appenders queue one only when none is. */
    private final AtomicBoolean batchDue = new AtomicBoolean();

    private final Runnable batchTask = this::writeBatch;
    /**
     * Completes the appenders' stages, one batch at a time, so that what they chain on runs here and
     * never holds up the writing.
     */
    private final ExecutorService completions =
            Executors.newSingleThreadExecutor(PlatformThreads.named("urbis-audit-completions"));
    /** Set once close has written the last records: what is handed over later fails. */
    private volatile boolean closed;

    // Owned by the writer thread (and by the constructor and close, before and after it runs).
    /** The lines of the batch being written, reused. */
    private final StringBuilder lines = new StringBuilder(64 * 1024);

    private long seq;
    private String lastHash;
    private OutputStream out;
    /** The head, rewritten in place: one write at its start per batch, no temporary file and rename. */
    private final RandomAccessFile head;
    /** Sequence number of the first record of the current segment; 0 while it is empty. */
    private long segmentFirst;
    /** Characters written to the current segment, near enough its size to decide when to start a new one. */
    private long segmentChars;
    /** The record being chained, reused: a group command's thousands of records need no new buffer each. */
    private final StringBuilder body = new StringBuilder(1024);

    private final RecordTimes times = new RecordTimes();

    /** A record handed over: its time is when it was appended, not when it was written. */
    private record Pending(Instant time, Map<String, ?> fields, CompletableFuture<Long> written) {}

    /**
     * Opens (creating if needed) the log, continuing the chain from its last record.
     *
     * @param maxBatch records per batch, at most: the start-up rehearsal of the command path writes small batches, so
     *                 that the batch method runs often enough for the JIT to compile it fully then, rather than at the
     *                 city's first command (over a third of a second of compiling on two cores)
     */
    public AuditWriter(Path file, Clock clock, long segmentBytes, int maxBatch) throws IOException {
        if (segmentBytes < 1) {
            throw new IllegalArgumentException("the audit segment size must be positive, not " + segmentBytes);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("an audit batch holds at least one record, not " + maxBatch);
        }
        this.file = file;
        this.clock = clock;
        this.segmentBytes = segmentBytes;
        this.maxBatch = maxBatch;
        Files.createDirectories(file.toAbsolutePath().getParent());
        long lastSeq = 0;
        String hash = AuditRecord.GENESIS;
        // The newest record: in the current segment, or in the last closed one when a crash came
        // between closing a segment and writing the first record of the next.
        List<Path> segments = AuditSegments.segments(file);
        for (int i = segments.size() - 1; i >= 0; i--) {
            String last = AuditSegments.lastLine(segments.get(i));
            if (last != null) {
                AuditRecord r;
                try {
                    r = AuditRecord.parse(last);
                } catch (IllegalArgumentException e) {
                    throw new IOException(
                            "the last line of " + segments.get(i) + " is not a whole audit record, so the "
                                    + "chain cannot be continued; check the log with urbis:audit --verify",
                            e);
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
            String first = AuditSegments.firstLine(file);
            this.segmentFirst = first == null ? 0 : AuditRecord.parse(first).seq();
        }
        this.out = openCurrent();
        // Opened, not rewritten: a head that disagrees with the file must stay for the verifier to see.
        this.head = new RandomAccessFile(AuditSegments.headOf(file).toFile(), "rw");
    }

    private OutputStream openCurrent() throws IOException {
        return new FileOutputStream(file.toFile(), true);
    }

    /** Always the same length (the sequence number zero-padded), so an overwrite leaves nothing of the old head behind. */
    private void writeHead(long n, String hash) throws IOException {
        head.seek(0);
        head.write((AuditSegments.padded(n) + ' ' + hash + '\n').getBytes(StandardCharsets.US_ASCII));
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
        batchDue();
        return p.written();
    }

    /** Queues a batch for the writer unless one is queued or being written already. */
    private void batchDue() {
        if (!batchDue.compareAndSet(false, true)) {
            return;
        }
        try {
            writing.execute(batchTask);
        } catch (RejectedExecutionException closing) {
            batchDue.set(false);
            // until close has written the last records itself, this record is among them
            if (closed) {
                failLeftovers();
            }
        }
    }

    private void failLeftovers() {
        for (Pending p = handedOver.poll(); p != null; p = handedOver.poll()) {
            p.written()
                    .completeExceptionally(new UncheckedIOException(
                            "the audit log " + file + " is closed", new IOException("closed")));
        }
    }

    /** Writes the records handed over, up to a batch of them; queues the next batch when more are waiting. */
    private void writeBatch() {
        try {
            writeRecords();
        } finally {
            batchDue.set(false);
        }
        // set free first: an appender that found it taken has handed its record over by now
        if (!handedOver.isEmpty()) {
            batchDue();
        }
    }

    private void writeRecords() {
        Pending p = handedOver.poll();
        if (p == null) {
            return;
        }
        List<Pending> batch = new ArrayList<>(maxBatch);
        lines.setLength(0);
        long firstSeq = seq;
        String firstHash = lastHash;
        do {
            try {
                chain(p);
                batch.add(p);
            } catch (RuntimeException e) {
                // a field that cannot be written down (its toString failed): that record alone fails
                Pending failed = p;
                completions.execute(() -> failed.written().completeExceptionally(e));
            }
        } while (batch.size() < maxBatch && (p = handedOver.poll()) != null);
        if (batch.isEmpty()) {
            return;
        }
        try {
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            writeHead(seq, lastHash);
        } catch (IOException e) {
            // the chain goes on from the last record written, so the file stays verifiable
            seq = firstSeq;
            lastHash = firstHash;
            UncheckedIOException failure = new UncheckedIOException("cannot append to the audit log " + file, e);
            completions.execute(() -> batch.forEach(b -> b.written().completeExceptionally(failure)));
            return;
        }
        if (segmentFirst == 0) {
            segmentFirst = firstSeq + 1;
        }
        segmentChars += lines.length();
        completions.execute(() -> {
            long n = firstSeq;
            for (Pending b : batch) {
                b.written().complete(++n);
            }
        });
        if (segmentChars >= segmentBytes) {
            closeSegment();
        }
    }

    /** Numbers and hashes one record onto the chain and adds its line. */
    private void chain(Pending p) {
        long n = seq + 1;
        StringBuilder body = this.body;
        body.setLength(0);
        body.append("{\"seq\":")
                .append(n)
                .append(",\"prev\":\"")
                .append(lastHash)
                .append('"');
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
            Files.move(file, AuditSegments.segmentOf(file, segmentFirst), StandardCopyOption.ATOMIC_MOVE);
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

    /** Writes every record handed over so far, then closes the files; later appends fail. */
    @Override
    public void close() throws IOException {
        writing.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (writing.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
                LOG.warn("Still writing the audit log {} before closing it", file);
            } catch (InterruptedException e) {
                interrupted = true; // waited for all the same: the writer's batch must end before this thread writes
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        // what came after the writer's last batch: written here, the writer has stopped
        while (!handedOver.isEmpty()) {
            writeRecords();
        }
        closed = true;
        failLeftovers();
        completions.shutdown();
        try (head) {
            out.close();
        }
    }
}
