package org.urbis.dnp3.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a tap's chunks as a pcap file, each one a TCP segment in made-up Ethernet and IPv4 headers between a
 * master at 10.0.0.1:40000 and an outstation at 10.0.0.2:20000; no capture privileges needed.
 */
public final class Pcap {

    public static final int OUTSTATION_PORT = 20000;
    private static final int MASTER_PORT = 40000;
    private static final int ETHERNET = 1;

    private Pcap() {}

    public static void write(Path file, List<Tap.Chunk> chunks) throws IOException {
        int size =
                24 + chunks.stream().mapToInt(c -> 16 + 54 + c.bytes().length).sum();
        ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(0xA1B2C3D4)
                .putShort((short) 2)
                .putShort((short) 4)
                .putInt(0)
                .putInt(0)
                .putInt(65535)
                .putInt(ETHERNET);
        long[] seq = {1000, 5000};
        int micros = 0;
        for (Tap.Chunk chunk : chunks) {
            byte[] payload = chunk.bytes();
            int length = 54 + payload.length;
            out.order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(1_700_000_000)
                    .putInt(micros += 1000)
                    .putInt(length)
                    .putInt(length);
            out.order(ByteOrder.BIG_ENDIAN);
            int from = chunk.fromMaster() ? 0 : 1;
            int to = 1 - from;
            ethernet(out, from, to);
            ipv4(out, from, to, payload.length);
            out.putShort((short) (from == 0 ? MASTER_PORT : OUTSTATION_PORT))
                    .putShort((short) (from == 0 ? OUTSTATION_PORT : MASTER_PORT))
                    .putInt((int) seq[from])
                    .putInt((int) seq[to])
                    .put((byte) 0x50)
                    .put((byte) 0x18)
                    .putShort((short) 65535)
                    .putShort((short) 0)
                    .putShort((short) 0);
            out.put(payload);
            seq[from] += payload.length;
        }
        Files.write(file, out.array());
    }

    private static void ethernet(ByteBuffer out, int from, int to) {
        out.put(new byte[] {2, 0, 0, 0, 0, (byte) (to + 1)})
                .put(new byte[] {2, 0, 0, 0, 0, (byte) (from + 1)})
                .putShort((short) 0x0800);
    }

    private static void ipv4(ByteBuffer out, int from, int to, int payload) {
        int start = out.position();
        out.put((byte) 0x45)
                .put((byte) 0)
                .putShort((short) (40 + payload))
                .putShort((short) 0)
                .putShort((short) 0x4000)
                .put((byte) 64)
                .put((byte) 6)
                .putShort((short) 0)
                .put(new byte[] {10, 0, 0, (byte) (from + 1)})
                .put(new byte[] {10, 0, 0, (byte) (to + 1)});
        int sum = 0;
        for (int i = start; i < start + 20; i += 2) {
            sum += out.getShort(i) & 0xFFFF;
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        out.putShort(start + 10, (short) ~sum);
    }
}
