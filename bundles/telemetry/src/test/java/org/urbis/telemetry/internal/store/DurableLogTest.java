package org.urbis.telemetry.internal.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.telemetry.internal.store.LogSettings.Overflow;

class DurableLogTest {

    @TempDir
    Path dir;

    private static LogSettings small(Overflow overflow) {
        return new LogSettings(64 * 1024, 8 * 1024, overflow, Duration.ofMillis(50), Duration.ofMillis(10));
    }

    private static List<byte[]> records(int from, int n) {
        List<byte[]> out = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            out.add(("record-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String text(LogEntry e) {
        return new String(e.payload(), StandardCharsets.UTF_8);
    }

    private static List<LogEntry> readAll(DurableLog log) throws Exception {
        List<LogEntry> all = new ArrayList<>();
        while (true) {
            List<LogEntry> batch = log.read(1000, Duration.ZERO);
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
        }
    }

    private long segmentCount() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).count();
        }
    }

    @Test
    void recordsComeBackInOrderAcrossSegmentsAndAcknowledgedSegmentsAreDeleted() throws Exception {
        try (DurableLog log = DurableLog.open(dir, new LogSettings(1 << 20, 8 * 1024, Overflow.BLOCK, null, null))) {
            assertEquals(3000, log.append(records(0, 3000)));
            assertTrue(segmentCount() > 3, "several segments");
            List<LogEntry> all = readAll(log);
            assertEquals(3000, all.size());
            for (int i = 0; i < all.size(); i++) {
                assertEquals(i, all.get(i).index());
                assertEquals("record-" + i, text(all.get(i)));
            }
            log.acknowledge(3000);
            assertEquals(1, segmentCount(), "only the active segment stays");
            assertEquals(0, log.stats().pending());
        }
    }

    @Test
    void reopeningResumesAfterTheAcknowledgedRecordAndCountsPossibleDuplicates() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(Overflow.BLOCK))) {
            log.append(records(0, 500));
            List<LogEntry> first = log.read(300, Duration.ZERO);
            log.markSent(300);
            log.acknowledge(200);
            assertEquals(300, first.size());
        }
        try (DurableLog log = DurableLog.open(dir, small(Overflow.BLOCK))) {
            LogStats stats = log.stats();
            assertEquals(300, stats.recoveredUnacked());
            List<LogEntry> rest = readAll(log);
            assertEquals(300, rest.size());
            assertEquals("record-200", text(rest.get(0)));
            assertEquals("record-499", text(rest.get(299)));
            assertEquals(100, log.stats().possibleDuplicates(), "200..299 had been sent but not acknowledged");
        }
    }

    @Test
    void rewindReadsUnacknowledgedRecordsAgain() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(Overflow.BLOCK))) {
            log.append(records(0, 1000));
            readAll(log);
            log.markSent(1000);
            log.acknowledge(611);
            log.rewind();
            List<LogEntry> again = readAll(log);
            assertEquals(389, again.size());
            assertEquals(611, again.get(0).index());
            assertEquals("record-611", text(again.get(0)));
            assertEquals(389, log.stats().possibleDuplicates());
        }
    }

    @Test
    void aTornTailIsCutOffOnOpenAndEverythingBeforeItSurvives() throws Exception {
        DurableLog log = DurableLog.open(dir, small(Overflow.BLOCK));
        log.append(records(0, 100));
        // An abrupt stop: the log is not closed, and the last write is torn half-way.
        Path last;
        try (Stream<Path> s = Files.list(dir)) {
            last = s.filter(p -> p.toString().endsWith(".seg"))
                    .sorted()
                    .reduce((a, b) -> b)
                    .orElseThrow();
        }
        try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
            ByteBuffer torn =
                    ByteBuffer.allocate(12).putInt(40).putInt(12345).putInt(7).flip();
            ch.write(torn, ch.size());
        }
        try (DurableLog reopened = DurableLog.open(dir, small(Overflow.BLOCK))) {
            assertEquals(1, reopened.stats().tornRecords());
            List<LogEntry> all = readAll(reopened);
            assertEquals(100, all.size());
            assertEquals("record-99", text(all.get(99)));
            reopened.append(records(100, 1));
            assertEquals("record-100", text(reopened.read(10, Duration.ZERO).get(0)), "appends continue after the cut");
        }
        log.close();
    }

    @Test
    void aCorruptedRecordIsDetectedByItsCrc() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(Overflow.BLOCK))) {
            log.append(records(0, 10));
        }
        Path seg;
        try (Stream<Path> s = Files.list(dir)) {
            seg = s.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(seg);
        bytes[bytes.length - 3] ^= 0x5A; // flip bits inside the last record's payload
        Files.write(seg, bytes);
        try (DurableLog log = DurableLog.open(dir, small(Overflow.BLOCK))) {
            assertEquals(1, log.stats().tornRecords());
            assertEquals(9, readAll(log).size());
        }
    }

    @Test
    void dropNewestRefusesAndCountsWhenFull() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(Overflow.DROP_NEWEST))) {
            int accepted = 0;
            for (int i = 0; i < 100; i++) {
                accepted += log.append(records(i * 100, 100));
            }
            LogStats stats = log.stats();
            assertTrue(stats.full());
            assertEquals(10_000, accepted + stats.dropped());
            assertTrue(stats.bytes() <= 64 * 1024);
            List<LogEntry> all = readAll(log);
            assertEquals(accepted, all.size());
            assertEquals("record-0", text(all.get(0)), "the oldest are kept");
        }
    }

    @Test
    void dropOldestKeepsTheNewestAndCountsWhatItLost() throws Exception {
        try (DurableLog log = DurableLog.open(dir, small(Overflow.DROP_OLDEST))) {
            for (int i = 0; i < 100; i++) {
                assertEquals(100, log.append(records(i * 100, 100)));
            }
            LogStats stats = log.stats();
            assertTrue(stats.dropped() > 0);
            List<LogEntry> all = readAll(log);
            assertEquals(10_000 - stats.dropped(), all.size());
            assertEquals("record-9999", text(all.get(all.size() - 1)));
            for (int i = 1; i < all.size(); i++) {
                assertEquals(all.get(i - 1).index() + 1, all.get(i).index(), "what is left is contiguous");
            }
        }
    }

    @Test
    void blockWaitsForAnAcknowledgementToMakeRoom() throws Exception {
        LogSettings settings = new LogSettings(64 * 1024, 8 * 1024, Overflow.BLOCK, Duration.ofSeconds(10), null);
        try (DurableLog log = DurableLog.open(dir, settings)) {
            while (!log.stats().full()) {
                log.append(records(0, 50));
                if (log.stats().bytes() > 60 * 1024) {
                    break;
                }
            }
            Thread consumer = new Thread(() -> {
                try {
                    List<LogEntry> batch = log.read(100_000, Duration.ZERO);
                    log.acknowledge(batch.get(batch.size() - 1).index() + 1);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            consumer.start();
            assertEquals(200, log.append(records(0, 200)), "the append waits for room, then is accepted");
            consumer.join(10_000);
            assertEquals(0, log.stats().dropped());
        }
    }

    @Test
    void payloadsRoundTripByteForByte() throws Exception {
        byte[] big = new byte[300_000];
        new java.util.Random(7).nextBytes(big);
        try (DurableLog log = DurableLog.open(dir, new LogSettings(4 << 20, 64 * 1024, Overflow.BLOCK, null, null))) {
            log.append(List.of(big, new byte[] {1}));
            List<LogEntry> all = readAll(log);
            assertArrayEquals(big, all.get(0).payload());
            assertArrayEquals(new byte[] {1}, all.get(1).payload());
        }
    }
}
