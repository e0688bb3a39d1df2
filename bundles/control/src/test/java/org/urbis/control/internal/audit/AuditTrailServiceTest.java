package org.urbis.control.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.audit.AuditCheck;
import org.urbis.api.audit.AuditEntry;
import org.urbis.testing.SettableClock;

/** The audit log as the console and other bundles read it through the API, beyond what a query returns. */
class AuditTrailServiceTest {

    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(T0);

    private Path file() {
        return dir.resolve("audit/audit.log");
    }

    @Test
    void everyRecordOfAGroupCommandIsReturnedThoughItHasMoreThanAQueryReturns() throws IOException {
        try (AuditLog log = new AuditLog(file(), clock)) {
            CompletableFuture<Long> written = null;
            for (int i = 1; i <= 10_001; i++) {
                written = log.writer()
                        .appendAsync(Map.of("event", "CONFIRMED", "command", "group-1", "device", "SL-" + i));
            }
            written.join();
            log.writer().append(Map.of("event", "RECEIVED", "command", "group-10"));
            AuditTrailService trail = new AuditTrailService(log);

            List<AuditEntry> records = trail.ofCommand("group-1", T0);
            assertEquals(10_001, records.size());
            assertEquals("SL-1", records.get(0).deviceId());
            assertEquals("SL-10001", records.get(10_000).deviceId());

            List<AuditEntry> last = trail.last(2);
            assertEquals(
                    List.of("group-1 SL-10001", "group-10 "),
                    last.stream().map(e -> e.commandId() + " " + e.deviceId()).toList());
            assertEquals(10_002, last.get(1).seq());
            assertTrue(
                    last.get(1).line().startsWith("{\"seq\":10002,"),
                    last.get(1).line());
        }
    }

    @Test
    void aCheckAfterArchivedSegmentsSaysWhereTheChainStarts() throws IOException {
        try (AuditLog log = new AuditLog(file(), clock, 1024)) {
            for (int i = 1; i <= 30; i++) {
                clock.advance(Duration.ofMinutes(1));
                log.writer().append(Map.of("event", "RECEIVED", "command", "c" + i, "reason", "x".repeat(60)));
            }
        }
        List<Path> segments = AuditSegments.segments(file());
        Files.delete(segments.get(0));
        Files.delete(segments.get(1));
        try (AuditLog log = new AuditLog(file(), clock, 1024)) {
            AuditCheck check = new AuditTrailService(log).verify();
            assertTrue(check.intact(), check.toString());
            assertTrue(check.firstSeq() > 1, check.toString());
            assertEquals(
                    "audit log intact: " + check.records() + " record(s), from record " + check.firstSeq()
                            + " on (the segments before it are not in the folder)",
                    check.toString());
        }
    }
}
