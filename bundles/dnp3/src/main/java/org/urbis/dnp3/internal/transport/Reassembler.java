package org.urbis.dnp3.internal.transport;

import java.io.ByteArrayOutputStream;

/**
 * Joins transport segments into a fragment. A FIR segment always starts over; a segment without FIR must carry
 * the next sequence number, otherwise the fragment being built is dropped and the segment discarded.
 */
public final class Reassembler {

    private final int maxFragment;
    private final ByteArrayOutputStream fragment = new ByteArrayOutputStream();
    private boolean assembling;
    private int expected;
    private long discarded;

    public Reassembler(int maxFragment) {
        this.maxFragment = maxFragment;
    }

    /** The complete fragment this segment finishes, or null. */
    public byte[] accept(byte[] segment) {
        if (segment.length < 1) {
            discarded++;
            return null;
        }
        int header = segment[0] & 0xFF;
        boolean fin = (header & 0x80) != 0;
        boolean fir = (header & 0x40) != 0;
        int sequence = header & 0x3F;
        if (fir) {
            if (assembling) {
                discarded++;
            }
            fragment.reset();
            assembling = true;
        } else if (!assembling || sequence != expected) {
            if (assembling) {
                discarded++;
            }
            discarded++;
            assembling = false;
            return null;
        }
        if (fragment.size() + segment.length - 1 > maxFragment) {
            discarded++;
            assembling = false;
            return null;
        }
        fragment.write(segment, 1, segment.length - 1);
        expected = (sequence + 1) & 0x3F;
        if (!fin) {
            return null;
        }
        assembling = false;
        return fragment.toByteArray();
    }

    /** Segments dropped (out of sequence, orphaned, beyond the largest fragment) and partial fragments abandoned. */
    public long discarded() {
        return discarded;
    }
}
