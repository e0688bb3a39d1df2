package org.urbis.control.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.testing.SettableClock;

/** The audit log in segments: one chain across files, old segments archivable, a restart that reads only the end. */
class AuditSegmentsTest {

    /** Each record is about 200 bytes: a segment of 1 kB closes after five or six of them. */
    private static final long SEGMENT = 1024;

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path dir;

    /** Moved on an hour before every record, so that record n is written at T0 + (n - 1) hours. */
    private final SettableClock clock = new SettableClock(T0.minus(Duration.ofHours(1)));

    private Path file() {
        return dir.resolve("audit/audit.log");
    }

    private void append(AuditLog log, int from, int to) {
        for (int i = from; i <= to; i++) {
            clock.advance(Duration.ofHours(1));
            log.writer()
                    .append(Map.of(
                            "event", "RECEIVED", "command", "c" + i, "issuer", "alice", "reason", "x".repeat(60)));
        }
    }

    @Test
    void aFullSegmentIsClosedAndTheChainRunsOnAcrossSegments() throws IOException {
        try (AuditLog log = new AuditLog(file(), clock, SEGMENT)) {
            append(log, 1, 30);
        }
        List<Path> segments = AuditSegments.segments(file());
        assertTrue(segments.size() >= 5, "segments: " + segments);
        assertEquals(AuditSegments.segmentOf(file(), 1), segments.get(0));
        for (Path closed : segments.subList(0, segments.size() - 1)) {
            assertTrue(Files.size(closed) >= SEGMENT, closed + " closed early");
        }
        AuditVerifier.Verification v = AuditVerifier.verify(file());
        assertTrue(v.intact(), v.toString());
        assertEquals(30, v.records());

        try (AuditLog log = new AuditLog(file(), clock, SEGMENT)) {
            append(log, 31, 31);
            List<String> last = log.reader().last(8);
            assertEquals(8, last.size());
            assertTrue(last.get(0).contains("\"command\":\"c24\""), last.get(0));
            assertTrue(last.get(7).startsWith("{\"seq\":31,"), last.get(7));
            assertEquals(31, log.all().size());
        }
        assertTrue(AuditVerifier.verify(file()).intact());
    }

    @Test
    void aSegmentRemovedFromTheMiddleIsNamed() throws IOException {
        try (AuditLog log = new AuditLog(file(), clock, SEGMENT)) {
            append(log, 1, 30);
        }
        Path second = AuditSegments.segments(file()).get(1);
        Files.delete(second);
        AuditVerifier.Verification v = AuditVerifier.verify(file());
        assertFalse(v.intact());
        assertTrue(
                v.problem().contains("deleted")
                        && v.problem()
                                .startsWith(
                                        AuditSegments.segments(file()).get(1).getFileName() + " line 1"),
                v.problem());
    }

    @Test
    void archivedOldSegmentsLeaveAChainThatStillVerifiesFromWhereItStarts() throws IOException {
        try (AuditLog log = new AuditLog(file(), clock, SEGMENT)) {
            append(log, 1, 30);
        }
        List<Path> segments = AuditSegments.segments(file());
        Files.delete(segments.get(0));
        Files.delete(segments.get(1));
        AuditVerifier.Verification v = AuditVerifier.verify(file());
        assertTrue(v.intact(), v.toString());
        assertTrue(v.firstSeq() > 1 && v.toString().contains("from record " + v.firstSeq()), v.toString());
    }

    @Test
    void sinceReadsOnlyTheSegmentsThatCanHoldThoseRecords() throws IOException {
        try (AuditLog log = new AuditLog(file(), clock, SEGMENT)) {
            append(log, 1, 30);
            // record n was written at T0 + (n - 1) h
            List<String> recent = log.reader().since(T0.plus(Duration.ofHours(25)));
            assertTrue(recent.stream().anyMatch(l -> l.contains("\"command\":\"c26\"")), "record 26 is there");
            assertTrue(recent.size() < 15, "only the last segments are read: " + recent.size() + " records");
            assertEquals(30, log.reader().since(Instant.MIN).size());
        }
    }

    @Test
    void aCrashBetweenTwoSegmentsLosesNothing() throws IOException {
        try (AuditLog log = new AuditLog(file(), clock, SEGMENT)) {
            append(log, 1, 30);
        }
        // as if the process died right after closing a segment: no current file yet
        List<Path> segments = AuditSegments.segments(file());
        Path current = segments.get(segments.size() - 1);
        assertEquals(file(), current);
        assertTrue(Files.size(current) > 0, "thirty records leave some in the current file");
        long first = AuditRecord.parse(Files.readAllLines(current).get(0)).seq();
        Files.move(current, AuditSegments.segmentOf(file(), first));
        try (AuditLog log = new AuditLog(file(), clock, SEGMENT)) {
            assertEquals(31, log.writer().append(Map.of("event", "RECEIVED")));
        }
        AuditVerifier.Verification v = AuditVerifier.verify(file());
        assertTrue(v.intact(), v.toString());
        assertEquals(31, v.records());
    }
}
