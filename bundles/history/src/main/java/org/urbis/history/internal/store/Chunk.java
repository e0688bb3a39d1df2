package org.urbis.history.internal.store;

/**
 * A sealed run of one point's values. It is stored in two parts: the body (the encoded values) in the
 * chunk map under its number, and this summary in the index under the point and the first value's
 * time, so that a downsampled query takes a chunk that lies inside one bucket from the index alone.
 *
 * @param series      the series it belongs to
 * @param number      its number in the chunk map
 * @param count       values
 * @param first       time of the first
 * @param last        time of the last
 * @param logSeq      the write-ahead log entry this chunk covers the point's values through
 * @param numeric     values that are numbers
 * @param min         smallest number (when numeric > 0)
 * @param max         largest number
 * @param sum         sum of the numbers
 * @param lastNumeric the last number
 */
record Chunk(int series, long number, int count, long first, long last, long logSeq, long numeric, double min, double max,
        double sum, double lastNumeric) {

    private static final byte FORMAT = 1;

    /** The index entry of what an encoder holds. */
    static byte[] summary(long number, SeriesEncoder e, long logSeq) {
        Bytes out = new Bytes(64);
        out.put(FORMAT);
        out.varLong(number);
        out.varLong(e.count);
        out.varLong(e.lastTime - e.firstTime);
        out.varLong(logSeq);
        out.varLong(e.numeric);
        if (e.numeric > 0) {
            out.fixedLong(Double.doubleToRawLongBits(e.min));
            out.fixedLong(Double.doubleToRawLongBits(e.max));
            out.fixedLong(Double.doubleToRawLongBits(e.sum));
            out.fixedLong(Double.doubleToRawLongBits(e.lastNumeric));
        }
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
        Bytes.Reader in = header(body);
        return new SeriesKey((int) in.varLong(), in.varLong());
    }

    static SeriesDecoder decoder(byte[] body) {
        Bytes.Reader in = header(body);
        in.varLong();
        in.varLong();
        return new SeriesDecoder(body, in.position(), body.length);
    }

    private static Bytes.Reader header(byte[] data) {
        Bytes.Reader in = new Bytes.Reader(data, 0, data.length);
        byte format = in.get();
        if (format != FORMAT) {
            throw new IllegalStateException("history chunk of unknown format " + format);
        }
        return in;
    }

    static Chunk read(SeriesKey key, byte[] summary) {
        Bytes.Reader in = header(summary);
        long number = in.varLong();
        int count = (int) in.varLong();
        long last = key.time() + in.varLong();
        long logSeq = in.varLong();
        long numeric = in.varLong();
        double min = Double.NaN;
        double max = Double.NaN;
        double sum = 0;
        double lastNumeric = Double.NaN;
        if (numeric > 0) {
            min = Double.longBitsToDouble(in.fixedLong());
            max = Double.longBitsToDouble(in.fixedLong());
            sum = Double.longBitsToDouble(in.fixedLong());
            lastNumeric = Double.longBitsToDouble(in.fixedLong());
        }
        return new Chunk(key.series(), number, count, key.time(), last, logSeq, numeric, min, max, sum, lastNumeric);
    }
}
