package org.urbis.history.internal.store;

import java.nio.charset.StandardCharsets;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;

/** Reads back, value by value, a body {@link SeriesEncoder} wrote. */
final class SeriesDecoder {

    private static final Quality[] QUALITIES = Quality.values();
    private static final QualityReason[] REASONS = QualityReason.values();

    private final Bytes.Reader in;
    private int count;
    private long prevDelta;
    private int tag = -1;
    private long prevLong;

    /** The current value's time, kind and, when it is a number, its value; NaN otherwise. */
    long time;

    int kind;
    double number;
    private long asLong;
    private String text;

    SeriesDecoder(byte[] data, int from, int to) {
        this.in = new Bytes.Reader(data, from, to);
    }

    /** Moves to the next value; false at the end. */
    boolean next() {
        if (!in.more()) {
            return false;
        }
        long head = in.varLong();
        long dod = Bytes.unzigzag(head >>> 1);
        if (count == 0) {
            time = dod;
            prevDelta = 0;
        } else {
            prevDelta += dod;
            time += prevDelta;
        }
        if ((head & 1) != 0) {
            tag = (int) in.varLong();
            prevLong = 0;
        } else if (tag < 0) {
            throw new IllegalStateException("history record starts without a tag");
        }
        kind = tag & 7;
        text = null;
        switch (kind) {
            case SeriesEncoder.NONE -> number = Double.NaN;
            case SeriesEncoder.FALSE -> number = 0;
            case SeriesEncoder.TRUE -> number = 1;
            case SeriesEncoder.INT -> {
                prevLong += Bytes.unzigzag(in.varLong());
                asLong = prevLong;
                number = asLong;
            }
            case SeriesEncoder.DECIMAL -> {
                prevLong += Bytes.unzigzag(in.varLong());
                number = prevLong / SeriesEncoder.POW10[scale()];
            }
            case SeriesEncoder.DOUBLE -> number = Double.longBitsToDouble(in.fixedLong());
            case SeriesEncoder.STRING -> {
                text = new String(in.bytes((int) in.varLong()), StandardCharsets.UTF_8);
                number = Double.NaN;
            }
            default -> throw new IllegalStateException("history record has an unknown value kind " + kind);
        }
        count++;
        return true;
    }

    private int scale() {
        int s = (tag >> 3) & 7;
        if (s > SeriesEncoder.MAX_SCALE) {
            throw new IllegalStateException("history record has a decimal scale of " + s);
        }
        return s;
    }

    /** The current value as the platform's values carry it. */
    Object value() {
        return switch (kind) {
            case SeriesEncoder.NONE -> null;
            case SeriesEncoder.FALSE -> Boolean.FALSE;
            case SeriesEncoder.TRUE -> Boolean.TRUE;
            case SeriesEncoder.INT -> asLong;
            case SeriesEncoder.STRING -> text;
            default -> number;
        };
    }

    Quality quality() {
        return QUALITIES[Math.min((tag >> 6) & 3, QUALITIES.length - 1)];
    }

    QualityReason reason() {
        int r = (tag >> 8) & 15;
        return r < REASONS.length ? REASONS[r] : QualityReason.DEVICE_ERROR;
    }

    /** Whether the current value's number holds until the next value ({@link SeriesEncoder#holds}). */
    boolean holds() {
        return SeriesEncoder.holds(quality(), reason());
    }

    boolean hasNumber() {
        return !Double.isNaN(number);
    }
}
