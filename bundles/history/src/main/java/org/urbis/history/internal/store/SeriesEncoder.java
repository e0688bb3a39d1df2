package org.urbis.history.internal.store;

import java.nio.charset.StandardCharsets;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;

/**
 * Encodes the values of one point, in time order, into a compact body, and keeps the summary a sealed
 * chunk carries ({@link RunStats}).
 *
 * <p>Each value starts with its time as a delta of deltas (one byte when a point reports at a steady
 * rate), whose lowest bit says whether a new tag follows. The tag (kind of value, decimal scale,
 * quality, reason) is written only when it changes. Numbers that are decimals with up to six places
 * (most field readings: 230.4 V, 17 %) are stored as scaled integers, each as the difference to the
 * one before; other doubles take eight bytes, booleans none (they are in the tag).
 */
final class SeriesEncoder {

    static final int NONE = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;
    static final int INT = 3;
    static final int DECIMAL = 4;
    static final int DOUBLE = 5;
    static final int STRING = 6;

    static final int MAX_SCALE = 6;
    static final double[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};
    private static final double EXACT = 9.007199254740992E15; // 2^53

    final Bytes body;
    int count;
    long firstTime;
    long lastTime;
    private long prevDelta;
    private int tag = -1;
    private long prevLong;
    /** The summary of what the encoder holds. */
    final RunStats stats = new RunStats();

    SeriesEncoder(int capacity) {
        body = new Bytes(capacity);
    }

    /** Forgets everything, ready for the next chunk. */
    void reset() {
        body.trim(64);
        count = 0;
        prevDelta = 0;
        tag = -1;
        prevLong = 0;
        stats.reset();
    }

    /** Appends one value; its time must not lie before the last one's. */
    void append(long time, Object value, Quality quality, QualityReason reason) {
        int kind;
        int scale = 0;
        long asLong = 0;
        double asDouble = Double.NaN;
        if (value == null) {
            kind = NONE;
        } else if (value instanceof Boolean b) {
            kind = b ? TRUE : FALSE;
            asDouble = b ? 1 : 0;
        } else if (value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte) {
            kind = INT;
            asLong = ((Number) value).longValue();
            asDouble = asLong;
        } else if (value instanceof Number n) {
            asDouble = n.doubleValue();
            scale = decimalScale(asDouble);
            if (scale >= 0) {
                kind = DECIMAL;
                asLong = (long) Math.rint(asDouble * POW10[scale]);
            } else {
                kind = DOUBLE;
                scale = 0;
            }
        } else {
            kind = STRING;
        }
        int newTag = kind | scale << 3 | quality.ordinal() << 6 | reason.ordinal() << 8;
        boolean changed = newTag != tag;

        long dod;
        if (count == 0) {
            dod = time;
            firstTime = time;
            prevDelta = 0;
        } else {
            long delta = time - lastTime;
            dod = delta - prevDelta;
            prevDelta = delta;
        }
        lastTime = time;
        body.varLong(Bytes.zigzag(dod) << 1 | (changed ? 1 : 0));
        if (changed) {
            body.varLong(newTag);
            tag = newTag;
            prevLong = 0;
        }
        switch (kind) {
            case INT, DECIMAL -> {
                body.varLong(Bytes.zigzag(asLong - prevLong));
                prevLong = asLong;
            }
            case DOUBLE -> body.fixedLong(Double.doubleToRawLongBits(asDouble));
            case STRING -> {
                byte[] utf8 = value.toString().getBytes(StandardCharsets.UTF_8);
                body.varLong(utf8.length);
                body.put(utf8, 0, utf8.length);
            }
            default -> {}
        }
        count++;
        stats.add(time, asDouble, holds(quality, reason));
    }

    /**
     * Whether a number with this quality holds until the next value: a BAD reading, or one the platform
     * marked stale because nothing refreshes it any more, says nothing of the time after it.
     */
    static boolean holds(Quality quality, QualityReason reason) {
        return quality != Quality.BAD && reason != QualityReason.STALE;
    }

    /**
     * The smallest number of decimal places, at most six, that gives the value back exactly, preferring
     * the scale in use so that a point does not flip between 230 and 230.4; -1 when there is none.
     */
    private int decimalScale(double v) {
        int current = tag >= 0 && (tag & 7) == DECIMAL ? (tag >> 3) & 7 : -1;
        if (current >= 0 && exactAt(v, current)) {
            return current;
        }
        for (int k = 0; k <= MAX_SCALE; k++) {
            if (exactAt(v, k)) {
                return k;
            }
        }
        return -1;
    }

    private static boolean exactAt(double v, int scale) {
        double s = v * POW10[scale];
        if (!(Math.abs(s) < EXACT)) {
            return false;
        }
        double r = Math.rint(s);
        return r / POW10[scale] == v && !(r == 0 && Double.doubleToRawLongBits(v) != 0);
    }
}
