package org.urbis.dnp3.internal.link;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * One FT3 frame: 0x05 0x64, length, control, destination and source (little endian), header CRC, then the
 * user data in blocks of up to 16 bytes, each followed by its CRC.
 *
 * @param dir set on frames from a master
 * @param fcb frame count bit, alternating on confirmed primary frames (DFC on secondary frames)
 * @param fcv whether the fcb is valid (primary frames only)
 */
public record LinkFrame(
        boolean dir, LinkFunction function, boolean fcb, boolean fcv, int destination, int source, byte[] data) {

    public static final int MAX_DATA = 250;
    private static final int BLOCK = 16;

    public LinkFrame {
        if (function == null) {
            throw new IllegalArgumentException("a link frame needs a function");
        }
        checkAddress(destination);
        checkAddress(source);
        data = data == null ? new byte[0] : data.clone();
        if (data.length > MAX_DATA) {
            throw new IllegalArgumentException("link user data is at most " + MAX_DATA + " bytes: " + data.length);
        }
    }

    public static LinkFrame primary(boolean dir, LinkFunction function, int destination, int source, byte[] data) {
        return new LinkFrame(dir, function, false, false, destination, source, data);
    }

    public static void checkAddress(int address) {
        if (address < 0 || address > 0xFFFF) {
            throw new IllegalArgumentException("a DNP3 address is 0..65535: " + address);
        }
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public int control() {
        return (dir ? 0x80 : 0)
                | (function.primary() ? 0x40 : 0)
                | (fcb ? 0x20 : 0)
                | (fcv ? 0x10 : 0)
                | function.code();
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + data.length + 2 * (data.length / BLOCK + 1));
        byte[] header = {
            0x05,
            0x64,
            (byte) (5 + data.length),
            (byte) control(),
            (byte) destination,
            (byte) (destination >>> 8),
            (byte) source,
            (byte) (source >>> 8)
        };
        writeBlock(out, header, 0, header.length);
        for (int offset = 0; offset < data.length; offset += BLOCK) {
            writeBlock(out, data, offset, Math.min(BLOCK, data.length - offset));
        }
        return out.toByteArray();
    }

    private static void writeBlock(ByteArrayOutputStream out, byte[] bytes, int offset, int length) {
        out.write(bytes, offset, length);
        int crc = Crc.of(bytes, offset, length);
        out.write(crc);
        out.write(crc >>> 8);
    }

    /** The encoded size of a frame carrying {@code dataLength} bytes of user data. */
    public static int encodedSize(int dataLength) {
        return 10 + dataLength + 2 * ((dataLength + BLOCK - 1) / BLOCK);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinkFrame f
                && dir == f.dir
                && function == f.function
                && fcb == f.fcb
                && fcv == f.fcv
                && destination == f.destination
                && source == f.source
                && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data) * 31 + destination * 7 + source;
    }

    @Override
    public String toString() {
        return "LinkFrame[" + function + " " + source + "->" + destination + (dir ? " DIR" : "") + (fcv ? " FCV" : "")
                + (fcb ? " FCB" : "") + " " + data.length + " bytes]";
    }
}
