package org.urbis.dnp3.internal.transport;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts application fragments into transport segments: one header byte (FIN, FIR, 6-bit sequence) and up to 249
 * bytes.
 */
public final class Segmenter {

    public static final int MAX_PAYLOAD = 249;

    private int sequence;

    public List<byte[]> segments(byte[] fragment) {
        List<byte[]> segments = new ArrayList<>();
        int offset = 0;
        do {
            int size = Math.min(MAX_PAYLOAD, fragment.length - offset);
            byte[] segment = new byte[size + 1];
            boolean first = offset == 0;
            boolean last = offset + size == fragment.length;
            segment[0] = (byte) ((last ? 0x80 : 0) | (first ? 0x40 : 0) | sequence);
            System.arraycopy(fragment, offset, segment, 1, size);
            segments.add(segment);
            sequence = (sequence + 1) & 0x3F;
            offset += size;
        } while (offset < fragment.length);
        return segments;
    }
}
