package org.urbis.telemetry.internal.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The log's acknowledged offset and sent high-water mark, in two CRC-checked slots written in turn so
 * that a write torn by a crash leaves the previous state readable.
 */
final class AckFile implements Closeable {

    private static final int SLOT = 32;

    private final FileChannel channel;
    private long generation;
    private long acked;
    private long sent;

    AckFile(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        for (int slot = 0; slot < 2; slot++) {
            ByteBuffer b = ByteBuffer.allocate(SLOT);
            int n = channel.read(b, (long) slot * SLOT);
            if (n < SLOT) {
                continue;
            }
            b.flip();
            long gen = b.getLong();
            long a = b.getLong();
            long s = b.getLong();
            int crc = b.getInt();
            if (crc == crc(gen, a, s) && gen > generation) {
                generation = gen;
                acked = a;
                sent = s;
            }
        }
    }

    /** Whether a state was found (false for a new or unreadable file). */
    boolean found() {
        return generation > 0;
    }

    long acked() {
        return acked;
    }

    long sent() {
        return sent;
    }

    void write(long ackedIndex, long sentIndex) throws IOException {
        generation++;
        acked = ackedIndex;
        sent = sentIndex;
        ByteBuffer b = ByteBuffer.allocate(SLOT);
        b.putLong(generation).putLong(ackedIndex).putLong(sentIndex).putInt(crc(generation, ackedIndex, sentIndex));
        b.putInt(0).flip();
        long position = (generation % 2) * SLOT;
        while (b.hasRemaining()) {
            position += channel.write(b, position);
        }
    }

    void force() throws IOException {
        channel.force(false);
    }

    private static int crc(long gen, long a, long s) {
        CRC32 crc = new CRC32();
        crc.update(ByteBuffer.allocate(24).putLong(gen).putLong(a).putLong(s).flip());
        return (int) crc.getValue();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
