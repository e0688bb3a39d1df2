package org.urbis.modbus.sunspec;

/**
 * The SunSpec data types, with the registers each takes and the value that means "not implemented"
 * (SunSpec Information Model Specification, table of types).
 */
public enum SunSpecType {
    INT16(1),
    UINT16(1),
    ACC16(1),
    ENUM16(1),
    BITFIELD16(1),
    /** A scale factor: the power of ten a point's raw value is multiplied by, -10..10. */
    SUNSSF(1),
    INT32(2),
    UINT32(2),
    ACC32(2),
    ENUM32(2),
    BITFIELD32(2),
    ACC64(4),
    FLOAT32(2),
    /** Text of a fixed number of registers, two characters each; its size comes from the point. */
    STRING(0),
    PAD(1);

    private final int words;

    SunSpecType(int words) {
        this.words = words;
    }

    /** Registers one value takes; 0 for {@link #STRING}, whose length the point gives. */
    public int words() {
        return words;
    }

    /**
     * The raw value at {@code words[at]}, or {@code null} when it is this type's "not implemented"
     * value: 0x8000 (int16, sunssf), 0xFFFF (uint16, enum16, bitfield16), 0 (acc16, acc32, acc64),
     * 0x80000000 (int32), 0xFFFFFFFF (uint32, enum32, bitfield32), NaN (float32).
     */
    public Double raw(int[] words, int at) {
        int w0 = words[at] & 0xFFFF;
        switch (this) {
            case INT16:
            case SUNSSF:
                return w0 == 0x8000 ? null : (double) (short) w0;
            case UINT16:
            case ENUM16:
            case BITFIELD16:
                return w0 == 0xFFFF ? null : (double) w0;
            case ACC16:
                return w0 == 0 ? null : (double) w0;
            case PAD:
                return null;
            default:
                break;
        }
        long w32 = ((long) w0 << 16) | (words[at + 1] & 0xFFFF);
        switch (this) {
            case INT32:
                return w32 == 0x80000000L ? null : (double) (int) w32;
            case UINT32:
            case ENUM32:
            case BITFIELD32:
                return w32 == 0xFFFFFFFFL ? null : (double) w32;
            case ACC32:
                return w32 == 0 ? null : (double) w32;
            case FLOAT32: {
                float f = Float.intBitsToFloat((int) w32);
                return Float.isNaN(f) ? null : Double.parseDouble(Float.toString(f));
            }
            case ACC64: {
                long v = (w32 << 32) | ((long) (words[at + 2] & 0xFFFF) << 16) | (words[at + 3] & 0xFFFF);
                // an accumulator counts up from 0: above 2^63 it has wrapped, which a double cannot tell apart
                return v == 0 ? null : (double) (v & Long.MAX_VALUE);
            }
            default:
                throw new IllegalStateException(this + " is not a number");
        }
    }

    /** The registers of a raw value of this type (a one- or two-register number). */
    public int[] encode(long raw) {
        long lo;
        long hi;
        switch (this) {
            case INT16:
                lo = Short.MIN_VALUE + 1;
                hi = Short.MAX_VALUE;
                break;
            case UINT16:
            case ENUM16:
                lo = 0;
                hi = 0xFFFE;
                break;
            case INT32:
                lo = Integer.MIN_VALUE + 1L;
                hi = Integer.MAX_VALUE;
                break;
            case UINT32:
            case ENUM32:
                lo = 0;
                hi = 0xFFFFFFFEL;
                break;
            default:
                throw new IllegalArgumentException("a " + this + " point cannot be written");
        }
        if (raw < lo || raw > hi) {
            throw new IllegalArgumentException("raw " + raw + " does not fit " + this + " (" + lo + ".." + hi + ")");
        }
        return words == 1
                ? new int[] {(int) raw & 0xFFFF}
                : new int[] {(int) (raw >>> 16) & 0xFFFF, (int) raw & 0xFFFF};
    }
}
