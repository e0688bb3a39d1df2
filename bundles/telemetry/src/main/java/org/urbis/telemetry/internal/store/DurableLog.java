package org.urbis.telemetry.internal.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.runtime.PlatformThreads;

/**
 * A durable, bounded, append-only log of records between the event stream and the broker.
 *
 * <p>Records live in segment files named by the index of their first record. Each record is framed
 * as {@code [int length][int crc32][payload]}. An append writes its whole batch with one write, so
 * what an append accepted survives a crash of the process at once; a sync thread forces the active
 * segment to the device every {@code syncInterval} (group commit) against power loss. The uplink
 * reads in order, and acknowledges what the broker confirmed; fully acknowledged segments are
 * deleted. Opening a log after a crash checks every record's CRC and cuts a torn tail off.
 *
 * <p>Records that had been handed to the uplink (the sent mark) but not acknowledged before a
 * crash or a lost connection are read again: they may reach the broker twice, and are counted.
 */
public final class DurableLog implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(DurableLog.class);
    private static final String SUFFIX = ".seg";
    private static final int HEADER = 8;
    /** Largest record accepted: anything bigger is a bug upstream, not telemetry. */
    public static final int MAX_RECORD = 1 << 20;

    private static final int SPARSE = 256;
    private static final int READ_CHUNK = 256 * 1024;

    private final Path dir;
    private final LogSettings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition dataAvailable = lock.newCondition();
    private final List<Segment> segments = new ArrayList<>();
    private final AckFile ackFile;
    private final Thread syncThread;

    private FileChannel activeChannel;
    private long nextIndex;
    private long acked;
    private long sentHigh;
    private long bytes;

    private Segment readSegment;
    private FileChannel readChannel;
    private Segment readChannelSegment;
    private long readPos;
    private long readIndex;

    private long appended;
    private long acknowledgedCount;
    private long dropped;
    private long possibleDuplicates;
    private final long recoveredUnacked;
    private long tornRecords;
    private boolean full;
    private long lastFullWarning;
    private volatile boolean closed;

    private static final class Segment {
        final long first;
        final Path path;
        long count;
        long size;
        /** Byte position of every SPARSE-th record of the segment. */
        final List<Long> sparse = new ArrayList<>();

        Segment(long first, Path path) {
            this.first = first;
            this.path = path;
        }

        long end() {
            return first + count;
        }

        void noteRecord(long position) {
            if (count % SPARSE == 0) {
                sparse.add(position);
            }
            count++;
        }
    }

    private DurableLog(Path dir, LogSettings settings) throws IOException {
        this.dir = dir;
        this.settings = settings;
        Files.createDirectories(dir);
        this.ackFile = new AckFile(dir.resolve("ack.state"));
        recover();
        this.recoveredUnacked = nextIndex - acked;
        if (settings.syncInterval().isZero()) {
            syncThread = null;
        } else {
            syncThread = PlatformThreads.named("urbis-telemetry-log-sync").newThread(this::syncLoop);
            syncThread.start();
        }
    }

    /** Opens (and recovers) the log in a folder, creating it when missing. */
    public static DurableLog open(Path dir, LogSettings settings) throws IOException {
        return new DurableLog(dir, settings);
    }

    // ---- recovery ----

    private void recover() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            long first;
            try {
                first = Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
            } catch (NumberFormatException e) {
                LOG.warn("Telemetry store: ignoring stray file {}", file);
                continue;
            }
            Segment seg = new Segment(first, file);
            scan(seg);
            segments.add(seg);
        }
        // Drop empty segments but the last; they hold nothing.
        for (int i = segments.size() - 2; i >= 0; i--) {
            if (segments.get(i).count == 0) {
                Files.deleteIfExists(segments.remove(i).path);
            }
        }
        long ackedOnDisk = ackFile.found() ? ackFile.acked() : 0;
        if (segments.isEmpty()) {
            segments.add(newSegment(ackedOnDisk));
        }
        Segment last = segments.get(segments.size() - 1);
        nextIndex = last.end();
        long firstIndex = segments.get(0).first;
        acked = Math.max(firstIndex, Math.min(ackedOnDisk, nextIndex));
        sentHigh = Math.max(acked, Math.min(ackFile.found() ? ackFile.sent() : 0, nextIndex));
        if (!ackFile.found() && nextIndex > firstIndex) {
            // No acknowledgement was ever recorded: everything may have been sent already.
            sentHigh = nextIndex;
        }
        for (Segment s : segments) {
            bytes += s.size;
        }
        activeChannel = FileChannel.open(last.path, StandardOpenOption.WRITE, StandardOpenOption.READ);
        deleteAcknowledgedSegments();
        seekRead(acked);
        ackFile.write(acked, sentHigh);
        if (nextIndex > acked || tornRecords > 0) {
            LOG.info(
                    "Telemetry store {}: {} undelivered records recovered, {} of them possibly sent before; "
                            + "{} damaged records cut off",
                    dir,
                    nextIndex - acked,
                    sentHigh - acked,
                    tornRecords);
        }
    }

    /** Counts a segment's valid records, and cuts it at the first damaged one. */
    private void scan(Segment seg) throws IOException {
        try (FileChannel ch = FileChannel.open(seg.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long pos = 0;
            ByteBuffer header = ByteBuffer.allocate(HEADER);
            CRC32 crc = new CRC32();
            while (pos < size) {
                header.clear();
                if (readFully(ch, header, pos) < HEADER) {
                    break;
                }
                header.flip();
                int len = header.getInt();
                int expected = header.getInt();
                if (len <= 0 || len > MAX_RECORD || pos + HEADER + len > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(len);
                readFully(ch, payload, pos + HEADER);
                payload.flip();
                crc.reset();
                crc.update(payload);
                if ((int) crc.getValue() != expected) {
                    break;
                }
                seg.noteRecord(pos);
                pos += HEADER + len;
            }
            if (pos < size) {
                tornRecords++;
                LOG.warn(
                        "Telemetry store: segment {} is damaged at byte {} of {} (a write torn by a crash); "
                                + "cutting it there after {} good records",
                        seg.path.getFileName(),
                        pos,
                        size,
                        seg.count);
                ch.truncate(pos);
                ch.force(true);
            }
            seg.size = pos;
        }
    }

    private static int readFully(FileChannel ch, ByteBuffer b, long position) throws IOException {
        int total = 0;
        while (b.hasRemaining()) {
            int n = ch.read(b, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private Segment newSegment(long first) throws IOException {
        Path path = dir.resolve(String.format("%020d%s", first, SUFFIX));
        Files.deleteIfExists(path);
        Files.createFile(path);
        return new Segment(first, path);
    }

    // ---- appending ----

    /**
     * Appends records in order.
     *
     * @return how many were accepted; the rest (always a tail of the list) were dropped by the
     *         overflow policy and counted
     */
    public int append(List<byte[]> records) throws IOException {
        int accepted = 0;
        int from = 0;
        long chunkLimit = settings.segmentBytes() / 4;
        while (from < records.size()) {
            int to = from;
            long size = 0;
            while (to < records.size()) {
                byte[] r = records.get(to);
                if (r.length == 0 || r.length > MAX_RECORD) {
                    throw new IllegalArgumentException("record of " + r.length + " bytes: must be 1 to " + MAX_RECORD);
                }
                if (to > from && size + HEADER + r.length > chunkLimit) {
                    break;
                }
                size += HEADER + r.length;
                to++;
            }
            int n = appendChunk(records.subList(from, to), size);
            accepted += n;
            if (n < to - from) {
                dropNewest(records.size() - from - n);
                return accepted;
            }
            from = to;
        }
        return accepted;
    }

    /**
     * Runs file I/O with the caller's interrupt flag cleared and restores it afterwards: an interrupt
     * seen by a FileChannel closes it for good, which would take the log down with one caller.
     */
    private interface IoAction<T> {
        T run() throws IOException;
    }

    private static <T> T uninterrupted(IoAction<T> action) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            return action.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int appendChunk(List<byte[]> chunk, long size) throws IOException {
        return uninterrupted(() -> appendChunkNow(chunk, size));
    }

    private int appendChunkNow(List<byte[]> chunk, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        CRC32 crc = new CRC32();
        for (byte[] r : chunk) {
            crc.reset();
            crc.update(r);
            buf.putInt(r.length).putInt((int) crc.getValue()).put(r);
        }
        buf.flip();
        lock.lock();
        try {
            ensureOpen();
            if (!makeRoom(size)) {
                return 0;
            }
            Segment active = segments.get(segments.size() - 1);
            if (active.count > 0 && active.size + size > settings.segmentBytes()) {
                active = roll();
            }
            long pos = active.size;
            while (buf.hasRemaining()) {
                pos += activeChannel.write(buf, pos);
            }
            long recordPos = active.size;
            for (byte[] r : chunk) {
                active.noteRecord(recordPos);
                recordPos += HEADER + r.length;
            }
            active.size = pos;
            bytes += size;
            nextIndex += chunk.size();
            appended += chunk.size();
            noteRoom();
            dataAvailable.signalAll();
            return chunk.size();
        } finally {
            lock.unlock();
        }
    }

    /** Makes room for {@code size} more bytes by the overflow policy; false when the records must be dropped. */
    private boolean makeRoom(long size) throws IOException {
        long deadline = System.nanoTime() + settings.blockFor().toNanos();
        while (bytes + size > settings.maxBytes()) {
            markFull();
            switch (settings.overflow()) {
                case DROP_OLDEST:
                    if (segments.size() < 2) {
                        roll();
                    }
                    if (segments.size() >= 2) {
                        dropOldestSegment();
                        continue;
                    }
                    return false;
                case BLOCK:
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        notFull.awaitNanos(left);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                    ensureOpen();
                    continue;
                default:
                    return false;
            }
        }
        return true;
    }

    private void markFull() {
        long now = System.nanoTime();
        if (!full || now - lastFullWarning > TimeUnit.MINUTES.toNanos(1)) {
            LOG.warn(
                    "ALARM telemetry store full: {} of {} bytes used, {} records waiting for the broker; "
                            + "overflow policy {} (dropped so far: {})",
                    bytes,
                    settings.maxBytes(),
                    nextIndex - acked,
                    settings.overflow(),
                    dropped);
            lastFullWarning = now;
        }
        full = true;
    }

    private void dropNewest(int n) {
        lock.lock();
        try {
            dropped += n;
        } finally {
            lock.unlock();
        }
    }

    private void dropOldestSegment() throws IOException {
        Segment oldest = segments.remove(0);
        long lost = Math.max(0, oldest.end() - Math.max(acked, oldest.first));
        dropped += lost;
        bytes -= oldest.size;
        if (acked < oldest.end()) {
            acked = oldest.end();
        }
        if (sentHigh < acked) {
            sentHigh = acked;
        }
        if (readSegment == oldest || readIndex < acked) {
            seekRead(acked);
        }
        closeReadChannelOf(oldest);
        Files.deleteIfExists(oldest.path);
        ackFile.write(acked, sentHigh);
        LOG.warn("Telemetry store full: dropped the oldest segment, {} undelivered records lost", lost);
    }

    private Segment roll() throws IOException {
        activeChannel.force(false);
        activeChannel.close();
        Segment seg = newSegment(nextIndex);
        segments.add(seg);
        activeChannel = FileChannel.open(seg.path, StandardOpenOption.WRITE, StandardOpenOption.READ);
        return seg;
    }

    // ---- reading and acknowledging ----

    /**
     * Reads the next records after the read cursor, waiting up to {@code wait} for some to arrive.
     *
     * @param max most records returned
     */
    public List<LogEntry> read(int max, Duration wait) throws IOException, InterruptedException {
        if (!wait.isZero()) {
            awaitData(wait);
        }
        return uninterrupted(() -> readNow(max));
    }

    private void awaitData(Duration wait) throws IOException, InterruptedException {
        lock.lock();
        try {
            ensureOpen();
            if (readIndex >= nextIndex) {
                dataAvailable.await(wait.toNanos(), TimeUnit.NANOSECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    private List<LogEntry> readNow(int max) throws IOException {
        List<LogEntry> out = new ArrayList<>(Math.min(max, 1024));
        lock.lock();
        try {
            ensureOpen();
            while (out.size() < max && readIndex < nextIndex) {
                if (readPos >= readSegment.size) {
                    int i = segments.indexOf(readSegment);
                    if (i < 0 || i + 1 >= segments.size()) {
                        break;
                    }
                    readSegment = segments.get(i + 1);
                    readPos = 0;
                    readIndex = readSegment.first;
                    continue;
                }
                readChunk(out, max);
            }
            for (LogEntry e : out) {
                if (e.index() < sentHigh) {
                    possibleDuplicates++;
                }
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private void readChunk(List<LogEntry> out, int max) throws IOException {
        FileChannel ch = readChannel(readSegment);
        long available = readSegment.size - readPos;
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(READ_CHUNK, available));
        readFully(ch, buf, readPos);
        buf.flip();
        CRC32 crc = new CRC32();
        while (out.size() < max && buf.remaining() >= HEADER) {
            int len = buf.getInt(buf.position());
            int expected = buf.getInt(buf.position() + 4);
            if (len <= 0 || len > MAX_RECORD) {
                throw new IOException("telemetry store segment " + readSegment.path + " damaged at byte " + readPos);
            }
            if (buf.remaining() < HEADER + len) {
                if (buf.position() == 0) {
                    buf = ByteBuffer.allocate(HEADER + len);
                    readFully(ch, buf, readPos);
                    buf.flip();
                    continue;
                }
                break;
            }
            buf.position(buf.position() + HEADER);
            byte[] payload = new byte[len];
            buf.get(payload);
            crc.reset();
            crc.update(payload);
            if ((int) crc.getValue() != expected) {
                throw new IOException("telemetry store record " + readIndex + " fails its CRC check");
            }
            out.add(new LogEntry(readIndex, payload));
            readIndex++;
            readPos += HEADER + len;
        }
    }

    private FileChannel readChannel(Segment seg) throws IOException {
        if (readChannelSegment != seg) {
            if (readChannel != null) {
                readChannel.close();
            }
            readChannel = FileChannel.open(seg.path, StandardOpenOption.READ);
            readChannelSegment = seg;
        }
        return readChannel;
    }

    private void closeReadChannelOf(Segment seg) throws IOException {
        if (readChannelSegment == seg && readChannel != null) {
            readChannel.close();
            readChannel = null;
            readChannelSegment = null;
        }
    }

    /** Places the read cursor on record {@code index} (or the first record after it that still exists). */
    private void seekRead(long index) throws IOException {
        Segment target = segments.get(segments.size() - 1);
        for (Segment s : segments) {
            if (index < s.end()) {
                target = s;
                break;
            }
        }
        readSegment = target;
        if (index <= target.first || target.count == 0) {
            readIndex = target.first;
            readPos = 0;
            return;
        }
        if (index >= target.end()) {
            readIndex = target.end();
            readPos = target.size;
            return;
        }
        int k = (int) ((index - target.first) / SPARSE);
        long pos = target.sparse.get(k);
        long at = target.first + (long) k * SPARSE;
        FileChannel ch = readChannel(target);
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (at < index) {
            header.clear();
            readFully(ch, header, pos);
            pos += HEADER + header.getInt(0);
            at++;
        }
        readIndex = at;
        readPos = pos;
    }

    /**
     * Records that everything before {@code index} has been handed to the broker, so that a crash
     * before its acknowledgement counts those records as possible duplicates.
     */
    public void markSent(long index) throws IOException {
        uninterrupted(() -> {
            markSentNow(index);
            return null;
        });
    }

    private void markSentNow(long index) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            if (index > sentHigh) {
                sentHigh = Math.min(index, nextIndex);
                ackFile.write(acked, sentHigh);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Acknowledges every record before {@code index}: delivered, never to be read again. */
    public void acknowledge(long index) throws IOException {
        uninterrupted(() -> {
            acknowledgeNow(index);
            return null;
        });
    }

    private void acknowledgeNow(long index) throws IOException {
        lock.lock();
        try {
            ensureOpen();
            long upTo = Math.min(index, nextIndex);
            if (upTo <= acked) {
                return;
            }
            acknowledgedCount += upTo - acked;
            acked = upTo;
            if (sentHigh < acked) {
                sentHigh = acked;
            }
            if (readIndex < acked) {
                seekRead(acked);
            }
            deleteAcknowledgedSegments();
            ackFile.write(acked, sentHigh);
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Moves the read cursor back to the first unacknowledged record (after a lost connection). */
    public void rewind() throws IOException {
        uninterrupted(() -> {
            lock.lock();
            try {
                ensureOpen();
                seekRead(acked);
            } finally {
                lock.unlock();
            }
            return null;
        });
    }

    private void deleteAcknowledgedSegments() throws IOException {
        while (segments.size() > 1 && segments.get(0).end() <= acked) {
            Segment s = segments.remove(0);
            bytes -= s.size;
            closeReadChannelOf(s);
            Files.deleteIfExists(s.path);
            if (readSegment == s) {
                seekRead(acked);
            }
        }
        noteRoom();
    }

    /** A full log has room again once it is half empty, or once everything in it is delivered. */
    private void noteRoom() {
        if (full && (bytes < settings.maxBytes() / 2 || acked == nextIndex)) {
            full = false;
            LOG.info("Telemetry store has room again: {} of {} bytes used", bytes, settings.maxBytes());
        }
    }

    /** Index the next appended record will get. */
    public long endIndex() {
        lock.lock();
        try {
            return nextIndex;
        } finally {
            lock.unlock();
        }
    }

    /** Index of the first unacknowledged record. */
    public long ackedIndex() {
        lock.lock();
        try {
            return acked;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a reader waiting in {@link #read} (to make it look at other work). */
    public void wakeReader() {
        lock.lock();
        try {
            dataAvailable.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public LogStats stats() {
        lock.lock();
        try {
            return new LogStats(
                    appended,
                    acknowledgedCount,
                    dropped,
                    nextIndex - acked,
                    bytes,
                    settings.maxBytes(),
                    recoveredUnacked,
                    possibleDuplicates,
                    tornRecords,
                    full);
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    private void syncLoop() {
        long nanos = settings.syncInterval().toNanos();
        while (!closed) {
            FileChannel ch;
            lock.lock();
            try {
                ch = activeChannel;
            } finally {
                lock.unlock();
            }
            try {
                ch.force(false);
            } catch (ClosedChannelException e) {
                // rolled or closed meanwhile: the roll forced it
            } catch (IOException e) {
                LOG.warn("Telemetry store: cannot force {} to disk: {}", dir, e.toString());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(this, nanos);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            dataAvailable.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        if (syncThread != null) {
            // Not interrupt(): an interrupt during I/O closes a FileChannel for good.
            java.util.concurrent.locks.LockSupport.unpark(syncThread);
        }
        lock.lock();
        try {
            try {
                activeChannel.force(false);
            } finally {
                activeChannel.close();
                if (readChannel != null) {
                    readChannel.close();
                }
                ackFile.force();
                ackFile.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            lock.unlock();
        }
    }
}
