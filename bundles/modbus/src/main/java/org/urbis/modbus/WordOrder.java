package org.urbis.modbus;

import java.util.Locale;

/**
 * The order of the four bytes of a 32-bit value on the wire, A being the most significant byte
 * (option {@code order}). For 16-bit values only the byte order within the word counts: BADC and
 * DCBA swap the two bytes, ABCD and CDAB do not.
 */
public enum WordOrder {
    /** Big-endian: high word first, high byte first (the Modbus default). */
    ABCD,
    /** Low word first, high byte first ("word swapped", common on PLCs and meters). */
    CDAB,
    /** High word first, bytes swapped in each word. */
    BADC,
    /** Little-endian: low word first, bytes swapped. */
    DCBA;

    static WordOrder parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("order '" + s + "' is not one of ABCD, CDAB, BADC, DCBA");
        }
    }

    boolean swapsBytes() {
        return this == BADC || this == DCBA;
    }

    boolean swapsWords() {
        return this == CDAB || this == DCBA;
    }

    /** The big-endian 32-bit pattern of two registers as read in this order. */
    int combine(int first, int second) {
        int w0 = swapsBytes() ? swap(first) : first;
        int w1 = swapsBytes() ? swap(second) : second;
        return swapsWords() ? (w1 << 16) | w0 : (w0 << 16) | w1;
    }

    /** The two registers to write for a 32-bit pattern. */
    int[] split(int bits) {
        int hi = (bits >>> 16) & 0xFFFF;
        int lo = bits & 0xFFFF;
        if (swapsBytes()) {
            hi = swap(hi);
            lo = swap(lo);
        }
        return swapsWords() ? new int[] {lo, hi} : new int[] {hi, lo};
    }

    int word(int raw) {
        return swapsBytes() ? swap(raw) : raw;
    }

    static int swap(int w) {
        return ((w & 0xFF) << 8) | ((w >>> 8) & 0xFF);
    }
}
