package org.urbis.dnp3.internal.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransportTest {

    @Test
    void singleSegmentHasFirAndFin() {
        List<byte[]> segments = new Segmenter().segments(new byte[] {(byte) 0xC0, 0x01});
        assertEquals(1, segments.size());
        assertEquals(0xC0, segments.get(0)[0] & 0xFF);
    }

    @Test
    void largeFragmentIsCutInto249ByteSegmentsWithRunningSequence() {
        byte[] fragment = fragment(600);
        Segmenter segmenter = new Segmenter();
        List<byte[]> segments = segmenter.segments(fragment);
        assertEquals(3, segments.size());
        assertEquals(0x40, segments.get(0)[0] & 0xFF);
        assertEquals(0x01, segments.get(1)[0] & 0xFF);
        assertEquals(0x82, segments.get(2)[0] & 0xFF);
        assertEquals(250, segments.get(0).length);
        assertEquals(600 - 2 * 249 + 1, segments.get(2).length);

        Reassembler reassembler = new Reassembler(2048);
        assertNull(reassembler.accept(segments.get(0)));
        assertNull(reassembler.accept(segments.get(1)));
        assertArrayEquals(fragment, reassembler.accept(segments.get(2)));
    }

    @Test
    void sequenceWrapsAfter63() {
        Segmenter segmenter = new Segmenter();
        for (int i = 0; i < 64; i++) {
            segmenter.segments(new byte[1]);
        }
        assertEquals(0xC0, segmenter.segments(new byte[1]).get(0)[0] & 0xFF);
    }

    @Test
    void outOfSequenceSegmentIsDiscardedWithThePartialFragment() {
        List<byte[]> segments = new Segmenter().segments(fragment(600));
        Reassembler reassembler = new Reassembler(2048);
        reassembler.accept(segments.get(0));
        assertNull(reassembler.accept(segments.get(2)));
        assertNull(reassembler.accept(segments.get(1)));
        assertEquals(3, reassembler.discarded());
    }

    @Test
    void newFirStartsOver() {
        Segmenter segmenter = new Segmenter();
        Reassembler reassembler = new Reassembler(2048);
        reassembler.accept(segmenter.segments(fragment(300)).get(0));
        byte[] second = fragment(10);
        assertArrayEquals(second, reassembler.accept(segmenter.segments(second).get(0)));
    }

    @Test
    void fragmentBeyondTheLimitIsDropped() {
        List<byte[]> segments = new Segmenter().segments(fragment(600));
        Reassembler reassembler = new Reassembler(400);
        reassembler.accept(segments.get(0));
        assertNull(reassembler.accept(segments.get(1)));
        assertNull(reassembler.accept(segments.get(2)));
    }

    private static byte[] fragment(int size) {
        byte[] fragment = new byte[size];
        for (int i = 0; i < size; i++) {
            fragment[i] = (byte) (i * 7);
        }
        return fragment;
    }
}
