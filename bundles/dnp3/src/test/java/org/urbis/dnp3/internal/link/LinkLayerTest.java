package org.urbis.dnp3.internal.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urbis.dnp3.internal.Hex;

class LinkLayerTest {

    @Test
    void crcMatchesTheCatalogueCheckValue() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0xEA82, Crc.of(check, 0, check.length));
    }

    @Test
    void resetLinkStatesHeaderHasTheStandardsCrc() {
        LinkFrame reset = LinkFrame.primary(true, LinkFunction.RESET_LINK_STATES, 1, 1024, null);
        assertEquals("05 64 05 C0 01 00 00 04 E9 21", Hex.of(reset.encode()));
    }

    @Test
    void userDataIsCutIntoSixteenByteBlocksEachWithItsCrc() {
        byte[] data = new byte[40];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        byte[] encoded = LinkFrame.primary(true, LinkFunction.UNCONFIRMED_USER_DATA, 10, 1, data)
                .encode();
        assertEquals(10 + 40 + 3 * 2, encoded.length);
        assertEquals(45, encoded[2]);
        assertEquals(0xC4, encoded[3] & 0xFF);
        assertTrue(Crc.matches(encoded, 10, 16));
        assertTrue(Crc.matches(encoded, 28, 16));
        assertTrue(Crc.matches(encoded, 46, 8));
    }

    @Test
    void controlByteCarriesDirPrmFcbFcvAndFunction() {
        LinkFrame frame = new LinkFrame(true, LinkFunction.CONFIRMED_USER_DATA, true, true, 1, 2, new byte[] {1});
        assertEquals(0xF3, frame.control());
        assertEquals(0x0B, new LinkFrame(false, LinkFunction.LINK_STATUS, false, false, 2, 1, null).control());
        assertEquals(
                0xC9,
                LinkFrame.primary(true, LinkFunction.REQUEST_LINK_STATUS, 1, 2, null)
                        .control());
    }

    @Test
    void parserReturnsFramesSplitAcrossReads() {
        LinkFrame frame =
                LinkFrame.primary(true, LinkFunction.UNCONFIRMED_USER_DATA, 1024, 1, Hex.bytes("C0 C0 01 3C 01 06"));
        byte[] bytes = frame.encode();
        LinkParser parser = new LinkParser();
        List<LinkFrame> frames = new ArrayList<>();
        for (byte b : bytes) {
            frames.addAll(parser.feed(new byte[] {b}, 0, 1));
        }
        assertEquals(List.of(frame), frames);
        assertEquals(0, parser.crcErrors());
    }

    @Test
    void badCrcDiscardsTheFrameCountsItAndResynchronisesOnTheNextStart() {
        LinkFrame good =
                LinkFrame.primary(false, LinkFunction.UNCONFIRMED_USER_DATA, 1, 1024, Hex.bytes("C0 81 00 00"));
        byte[] corrupt = good.encode();
        corrupt[12] ^= 0x01;
        byte[] header = good.encode();
        header[4] ^= 0x01;
        byte[] stream = concat(Hex.bytes("00 05 FF"), corrupt, header, good.encode());
        LinkParser parser = new LinkParser();
        assertEquals(List.of(good), parser.feed(stream, 0, stream.length));
        assertEquals(2, parser.crcErrors());
    }

    @Test
    void undefinedFunctionCodeIsMalformed() {
        byte[] frame = {0x05, 0x64, 0x05, (byte) 0xC5, 1, 0, 0, 4, 0, 0};
        int crc = Crc.of(frame, 0, 8);
        frame[8] = (byte) crc;
        frame[9] = (byte) (crc >>> 8);
        LinkParser parser = new LinkParser();
        assertTrue(parser.feed(frame, 0, frame.length).isEmpty());
        assertEquals(1, parser.malformed());
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
