package org.urbis.history.internal.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.urbis.api.event.Alarm;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.history.Bucket;
import org.urbis.api.history.History;
import org.urbis.api.history.Sample;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;

/**
 * The history on disk, in one H2 MVStore file.
 *
 * <p>Each point is a series. Its newest values are encoded in memory ({@link SeriesEncoder}, a few
 * bytes a value) and, at every {@link #commit()}, the bytes added since the last commit go to a
 * write-ahead log as one entry for all series: one small append per commit, whatever the number of
 * points. Once a series' open run is {@code sealAfter} old (or the open runs together take more than
 * {@code sealBytes}), it is sealed into a chunk of its own, and log entries no open run needs any more
 * are dropped; a chunk records the log entry it covers, so a log replayed after a crash never adds a
 * value twice. Chunks are numbered in the order they were sealed and appended to their map, so that
 * sealing rewrites no page of older chunks; a small index maps series and time to chunk numbers.
 * MVStore commits every map together, so what a commit returned for is on disk, a kill of the process
 * included.
 *
 * <p>Retention and the size bound drop whole chunks, oldest sealed first. A point's values must come in
 * time order: one older than the point's last value is refused and counted as late.
 */
public final class HistoryStore implements AutoCloseable {

    /**
     * How the store keeps its data.
     *
     * @param retention how long values and changes are kept
     * @param maxBytes  history data kept at most; the oldest is dropped beyond it
     * @param sealAfter how long a point's newest values stay in the write-ahead log before being sealed
     * @param sealBytes open runs kept in memory at most before the oldest are sealed early
     */
    public record Settings(Duration retention, long maxBytes, Duration sealAfter, long sealBytes) {
        public Settings {
            if (retention.isNegative() || retention.isZero() || maxBytes <= 0 || sealAfter.isNegative() || sealBytes <= 0) {
                throw new IllegalArgumentException("retention, size bound and seal bounds must be positive: " + retention
                        + ", " + maxBytes + ", " + sealAfter + ", " + sealBytes);
            }
        }

        public static Settings defaults() {
            return new Settings(Duration.ofDays(30), 1L << 30, Duration.ofMinutes(10), 64L << 20);
        }
    }

    /** What a retention pass did. */
    public record Maintenance(long chunksDropped, long bytesDropped, Instant cutoff, boolean sizeBoundHit) {
    }

    /** Counters of the store. */
    public record Stats(long fileBytes, long dataBytes, long openBytes, Instant oldest, int series, long appended,
            long committed, long late) {
    }

    private static final String DEVICE = "";
    /** What one chunk or change costs beyond its bytes: its keys, its index entry and MVStore's bookkeeping. */
    private static final int ENTRY_OVERHEAD = 24;
    /**
     * Every seal adds index entries all over the index, so MVStore's copy-on-write leaves most of each
     * file chunk it wrote dead soon after: a retention pass compacts the file for this long at most.
     */
    private static final int COMPACT_MILLIS = 20_000;
    /** Keys of a B-tree page: smaller pages than MVStore's 48 make each seal rewrite a third of the index bytes. */
    private static final int KEYS_PER_PAGE = 16;
    /** How many chunks or devices a retention pass handles before letting the writer in again. */
    private static final int MAINTENANCE_SLICE = 2_000;

    private final Path file;
    private final Settings settings;
    /** Milliseconds since the epoch, now: when runs are due to be sealed and what retention cuts off. */
    private final LongSupplier clock;
    private final MVStore store;
    private final MVMap<String, Integer> seriesIds;
    /** Sealed chunks by number, in the order they were sealed. */
    private final MVMap<Long, byte[]> chunks;
    /** Series and first time of each chunk to its number and summary. */
    private final MVMap<SeriesKey, byte[]> index;
    private final MVMap<SeriesKey, byte[]> changes;
    private final MVMap<Long, byte[]> log;
    private final MVMap<String, Long> meta;

    private final Map<String, Integer> ids = new ConcurrentHashMap<>();
    private final Map<Integer, Head> heads = new HashMap<>();
    private final List<Head> dirty = new ArrayList<>();
    private final ArrayDeque<Head> sealQueue = new ArrayDeque<>();
    private long logSeq;
    private long openBytes;
    private long dataBytes;
    private long appended;
    private volatile long committed;
    private long late;
    /** Held by a commit, a retention pass and a compaction: one at a time, without blocking appends and queries. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Held while the file is compacted; a read that failed meanwhile is taken again under it. */
    private final ReentrantLock compacting = new ReentrantLock();
    /** The file's size after the last compaction. */
    private volatile long compactedBytes;

    /** One series' open run and what the store knows of it. */
    private static final class Head {
        final int series;
        final SeriesEncoder values = new SeriesEncoder(64);
        /** Body bytes already in the log. */
        int logged;
        /** The first log entry holding this run's values. */
        long openedAtSeq;
        long openedAtMillis;
        /** The log entry the series' last chunk covers it through. */
        long sealedThrough;
        long lastTime = Long.MIN_VALUE;

        Head(int series) {
            this.series = series;
        }
    }

    private HistoryStore(Path file, Settings settings, LongSupplier clock) {
        this.file = file;
        this.settings = settings;
        this.clock = clock;
        // Only commit() persists, holding the lock seals and retention passes run under: neither is ever half on disk.
        this.store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().keysPerPage(KEYS_PER_PAGE).open();
        this.seriesIds = store.openMap("series");
        this.chunks = store.openMap("chunks");
        this.index = store.openMap("index", new MVMap.Builder<SeriesKey, byte[]>().keyType(SeriesKey.Type.INSTANCE));
        this.changes = store.openMap("changes", new MVMap.Builder<SeriesKey, byte[]>().keyType(SeriesKey.Type.INSTANCE));
        this.log = store.openMap("log");
        this.meta = store.openMap("meta");
    }

    /** Opens (or creates) the store and replays what the log holds beyond the sealed chunks. */
    public static HistoryStore open(Path file, Settings settings, LongSupplier clock) throws java.io.IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        HistoryStore s = new HistoryStore(file, settings, clock);
        try {
            s.recover();
        } catch (RuntimeException e) {
            s.store.closeImmediately();
            throw e;
        }
        return s;
    }

    private synchronized void recover() {
        ids.putAll(seriesIds);
        dataBytes = meta.getOrDefault("dataBytes", 0L);
        Long last = log.isEmpty() ? null : log.lastKey();
        logSeq = last == null ? meta.getOrDefault("logSeq", 0L) : last;
        Map<Head, Bytes> replay = new HashMap<>();
        List<Head> order = new ArrayList<>();
        for (Map.Entry<Long, byte[]> e : log.entrySet()) {
            Bytes.Reader in = new Bytes.Reader(e.getValue(), 0, e.getValue().length);
            while (in.more()) {
                Head h = head((int) in.varLong());
                byte[] fragment = in.bytes((int) in.varLong());
                if (e.getKey() <= h.sealedThrough) {
                    continue;
                }
                Bytes b = replay.get(h);
                if (b == null) {
                    b = new Bytes(fragment.length * 4);
                    replay.put(h, b);
                    order.add(h);
                    h.openedAtSeq = e.getKey();
                }
                b.put(fragment, 0, fragment.length);
            }
        }
        long now = clock.getAsLong();
        for (Head h : order) {
            Bytes b = replay.get(h);
            SeriesDecoder d = new SeriesDecoder(b.array(), 0, b.size());
            while (d.next()) {
                h.values.append(d.time, d.value(), d.quality(), d.reason());
                h.lastTime = d.time;
            }
            h.logged = h.values.body.size();
            h.openedAtMillis = now;
            openBytes += h.logged;
            sealQueue.add(h);
        }
    }

    private Head head(int series) {
        Head h = heads.get(series);
        if (h == null) {
            h = new Head(series);
            SeriesKey lastKey = index.floorKey(new SeriesKey(series, Long.MAX_VALUE));
            if (lastKey != null && lastKey.series() == series) {
                Chunk c = Chunk.read(lastKey, index.get(lastKey));
                h.lastTime = c.last();
                h.sealedThrough = c.logSeq();
            }
            heads.put(series, h);
        }
        return h;
    }

    private int seriesId(String deviceId, String point) {
        String key = deviceId + '\0' + point;
        Integer id = ids.get(key);
        if (id == null) {
            id = ids.size() + 1;
            seriesIds.put(key, id);
            ids.put(key, id);
        }
        return id;
    }

    // ---- writing ----

    /**
     * Adds one value of a point, in memory until the next {@link #commit()}.
     *
     * @return false when it was refused as late
     */
    public synchronized boolean append(String deviceId, String point, Instant time, Object value, Quality quality,
            QualityReason reason) {
        Head h = head(seriesId(deviceId, point));
        long t = time.toEpochMilli();
        if (t < h.lastTime) {
            late++;
            return false;
        }
        SeriesEncoder v = h.values;
        if (v.count == 0) {
            h.openedAtSeq = logSeq + 1;
            h.openedAtMillis = clock.getAsLong();
            sealQueue.add(h);
        }
        if (h.logged == v.body.size()) {
            dirty.add(h);
        }
        int before = v.body.size();
        v.append(t, value, quality, reason);
        h.lastTime = t;
        openBytes += v.body.size() - before;
        appended++;
        return true;
    }

    /** Records a health change. */
    public synchronized void health(DeviceHealth h) {
        change(h.deviceId(), h.since(), Changes.health(h));
    }

    /** Records an alarm change. */
    public synchronized void alarm(Alarm a) {
        change(a.deviceId(), a.changedAt(), Changes.alarm(a));
    }

    private void change(String deviceId, Instant time, byte[] record) {
        SeriesKey key = new SeriesKey(seriesId(deviceId, DEVICE), time.toEpochMilli());
        byte[] before = changes.get(key);
        byte[] after = record;
        if (before != null) {
            after = new byte[before.length + record.length];
            System.arraycopy(before, 0, after, 0, before.length);
            System.arraycopy(record, 0, after, before.length, record.length);
        }
        changes.put(key, after);
        dataBytes += after.length - (before == null ? -ENTRY_OVERHEAD : before.length);
    }

    /**
     * Makes everything appended so far durable: logs the new bytes of every open run, seals the runs
     * that are due, and commits the store.
     *
     * @return values committed since the store opened
     */
    public long commit() {
        writing.lock();
        try {
            long upTo = logNew();
            sealDue(clock.getAsLong());
            // MVStore writes without the store's lock: appends and queries go on meanwhile.
            store.commit();
            committed = upTo;
        } finally {
            writing.unlock();
        }
        store.sync();
        return committed;
    }

    /** Logs the bytes added to open runs since the last commit; returns how many values that covers. */
    private synchronized long logNew() {
        if (!dirty.isEmpty()) {
            Bytes entry = new Bytes(dirty.size() * 8);
            for (Head h : dirty) {
                int size = h.values.body.size();
                entry.varLong(h.series);
                entry.varLong(size - h.logged);
                entry.put(h.values.body.array(), h.logged, size - h.logged);
                h.logged = size;
            }
            dirty.clear();
            log.append(++logSeq, entry.copy(0, entry.size()));
        }
        meta.put("logSeq", logSeq);
        return appended;
    }

    /**
     * Seals the runs that are due, a slice at a time so that appends and queries need not wait for
     * a whole round of seals, then drops the log entries no open run needs any more.
     */
    private void sealDue(long now) {
        long due = now - settings.sealAfter().toMillis();
        boolean more = true;
        while (more) {
            synchronized (this) {
                for (int i = 0; i < MAINTENANCE_SLICE && (more = due(due)); i++) {
                    seal(sealQueue.poll());
                }
                if (!more) {
                    long needed = sealQueue.isEmpty() ? logSeq + 1 : sealQueue.peek().openedAtSeq;
                    while (!log.isEmpty() && log.firstKey() < needed) {
                        log.remove(log.firstKey());
                    }
                    meta.put("dataBytes", dataBytes);
                }
            }
        }
    }

    private boolean due(long dueMillis) {
        return !sealQueue.isEmpty() && (sealQueue.peek().openedAtMillis <= dueMillis || openBytes > settings.sealBytes());
    }

    /** Seals every open run: for tests and a clean shutdown's smaller log. */
    public void sealAll() {
        writing.lock();
        try {
            synchronized (this) {
                while (!sealQueue.isEmpty()) {
                    seal(sealQueue.poll());
                }
                dirty.clear();
                log.clear();
            }
        } finally {
            writing.unlock();
        }
    }

    private void seal(Head h) {
        SeriesEncoder v = h.values;
        if (v.count == 0) {
            return;
        }
        SeriesKey key = new SeriesKey(h.series, v.firstTime);
        byte[] before = index.get(key);
        SeriesEncoder sealed = v;
        if (before != null) {
            // Only when every value of the chunk before had this same millisecond: merge the two runs.
            byte[] existing = chunks.remove(Chunk.read(key, before).number());
            sealed = new SeriesEncoder(existing.length + v.body.size());
            copy(Chunk.decoder(existing), sealed);
            copy(new SeriesDecoder(v.body.array(), 0, v.body.size()), sealed);
            dataBytes -= existing.length + before.length + ENTRY_OVERHEAD;
        }
        long number = chunks.isEmpty() ? 1 : chunks.lastKey() + 1;
        byte[] body = Chunk.body(h.series, sealed);
        byte[] summary = Chunk.summary(number, sealed, logSeq);
        chunks.put(number, body);
        index.put(key, summary);
        dataBytes += body.length + summary.length + ENTRY_OVERHEAD;
        openBytes -= v.body.size();
        h.sealedThrough = logSeq;
        h.logged = 0;
        v.reset();
    }

    private static void copy(SeriesDecoder from, SeriesEncoder to) {
        while (from.next()) {
            to.append(from.time, from.value(), from.quality(), from.reason());
        }
    }

    // ---- retention ----

    /**
     * Drops chunks and changes beyond the retention, and, while the data exceeds the size bound, the
     * oldest sealed chunks until it is back under 90 % of it. The writer may go on between slices.
     */
    public Maintenance maintain() {
        writing.lock();
        try {
            return dropOld();
        } finally {
            writing.unlock();
        }
    }

    private Maintenance dropOld() {
        long cutoff = clock.getAsLong() - settings.retention().toMillis();
        long target = Long.MAX_VALUE;
        boolean sizeBound = false;
        long dropped = 0;
        long bytes = 0;
        boolean more = true;
        while (more) {
            synchronized (this) {
                if (target == Long.MAX_VALUE && dataBytes > settings.maxBytes()) {
                    target = settings.maxBytes() * 9 / 10;
                }
                more = false;
                for (int i = 0; i < MAINTENANCE_SLICE && !chunks.isEmpty(); i++) {
                    long number = chunks.firstKey();
                    byte[] body = chunks.get(number);
                    SeriesKey key = Chunk.key(body);
                    byte[] summary = index.get(key);
                    if (summary == null) {
                        chunks.remove(number); // a chunk whose seal never reached the index: nothing reads it
                        continue;
                    }
                    Chunk c = Chunk.read(key, summary);
                    boolean old = c.last() < cutoff;
                    if (!old && dataBytes <= target) {
                        break;
                    }
                    if (!old) {
                        sizeBound = true;
                        cutoff = c.last() + 1;
                    }
                    chunks.remove(number);
                    index.remove(key);
                    long size = body.length + summary.length + ENTRY_OVERHEAD;
                    dataBytes -= size;
                    bytes += size;
                    dropped++;
                    more = true;
                }
            }
        }
        List<Integer> devices = ids.entrySet().stream().filter(e -> e.getKey().endsWith("\0")).map(Map.Entry::getValue).toList();
        for (int i = 0; i < devices.size(); i += MAINTENANCE_SLICE) {
            synchronized (this) {
                for (int series : devices.subList(i, Math.min(devices.size(), i + MAINTENANCE_SLICE))) {
                    Cursor<SeriesKey, byte[]> c = changes.cursor(new SeriesKey(series, Long.MIN_VALUE),
                            new SeriesKey(series, cutoff - 1), false);
                    List<SeriesKey> gone = new ArrayList<>();
                    while (c.hasNext()) {
                        gone.add(c.next());
                        dataBytes -= c.getValue().length + ENTRY_OVERHEAD;
                        bytes += c.getValue().length + ENTRY_OVERHEAD;
                    }
                    gone.forEach(changes::remove);
                    dropped += gone.size();
                }
            }
        }
        compact();
        return new Maintenance(dropped, bytes, Instant.ofEpochMilli(cutoff), sizeBound);
    }

    /**
     * Shrinks the file once it is twice the size of the history data in it, or of the file after the last
     * compaction (which the B-trees' own pages take beyond the data): MVStore rewrites the live pages of sparse file
     * chunks, moves chunks to the front and truncates the file. Appends and queries go on meanwhile (a
     * query that read a moved chunk is taken again); commits wait for it. Run by every retention pass,
     * and after a backfill.
     *
     * @return whether it compacted
     */
    public boolean compact() {
        long live;
        synchronized (this) {
            live = dataBytes + openBytes;
        }
        if (store.getFileStore().size() < 2 * Math.max(live, compactedBytes)) {
            return false;
        }
        writing.lock();
        compacting.lock();
        int retention = store.getRetentionTime();
        try {
            store.compactFile(COMPACT_MILLIS);
        } finally {
            // compactFile lets freed space be overwritten at once; from here on, readers get MVStore's usual grace again.
            store.setRetentionTime(retention);
            compactedBytes = store.getFileStore().size();
            compacting.unlock();
            writing.unlock();
        }
        return true;
    }

    /**
     * Runs a read. MVStore's readers do not hold back a compaction, so one that read a chunk a compaction
     * moved fails; it is taken again once the compaction is over, and a second failure is a real one.
     */
    private <T> T read(Supplier<T> query) {
        try {
            return query.get();
        } catch (MVStoreException | IllegalStateException e) {
            compacting.lock();
            try {
                return query.get();
            } finally {
                compacting.unlock();
            }
        }
    }

    // ---- reading ----

    /** Raw values of a point in [from, to), oldest first, at most {@code limit}. */
    public List<Sample> values(String deviceId, String point, Instant from, Instant to, int limit) {
        return read(() -> {
            List<Sample> out = new ArrayList<>();
            scan(deviceId, point, from.toEpochMilli(), to.toEpochMilli(), new Visitor() {
                @Override
                public boolean value(SeriesDecoder d) {
                    out.add(new Sample(Instant.ofEpochMilli(d.time), d.value(), d.quality(), d.reason()));
                    return out.size() < limit;
                }
            });
            return out;
        });
    }

    /** A point's values in [from, to) summarised per step; empty buckets are left out. */
    public List<Bucket> downsampled(String deviceId, String point, Instant from, Instant to, Duration step) {
        long start = from.toEpochMilli();
        long width = step.toMillis();
        long span = to.toEpochMilli() - start;
        if (width <= 0) {
            throw new IllegalArgumentException("step must be at least a millisecond, not " + step);
        }
        long n = span <= 0 ? 0 : (span + width - 1) / width;
        if (n > History.MAX_BUCKETS) {
            throw new IllegalArgumentException("a step of " + step + " makes " + n + " buckets between " + from + " and "
                    + to + ", more than " + History.MAX_BUCKETS);
        }
        return read(() -> {
            Buckets b = new Buckets(start, width, (int) n);
            scan(deviceId, point, start, to.toEpochMilli(), b);
            return b.result();
        });
    }

    /** The device's health changes in [from, to). */
    public List<DeviceHealth> health(String deviceId, Instant from, Instant to) {
        return read(() -> {
            List<DeviceHealth> out = new ArrayList<>();
            changes(deviceId, from, to, out, null);
            return out;
        });
    }

    /** The device's alarm changes in [from, to). */
    public List<Alarm> alarms(String deviceId, Instant from, Instant to) {
        return read(() -> {
            List<Alarm> out = new ArrayList<>();
            changes(deviceId, from, to, null, out);
            return out;
        });
    }

    private void changes(String deviceId, Instant from, Instant to, List<DeviceHealth> health, List<Alarm> alarms) {
        Integer series = ids.get(deviceId + '\0' + DEVICE);
        if (series == null) {
            return;
        }
        Cursor<SeriesKey, byte[]> c = changes.cursor(new SeriesKey(series, from.toEpochMilli()),
                new SeriesKey(series, to.toEpochMilli() - 1), false);
        while (c.hasNext()) {
            c.next();
            Changes.read(deviceId, c.getValue(), health, alarms);
        }
    }

    /** Receives the values of a scan in time order. */
    private abstract static class Visitor {
        /** Takes one value; false stops the scan. */
        abstract boolean value(SeriesDecoder d);

        /** Takes a whole chunk if it can without its values; false to have them one by one. */
        boolean chunk(Chunk c) {
            return false;
        }
    }

    /** Visits the values of one series in [from, to): the sealed chunks, then the open run. */
    private void scan(String deviceId, String point, long from, long to, Visitor visitor) {
        Integer series = ids.get(deviceId + '\0' + Objects.requireNonNull(point, "point"));
        if (series == null || to <= from) {
            return;
        }
        byte[] open = null;
        long openFirst = Long.MAX_VALUE;
        synchronized (this) {
            Head h = heads.get(series);
            if (h != null && h.values.count > 0) {
                open = h.values.body.copy(0, h.values.body.size());
                openFirst = h.values.firstTime;
            }
        }
        // The open run was copied first: a chunk sealed from it since then starts at openFirst and is not read again.
        long chunkEnd = Math.min(to, openFirst);
        SeriesKey floor = index.floorKey(new SeriesKey(series, from));
        SeriesKey start = floor != null && floor.series() == series ? floor : new SeriesKey(series, from);
        if (start.time() < chunkEnd) {
            Cursor<SeriesKey, byte[]> c = index.cursor(start, new SeriesKey(series, chunkEnd - 1), false);
            while (c.hasNext()) {
                Chunk chunk = Chunk.read(c.next(), c.getValue());
                if (chunk.last() < from) {
                    continue;
                }
                if (chunk.first() >= from && chunk.last() < to && visitor.chunk(chunk)) {
                    continue;
                }
                byte[] body = chunks.get(chunk.number());
                if (body == null) {
                    continue; // dropped by retention meanwhile
                }
                if (!visit(Chunk.decoder(body), from, to, visitor)) {
                    return;
                }
            }
        }
        if (open != null) {
            visit(new SeriesDecoder(open, 0, open.length), from, to, visitor);
        }
    }

    private static boolean visit(SeriesDecoder d, long from, long to, Visitor visitor) {
        while (d.next()) {
            if (d.time >= to) {
                return false;
            }
            if (d.time >= from && !visitor.value(d)) {
                return false;
            }
        }
        return true;
    }

    /** Per-bucket count, min, max, sum and last number. */
    private static final class Buckets extends Visitor {
        private final long start;
        private final long width;
        private final long[] count;
        private final long[] numeric;
        private final double[] min;
        private final double[] max;
        private final double[] sum;
        private final double[] last;

        Buckets(long start, long width, int n) {
            this.start = start;
            this.width = width;
            count = new long[n];
            numeric = new long[n];
            min = new double[n];
            max = new double[n];
            sum = new double[n];
            last = new double[n];
        }

        @Override
        boolean value(SeriesDecoder d) {
            int i = (int) ((d.time - start) / width);
            count[i]++;
            if (d.hasNumber()) {
                add(i, 1, d.number, d.number, d.number, d.number);
            }
            return true;
        }

        @Override
        boolean chunk(Chunk c) {
            int i = (int) ((c.first() - start) / width);
            if (i != (int) ((c.last() - start) / width)) {
                return false;
            }
            count[i] += c.count();
            if (c.numeric() > 0) {
                add(i, c.numeric(), c.min(), c.max(), c.sum(), c.lastNumeric());
            }
            return true;
        }

        private void add(int i, long n, double lo, double hi, double total, double lastValue) {
            if (numeric[i] == 0) {
                min[i] = lo;
                max[i] = hi;
            } else {
                min[i] = Math.min(min[i], lo);
                max[i] = Math.max(max[i], hi);
            }
            numeric[i] += n;
            sum[i] += total;
            last[i] = lastValue;
        }

        List<Bucket> result() {
            List<Bucket> out = new ArrayList<>();
            for (int i = 0; i < count.length; i++) {
                if (count[i] > 0) {
                    boolean any = numeric[i] > 0;
                    out.add(new Bucket(Instant.ofEpochMilli(start + i * width), count[i], numeric[i], any ? min[i] : null,
                            any ? max[i] : null, any ? sum[i] / numeric[i] : null, any ? last[i] : null));
                }
            }
            return out;
        }
    }

    // ---- state ----

    public synchronized Stats stats() {
        Instant oldest = chunks.isEmpty() ? null : Instant.ofEpochMilli(Chunk.key(chunks.get(chunks.firstKey())).time());
        return new Stats(store.getFileStore().size(), dataBytes, openBytes, oldest, ids.size(), appended, committed, late);
    }

    public Path file() {
        return file;
    }

    public Settings settings() {
        return settings;
    }

    /** Commits what is pending and closes the file. */
    @Override
    public void close() {
        try {
            commit();
        } finally {
            store.close();
        }
    }
}
