package org.urbis.dnp3.internal.app;

import java.nio.ByteBuffer;

/** The fields an object's fixed layout is made of; all little endian. */
enum Field {
    FLAGS(1),
    U16(2),
    I16(2),
    U32(4),
    I32(4),
    F32(4),
    F64(8),
    TIME(6),
    REL_TIME(2),
    STATUS(1);

    private final int size;

    Field(int size) {
        this.size = size;
    }

    int size() {
        return size;
    }

    /** Reads the field as a number; times as unsigned milliseconds. */
    double read(ByteBuffer in) {
        return switch (this) {
            case FLAGS, STATUS -> in.get() & 0xFF;
            case U16, REL_TIME -> in.getShort() & 0xFFFF;
            case I16 -> in.getShort();
            case U32 -> in.getInt() & 0xFFFFFFFFL;
            case I32 -> in.getInt();
            case F32 -> in.getFloat();
            case F64 -> in.getDouble();
            case TIME -> readTime(in);
        };
    }

    void write(ByteBuffer out, double value) {
        switch (this) {
            case FLAGS, STATUS -> out.put((byte) (int) value);
            case U16, REL_TIME -> out.putShort((short) (long) value);
            case I16 -> out.putShort((short) value);
            case U32, I32 -> out.putInt((int) (long) value);
            case F32 -> out.putFloat((float) value);
            case F64 -> out.putDouble(value);
            case TIME -> writeTime(out, (long) value);
        }
    }

    static long readTime(ByteBuffer in) {
        long low = in.getInt() & 0xFFFFFFFFL;
        long high = in.getShort() & 0xFFFFL;
        return high << 32 | low;
    }

    static void writeTime(ByteBuffer out, long time) {
        out.putInt((int) time);
        out.putShort((short) (time >>> 32));
    }
}
