package org.urbis.history.internal.store;

import java.util.Arrays;

/** A growable byte buffer with the variable-length integer encoding history data is written in. */
final class Bytes {

    private byte[] data;
    private int size;

    Bytes(int capacity) {
        data = new byte[Math.max(capacity, 8)];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return data;
    }

    byte[] copy(int from, int to) {
        return Arrays.copyOfRange(data, from, to);
    }

    void clear() {
        size = 0;
    }

    /** Gives back memory a sealed head no longer needs. */
    void trim(int capacity) {
        if (data.length > capacity) {
            data = new byte[capacity];
        }
        size = 0;
    }

    private void room(int n) {
        if (size + n > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, size + n));
        }
    }

    void put(byte b) {
        room(1);
        data[size++] = b;
    }

    void put(byte[] b, int off, int len) {
        room(len);
        System.arraycopy(b, off, data, size, len);
        size += len;
    }

    /** Seven bits a byte, low first; the top bit says another byte follows. */
    void varLong(long v) {
        room(10);
        while ((v & ~0x7FL) != 0) {
            data[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        data[size++] = (byte) v;
    }

    void fixedLong(long v) {
        room(8);
        for (int i = 0; i < 8; i++) {
            data[size++] = (byte) (v >>> (56 - 8 * i));
        }
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** Reads what {@link Bytes} wrote; a read past the end or an over-long number is a corrupt record. */
    static final class Reader {
        private final byte[] data;
        private int pos;
        private final int end;

        Reader(byte[] data, int from, int to) {
            this.data = data;
            this.pos = from;
            this.end = to;
        }

        boolean more() {
            return pos < end;
        }

        int position() {
            return pos;
        }

        byte get() {
            if (pos >= end) {
                throw new IllegalStateException("history record ends early at byte " + pos);
            }
            return data[pos++];
        }

        long varLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = get();
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new IllegalStateException("history record has an over-long number at byte " + pos);
        }

        long fixedLong() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (get() & 0xFF);
            }
            return v;
        }

        byte[] bytes(int n) {
            if (n < 0 || pos + n > end) {
                throw new IllegalStateException("history record ends early at byte " + pos);
            }
            byte[] b = Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return b;
        }
    }
}
