package org.urbis.control.internal.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The append-only, hash-chained audit log in its folder: one {@link AuditWriter}, which appends, and an
 * {@link AuditReader} over the same files. {@link AuditVerifier} checks the chain. The log is kept in segments
 * ({@link AuditSegments}); old ones may be archived elsewhere, and opening the log reads only the end of the newest.
 */
public final class AuditLog implements AutoCloseable {

    /** The segment size when none is given. */
    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;

    private final AuditWriter writer;
    private final AuditReader reader;

    /** Opens (creating if needed) the log with segments of the default size. */
    public AuditLog(Path file, Clock clock) throws IOException {
        this(file, clock, DEFAULT_SEGMENT_BYTES);
    }

    /** Opens (creating if needed) the log, continuing the chain from its last record. */
    public AuditLog(Path file, Clock clock, long segmentBytes) throws IOException {
        this(file, clock, segmentBytes, AuditWriter.MAX_BATCH);
    }

    /** Opens the log writing at most {@code maxBatch} records at a time ({@link AuditWriter#AuditWriter(Path, Clock, long, int)}). */
    public AuditLog(Path file, Clock clock, long segmentBytes, int maxBatch) throws IOException {
        this.writer = new AuditWriter(file, clock, segmentBytes, maxBatch);
        this.reader = new AuditReader(file);
    }

    public AuditWriter writer() {
        return writer;
    }

    public AuditReader reader() {
        return reader;
    }

    /** The current file, {@code audit.log}; the closed segments and the head lie beside it. */
    public Path file() {
        return writer.file();
    }

    /** Every record of every segment present, oldest first. */
    public List<String> all() throws IOException {
        return reader.all();
    }

    /** Writes every record handed over so far, then closes the files; later appends fail. */
    @Override
    public void close() throws IOException {
        writer.close();
    }
}
