package org.urbis.parking.codec;

/** Checks codecs share: lengths and fixed bytes, refused with the byte that is wrong. */
public final class Frames {

    private Frames() {}

    /** Refuses a payload shorter than {@code min} bytes, naming the first missing byte. */
    public static void atLeast(int fPort, byte[] payload, int min, String what) throws FrameRefused {
        if (payload.length < min) {
            throw new FrameRefused(
                    fPort, payload.length, what + " needs at least " + min + " bytes, got " + payload.length);
        }
    }

    /** Refuses a payload whose length is not exactly {@code length}. */
    public static void exactly(int fPort, byte[] payload, int length, String what) throws FrameRefused {
        if (payload.length != length) {
            throw new FrameRefused(
                    fPort, Math.min(payload.length, length), what + " is " + length + " bytes, got " + payload.length);
        }
    }

    /** The unsigned value of byte {@code i}. */
    public static int u8(byte[] payload, int i) {
        return payload[i] & 0xFF;
    }

    /** The big-endian unsigned 16-bit value at {@code i}. */
    public static int u16(byte[] payload, int i) {
        return (u8(payload, i) << 8) | u8(payload, i + 1);
    }

    /** The big-endian signed 16-bit value at {@code i}. */
    public static int s16(byte[] payload, int i) {
        return (short) u16(payload, i);
    }

    /** Upper-case hex without separators. */
    public static String hex(byte[] payload) {
        StringBuilder sb = new StringBuilder(payload.length * 2);
        for (byte b : payload) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString().toUpperCase(java.util.Locale.ROOT);
    }
}
