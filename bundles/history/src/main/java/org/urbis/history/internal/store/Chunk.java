package org.urbis.history.internal.store;

/**
 * A sealed run of one point's values. It is stored in two parts: the body (the encoded values) in the
 * chunk map under its number, and this summary in the index under the point and the first value's
 * time, so that a downsampled query takes a chunk that lies inside one bucket from the index alone.
 *
 * @param series the series it belongs to
 * @param number its number in the chunk map
 * @param count  values
 * @param first  time of the first
 * @param last   time of the last
 * @param logSeq the write-ahead log entry this chunk covers the point's values through
 * @param stats  what a bucket needs of the run, or {@code null} for a chunk sealed before summaries carried
 *               its holds (read value by value)
 */
record Chunk(int series, long number, int count, long first, long last, long logSeq, RunStats stats) {

    /** Bodies, and summaries without the holds. */
    private static final byte FORMAT = 1;
    /** Summaries with the holds. */
    private static final byte HOLDS = 2;

    /** The index entry of what an encoder holds. */
    static byte[] summary(long number, SeriesEncoder e, long logSeq) {
        Bytes out = new Bytes(64);
        out.put(HOLDS);
        out.varLong(number);
        out.varLong(logSeq);
        e.stats.write(out, e.firstTime);
        return out.copy(0, out.size());
    }

    /** The stored body: its series and first time (to find its index entry), then the values. */
    static byte[] body(int series, SeriesEncoder e) {
        Bytes out = new Bytes(e.body.size() + 16);
        out.put(FORMAT);
        out.varLong(series);
        out.varLong(e.firstTime);
        out.put(e.body.array(), 0, e.body.size());
        return out.copy(0, out.size());
    }

    /** The index key a stored body belongs under. */
    static SeriesKey key(byte[] body) {
        Bytes.Reader in = body(body);
        return new SeriesKey((int) in.varLong(), in.varLong());
    }

    static SeriesDecoder decoder(byte[] body) {
        Bytes.Reader in = body(body);
        in.varLong();
        in.varLong();
        return new SeriesDecoder(body, in.position(), body.length);
    }

    private static Bytes.Reader body(byte[] data) {
        Bytes.Reader in = new Bytes.Reader(data, 0, data.length);
        byte format = in.get();
        if (format != FORMAT) {
            throw new IllegalStateException("history chunk of unknown format " + format);
        }
        return in;
    }

    static Chunk read(SeriesKey key, byte[] summary) {
        Bytes.Reader in = new Bytes.Reader(summary, 0, summary.length);
        byte format = in.get();
        if (format == HOLDS) {
            long number = in.varLong();
            long logSeq = in.varLong();
            RunStats stats = new RunStats().read(in, key.time());
            return new Chunk(key.series(), number, stats.count, stats.firstTime, stats.lastTime, logSeq, stats);
        }
        if (format != FORMAT) {
            throw new IllegalStateException("history chunk summary of unknown format " + format);
        }
        long number = in.varLong();
        int count = (int) in.varLong();
        long last = key.time() + in.varLong();
        long logSeq = in.varLong();
        return new Chunk(key.series(), number, count, key.time(), last, logSeq, null);
    }
}
