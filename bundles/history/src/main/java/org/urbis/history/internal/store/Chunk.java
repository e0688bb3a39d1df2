package org.urbis.history.internal.store;

/**
 * A sealed run of one point's values as stored: a summary, then the encoded body. The summary lets a
 * downsampled query take a chunk that lies inside one bucket without decoding it.
 *
 * @param series      the series it belongs to
 * @param count       values
 * @param first       time of the first
 * @param last        time of the last
 * @param logSeq      the write-ahead log entry this chunk covers the point's values through
 * @param numeric     values that are numbers
 * @param min         smallest number (when numeric > 0)
 * @param max         largest number
 * @param sum         sum of the numbers
 * @param lastNumeric the last number
 * @param data        the stored bytes
 * @param bodyOffset  where the body starts in {@code data}
 */
record Chunk(int series, int count, long first, long last, long logSeq, long numeric, double min, double max, double sum,
        double lastNumeric, byte[] data, int bodyOffset) {

    private static final byte FORMAT = 1;

    /** The stored form of what an encoder holds. */
    static byte[] encode(int series, SeriesEncoder e, long logSeq) {
        Bytes out = new Bytes(e.body.size() + 64);
        out.put(FORMAT);
        out.varLong(series);
        out.varLong(e.count);
        out.varLong(e.firstTime);
        out.varLong(e.lastTime - e.firstTime);
        out.varLong(logSeq);
        out.varLong(e.numeric);
        if (e.numeric > 0) {
            out.fixedLong(Double.doubleToRawLongBits(e.min));
            out.fixedLong(Double.doubleToRawLongBits(e.max));
            out.fixedLong(Double.doubleToRawLongBits(e.sum));
            out.fixedLong(Double.doubleToRawLongBits(e.lastNumeric));
        }
        out.put(e.body.array(), 0, e.body.size());
        return out.copy(0, out.size());
    }

    static Chunk read(byte[] data) {
        Bytes.Reader in = new Bytes.Reader(data, 0, data.length);
        byte format = in.get();
        if (format != FORMAT) {
            throw new IllegalStateException("history chunk of unknown format " + format);
        }
        int series = (int) in.varLong();
        int count = (int) in.varLong();
        long first = in.varLong();
        long last = first + in.varLong();
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
        return new Chunk(series, count, first, last, logSeq, numeric, min, max, sum, lastNumeric, data, in.position());
    }

    SeriesDecoder decoder() {
        return new SeriesDecoder(data, bodyOffset, data.length);
    }
}
