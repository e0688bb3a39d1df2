package org.urbis.dnp3.internal.link;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds frames in a byte stream. A frame whose header or block CRC is wrong, or whose control byte names no
 * function, is discarded and counted; the parser then searches for the next 0x05 0x64 after the bad start.
 */
public final class LinkParser {

    private static final int MAX_FRAME = LinkFrame.encodedSize(LinkFrame.MAX_DATA);

    private final byte[] buffer = new byte[4 * MAX_FRAME];
    private int length;
    private long crcErrors;
    private long malformed;

    /** Appends received bytes and returns the complete frames they finish, in order. */
    public List<LinkFrame> feed(byte[] bytes, int offset, int count) {
        List<LinkFrame> frames = new ArrayList<>();
        int consumed = 0;
        while (consumed < count) {
            int chunk = Math.min(count - consumed, buffer.length - length);
            System.arraycopy(bytes, offset + consumed, buffer, length, chunk);
            length += chunk;
            consumed += chunk;
            drain(frames);
        }
        return frames;
    }

    public long crcErrors() {
        return crcErrors;
    }

    /** Frames with good CRCs but a length or control byte the standard does not allow. */
    public long malformed() {
        return malformed;
    }

    private void drain(List<LinkFrame> frames) {
        int start = 0;
        while (true) {
            start = findStart(start);
            if (length - start < 10) {
                break;
            }
            if (!Crc.matches(buffer, start, 8)) {
                crcErrors++;
                start += 2;
                continue;
            }
            int dataLength = (buffer[start + 2] & 0xFF) - 5;
            if (dataLength < 0) {
                malformed++;
                start += 2;
                continue;
            }
            int size = LinkFrame.encodedSize(dataLength);
            if (length - start < size) {
                break;
            }
            byte[] data = blocks(start + 10, dataLength);
            if (data == null) {
                crcErrors++;
                start += 2;
                continue;
            }
            LinkFrame frame = frame(start, data);
            if (frame == null) {
                malformed++;
                start += 2;
                continue;
            }
            frames.add(frame);
            start += size;
        }
        System.arraycopy(buffer, start, buffer, 0, length - start);
        length -= start;
    }

    private int findStart(int from) {
        for (int i = from; i < length - 1; i++) {
            if (buffer[i] == 0x05 && buffer[i + 1] == 0x64) {
                return i;
            }
        }
        // no complete start: keep a trailing 0x05, the next bytes may complete it
        return length > from && buffer[length - 1] == 0x05 ? length - 1 : length;
    }

    private byte[] blocks(int offset, int dataLength) {
        byte[] data = new byte[dataLength];
        for (int done = 0; done < dataLength; done += 16) {
            int block = Math.min(16, dataLength - done);
            if (!Crc.matches(buffer, offset, block)) {
                return null;
            }
            System.arraycopy(buffer, offset, data, done, block);
            offset += block + 2;
        }
        return data;
    }

    private LinkFrame frame(int start, byte[] data) {
        int control = buffer[start + 3] & 0xFF;
        boolean primary = (control & 0x40) != 0;
        LinkFunction function = LinkFunction.of(primary, control & 0x0F);
        if (function == null) {
            return null;
        }
        int destination = (buffer[start + 4] & 0xFF) | (buffer[start + 5] & 0xFF) << 8;
        int source = (buffer[start + 6] & 0xFF) | (buffer[start + 7] & 0xFF) << 8;
        return new LinkFrame(
                (control & 0x80) != 0,
                function,
                (control & 0x20) != 0,
                (control & 0x10) != 0,
                destination,
                source,
                data);
    }
}
