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

    /** A number holds six hours at most: a point that keeps its value longer is rare, a silent dead sensor is not. */
    public static final Duration DEFAULT_MAX_HOLD = Duration.ofHours(6);

    /** What a retention pass did. */
    public record Maintenance(long chunksDropped, long bytesDropped, Instant cutoff, boolean sizeBoundHit) {}

    /** Counters of the store. */
    public record Stats(
            long fileBytes,
            long dataBytes,
            long openBytes,
            Instant oldest,
            int series,
            long appended,
            long committed,
            long late,
            long rollupDays) {}

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
    /** The roll-ups' slot: a bucket whose width is a multiple of it, starting on one, is read from them alone. */
    static final long SLOT = Duration.ofMinutes(15).toMillis();

    static final long DAY = Duration.ofDays(1).toMillis();
    private static final int SLOTS = (int) (DAY / SLOT);
    private static final byte ROLLUP_FORMAT = 1;
    /**
     * Days rolled up at most by one commit (each decodes a day of its point), so that the minutes after midnight
     * do not make commits late; and at most per hold of the store's lock, so that appends do not wait long.
     */
    private static final int ROLLUPS_PER_COMMIT = 200;

    private static final int ROLLUPS_PER_SLICE = 20;

    private final Path file;
    private final HistorySettings settings;
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
    /**
     * Series and start of a day to, per slot of the day, the {@link RunStats} of its values: a point's days lie
     * side by side, so that a month of them is a page or two.
     */
    private final MVMap<SeriesKey, byte[]> rollups;
    /** Days whose values are all sealed and that have no roll-up yet, by {@link #queued}. */
    private final java.util.LinkedHashSet<Long> rollupQueue = new java.util.LinkedHashSet<>();

    private final RunStats[] slots = new RunStats[SLOTS];

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
        /** Time of the series' last sealed value: every day ending before it has all its values sealed. */
        long sealedLast = Long.MIN_VALUE;

        Head(int series) {
            this.series = series;
        }
    }

    private HistoryStore(Path file, HistorySettings settings, LongSupplier clock) {
        this.file = file;
        this.settings = settings;
        this.clock = clock;
        // Only commit() persists, holding the lock seals and retention passes run under: neither is ever half on disk.
        this.store = new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .keysPerPage(KEYS_PER_PAGE)
                .open();
        this.seriesIds = store.openMap("series");
        this.chunks = store.openMap("chunks");
        this.index = store.openMap("index", new MVMap.Builder<SeriesKey, byte[]>().keyType(SeriesKey.Type.INSTANCE));
        this.changes =
                store.openMap("changes", new MVMap.Builder<SeriesKey, byte[]>().keyType(SeriesKey.Type.INSTANCE));
        this.log = store.openMap("log");
        this.meta = store.openMap("meta");
        this.rollups =
                store.openMap("rollups", new MVMap.Builder<SeriesKey, byte[]>().keyType(SeriesKey.Type.INSTANCE));
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new RunStats();
        }
    }

    /** Opens (or creates) the store and replays what the log holds beyond the sealed chunks. */
    public static HistoryStore open(Path file, HistorySettings settings, LongSupplier clock)
            throws java.io.IOException {
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
                h.sealedLast = c.last();
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
    public synchronized boolean append(
            String deviceId, String point, Instant time, Object value, Quality quality, QualityReason reason) {
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
            rollUp(ROLLUPS_PER_COMMIT);
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
        return !sealQueue.isEmpty()
                && (sealQueue.peek().openedAtMillis <= dueMillis || openBytes > settings.sealBytes());
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
        // the days between the last value sealed before and this run's last have all their values sealed now
        long firstDay = Math.floorDiv(
                Math.max(
                        h.sealedLast == Long.MIN_VALUE ? v.firstTime : h.sealedLast,
                        clock.getAsLong() - settings.retention().toMillis()),
                DAY);
        for (long day = firstDay; day < Math.floorDiv(v.lastTime, DAY); day++) {
            rollupQueue.add(queued(day, h.series));
        }
        h.sealedLast = v.lastTime;
        h.sealedThrough = logSeq;
        h.logged = 0;
        v.reset();
    }

    private static void copy(SeriesDecoder from, SeriesEncoder to) {
        while (from.next()) {
            to.append(from.time, from.value(), from.quality(), from.reason());
        }
    }

    // ---- roll-ups ----

    private static long queued(long day, int series) {
        return day << 32 | (series & 0xFFFF_FFFFL);
    }

    /** Rolls up at most {@code limit} queued days, a slice at a time. */
    private void rollUp(int limit) {
        for (int done = 0; done < limit; ) {
            synchronized (this) {
                for (int i = 0; i < ROLLUPS_PER_SLICE && done < limit; i++, done++) {
                    var next = rollupQueue.iterator();
                    if (!next.hasNext()) {
                        return;
                    }
                    long day = next.next();
                    next.remove();
                    rollUpDay((int) day, (day >> 32) * DAY);
                }
            }
        }
    }

    /**
     * Writes the roll-up of one series' day from its sealed chunks, when all its values are sealed (a series'
     * values come in time order, so none can come for a day that ends before its last sealed value). A day
     * without values gets an empty roll-up, so that queries do not ask for it again.
     */
    private void rollUpDay(int series, long dayStart) {
        SeriesKey key = new SeriesKey(series, dayStart);
        long dayEnd = dayStart + DAY;
        if (head(series).sealedLast < dayEnd
                || rollups.containsKey(key)
                || dayEnd <= clock.getAsLong() - settings.retention().toMillis()) {
            return;
        }
        for (RunStats r : slots) {
            r.reset();
        }
        SeriesKey floor = index.floorKey(new SeriesKey(series, dayStart));
        SeriesKey from = floor != null && floor.series() == series ? floor : new SeriesKey(series, dayStart);
        Cursor<SeriesKey, byte[]> c = index.cursor(from, new SeriesKey(series, dayEnd - 1), false);
        while (c.hasNext()) {
            Chunk chunk = Chunk.read(c.next(), c.getValue());
            byte[] body = chunk.last() < dayStart ? null : chunks.get(chunk.number());
            if (body == null) {
                continue;
            }
            SeriesDecoder d = Chunk.decoder(body);
            while (d.next() && d.time < dayEnd) {
                if (d.time >= dayStart) {
                    slots[(int) ((d.time - dayStart) / SLOT)].add(d.time, d.number, d.holds());
                }
            }
        }
        Bytes out = new Bytes(256);
        out.put(ROLLUP_FORMAT);
        for (int i = 0; i < SLOTS; i++) {
            if (slots[i].count > 0) {
                out.varLong(i);
                slots[i].write(out, dayStart + i * SLOT);
            }
        }
        rollups.put(key, out.copy(0, out.size()));
        dataBytes += out.size() + ENTRY_OVERHEAD;
    }

    /** Forgets every roll-up, as a store written before they were kept has none: queries ask for them again. */
    synchronized void dropRollups() {
        for (byte[] r : rollups.values()) {
            dataBytes -= r.length + ENTRY_OVERHEAD;
        }
        rollups.clear();
        rollupQueue.clear();
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
        long droppedThrough = cutoff - 1;
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
                    droppedThrough = Math.max(droppedThrough, c.last());
                    long size = body.length + summary.length + ENTRY_OVERHEAD;
                    dataBytes -= size;
                    bytes += size;
                    dropped++;
                    more = true;
                }
            }
        }
        // a day's roll-up counts values of every chunk of the day: it goes with the first of them
        List<Integer> all = List.copyOf(ids.values());
        for (int i = 0; i < all.size(); i += MAINTENANCE_SLICE) {
            synchronized (this) {
                for (int series : all.subList(i, Math.min(all.size(), i + MAINTENANCE_SLICE))) {
                    Cursor<SeriesKey, byte[]> c = rollups.cursor(
                            new SeriesKey(series, Long.MIN_VALUE), new SeriesKey(series, droppedThrough), false);
                    List<SeriesKey> gone = new ArrayList<>();
                    while (c.hasNext()) {
                        gone.add(c.next());
                        dataBytes -= c.getValue().length + ENTRY_OVERHEAD;
                    }
                    gone.forEach(rollups::remove);
                }
            }
        }
        List<Integer> devices = ids.entrySet().stream()
                .filter(e -> e.getKey().endsWith("\0"))
                .map(Map.Entry::getValue)
                .toList();
        for (int i = 0; i < devices.size(); i += MAINTENANCE_SLICE) {
            synchronized (this) {
                for (int series : devices.subList(i, Math.min(devices.size(), i + MAINTENANCE_SLICE))) {
                    Cursor<SeriesKey, byte[]> c = changes.cursor(
                            new SeriesKey(series, Long.MIN_VALUE), new SeriesKey(series, cutoff - 1), false);
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
            // compactFile lets freed space be overwritten at once; from here on, readers get MVStore's usual grace
            // again.
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
        Integer series = ids.get(deviceId + '\0' + Objects.requireNonNull(point, "point"));
        if (series == null) {
            return List.of();
        }
        return read(() -> {
            List<Sample> out = new ArrayList<>();
            long end = to.toEpochMilli();
            scan(series, from.toEpochMilli(), end, open(series, end), new Visitor() {
                @Override
                public boolean value(SeriesDecoder d) {
                    out.add(new Sample(Instant.ofEpochMilli(d.time), d.value(), d.quality(), d.reason()));
                    return out.size() < limit;
                }
            });
            return out;
        });
    }

    /**
     * A point's values in [from, to) summarised per step, with time-weighted means; buckets in which no value
     * came and no number held are left out. Buckets of whole slots that start on one read the days rolled up
     * from their roll-ups, a slot at a time (a slot the end of the range cuts from its values); other buckets,
     * and days not rolled up, are read from the chunks: a chunk inside one bucket from its summary, others
     * value by value.
     */
    public List<Bucket> downsampled(String deviceId, String point, Instant from, Instant to, Duration step) {
        long start = from.toEpochMilli();
        long end = to.toEpochMilli();
        long width = step.toMillis();
        if (width <= 0) {
            throw new IllegalArgumentException("step must be at least a millisecond, not " + step);
        }
        long n = end <= start ? 0 : (end - start + width - 1) / width;
        if (n > History.MAX_BUCKETS) {
            throw new IllegalArgumentException("a step of " + step + " makes " + n + " buckets between " + from
                    + " and " + to + ", more than " + History.MAX_BUCKETS);
        }
        Integer series = ids.get(deviceId + '\0' + Objects.requireNonNull(point, "point"));
        if (series == null || n == 0) {
            return List.of();
        }
        long maxHold = settings.maxHold().toMillis();
        long now = clock.getAsLong();
        // buckets whose edges cut most slots would read as many runs of values as the chunks give
        boolean onSlots = Math.floorMod(start, SLOT) == 0 && width % SLOT == 0;
        return read(() -> {
            TimeBuckets b = new TimeBuckets(start, end, width, (int) n, maxHold, now);
            Open open = open(series, end);
            BucketVisitor raw = new BucketVisitor(b);
            RunStats slot = new RunStats();
            List<Long> missing = new ArrayList<>();
            // a number from up to maxHold before the first bucket holds into it
            long lead = start - maxHold;
            long rawFrom = lead;
            for (long day = Math.floorDiv(lead, DAY); onSlots && day <= Math.floorDiv(end - 1, DAY); day++) {
                long dayStart = day * DAY;
                // a roll-up is taken only before the open run copied, which may have been sealed and rolled up since
                byte[] rollup = dayStart + DAY <= open.first ? rollups.get(new SeriesKey(series, dayStart)) : null;
                if (rollup == null) {
                    if (dayStart + DAY <= open.first) {
                        missing.add(queued(day, series));
                    }
                    continue;
                }
                scan(series, rawFrom, dayStart, open, raw);
                rawFrom = dayStart + DAY;
                Bytes.Reader in = new Bytes.Reader(rollup, 0, rollup.length);
                if (in.get() != ROLLUP_FORMAT) {
                    throw new IllegalStateException("history roll-up of unknown format " + rollup[0]);
                }
                while (in.more()) {
                    long slotStart = dayStart + in.varLong() * SLOT;
                    slot.read(in, slotStart);
                    if (slot.firstTime >= end) {
                        break;
                    }
                    if (b.fits(slot)) {
                        b.run(slot);
                    } else {
                        scan(series, slotStart, slotStart + SLOT, open, raw);
                    }
                }
            }
            scan(series, rawFrom, end, open, raw);
            if (!missing.isEmpty()) {
                queueRollups(series, missing);
            }
            return b.result();
        });
    }

    /** Queues the days a query found without a roll-up that can have one. */
    private synchronized void queueRollups(int series, List<Long> days) {
        Head h = heads.get(series);
        long oldest = clock.getAsLong() - settings.retention().toMillis();
        for (long key : days) {
            long dayEnd = ((key >> 32) + 1) * DAY;
            if (h != null && dayEnd <= h.sealedLast && dayEnd > oldest && rollupQueue.size() < 1_000_000) {
                rollupQueue.add(key);
            }
        }
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
        Cursor<SeriesKey, byte[]> c = changes.cursor(
                new SeriesKey(series, from.toEpochMilli()), new SeriesKey(series, to.toEpochMilli() - 1), false);
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

    /** A copy of a series' open run, taken before its chunks are read; {@code first} is MAX_VALUE when none. */
    private record Open(byte[] body, long first) {}

    private static final Open NO_OPEN = new Open(null, Long.MAX_VALUE);

    /** Copies the open run of a series when it starts before {@code to}: a query then reads chunks only before it. */
    private synchronized Open open(int series, long to) {
        Head h = heads.get(series);
        if (h == null || h.values.count == 0) {
            return NO_OPEN;
        }
        // a run that starts at or after `to` is not read, but the chunks still end where it starts
        return h.values.firstTime >= to
                ? new Open(null, h.values.firstTime)
                : new Open(h.values.body.copy(0, h.values.body.size()), h.values.firstTime);
    }

    /** Visits the values of one series in [from, to): the sealed chunks before the open run, then the open run. */
    private void scan(int series, long from, long to, Open open, Visitor visitor) {
        if (to <= from) {
            return;
        }
        // A chunk sealed from the open run since it was copied starts at open.first and is not read again.
        long chunkEnd = Math.min(to, open.first);
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
        if (open.body != null && open.first < to) {
            visit(new SeriesDecoder(open.body, 0, open.body.length), from, to, visitor);
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

    /** Hands a scan's values, and chunks that fall into one bucket whole, to the buckets. */
    private static final class BucketVisitor extends Visitor {
        private final TimeBuckets buckets;

        BucketVisitor(TimeBuckets buckets) {
            this.buckets = buckets;
        }

        @Override
        boolean value(SeriesDecoder d) {
            buckets.value(d.time, d.number, d.holds());
            return true;
        }

        @Override
        boolean chunk(Chunk c) {
            if (c.stats() == null || !buckets.fits(c.stats())) {
                return false;
            }
            buckets.run(c.stats());
            return true;
        }
    }

    // ---- state ----

    public synchronized Stats stats() {
        Instant oldest = chunks.isEmpty()
                ? null
                : Instant.ofEpochMilli(Chunk.key(chunks.get(chunks.firstKey())).time());
        return new Stats(
                store.getFileStore().size(),
                dataBytes,
                openBytes,
                oldest,
                ids.size(),
                appended,
                committed,
                late,
                rollups.size());
    }

    public Path file() {
        return file;
    }

    public HistorySettings settings() {
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
