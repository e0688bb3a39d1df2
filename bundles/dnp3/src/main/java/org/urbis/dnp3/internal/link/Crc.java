package org.urbis.dnp3.internal.link;

/** CRC-16/DNP (polynomial 0x3D65, reflected, final XOR 0xFFFF), sent low byte first after every block. */
public final class Crc {

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0xA6BC : crc >>> 1;
            }
            TABLE[i] = crc;
        }
    }

    private Crc() {}

    public static int of(byte[] bytes, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ bytes[i]) & 0xFF];
        }
        return ~crc & 0xFFFF;
    }

    /** Whether the two bytes after the block hold its CRC. */
    public static boolean matches(byte[] bytes, int offset, int length) {
        int crc = of(bytes, offset, length);
        return (bytes[offset + length] & 0xFF) == (crc & 0xFF) && (bytes[offset + length + 1] & 0xFF) == crc >>> 8;
    }
}
