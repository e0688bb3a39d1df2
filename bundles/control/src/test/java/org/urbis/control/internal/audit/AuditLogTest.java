package org.urbis.control.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void writeFive() throws IOException {
        file = dir.resolve("urbis/audit/audit.log");
        try (AuditLog log = new AuditLog(file, Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC))) {
            for (int i = 1; i <= 5; i++) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("event", "RECEIVED");
                f.put("command", "c" + i);
                f.put("issuer", "alice \"the\" operator");
                f.put("value", 10 * i);
                f.put("why", null);
                log.writer().append(f);
            }
        }
    }

    private List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private void write(List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    @Test
    void anUntouchedLogVerifies() throws IOException {
        AuditVerifier.Verification v = AuditVerifier.verify(file);
        assertTrue(v.intact(), v.toString());
        assertEquals(5, v.records());
        assertTrue(lines().get(0).contains("\"issuer\":\"alice \\\"the\\\" operator\""));
        assertFalse(lines().get(0).contains("\"why\""), "null fields are left out");
    }

    @Test
    void reopeningContinuesTheChain() throws IOException {
        try (AuditLog log = new AuditLog(file, Clock.systemUTC())) {
            log.writer().append(Map.of("event", "RECEIVED"));
        }
        AuditVerifier.Verification v = AuditVerifier.verify(file);
        assertTrue(v.intact(), v.toString());
        assertEquals(6, v.records());
    }

    @Test
    void concurrentAppendsEachLandOnceInOneUnbrokenChain() throws Exception {
        int threads = 8;
        int perThread = 500;
        Set<Long> numbers = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (AuditLog log = new AuditLog(file, Clock.systemUTC())) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String command = thread + "-" + i;
                        assertTrue(numbers.add(log.writer().append(Map.of("event", "SENT", "command", command))));
                        if (i % 100 == 0) {
                            // on return the record is in the file, whichever thread wrote it
                            assertTrue(Files.readString(file).contains("\"command\":\"" + command + "\""), command);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        AuditVerifier.Verification v = AuditVerifier.verify(file);
        assertTrue(v.intact(), v.toString());
        assertEquals(5 + threads * perThread, v.records());
        assertEquals(threads * perThread, numbers.size());
        assertEquals(
                threads * perThread,
                lines().stream()
                        .filter(l -> l.contains("\"event\":\"SENT\""))
                        .distinct()
                        .count());
    }

    @Test
    void closingWritesEveryRecordHandedOverAndLaterOnesFail() throws Exception {
        List<CompletableFuture<Long>> handedOver = new ArrayList<>();
        AuditLog log = new AuditLog(file, Clock.systemUTC(), 64 * 1024);
        for (int i = 0; i < 20_000; i++) {
            handedOver.add(log.writer().appendAsync(Map.of("event", "SENT", "command", "c-" + i)));
        }
        log.close();
        for (int i = 0; i < handedOver.size(); i++) {
            assertEquals(6 + i, handedOver.get(i).get(), "record " + i + " written, in the order handed over");
        }
        AuditVerifier.Verification v = AuditVerifier.verify(file);
        assertTrue(v.intact(), v.toString());
        assertEquals(5 + 20_000, v.records());
        CompletableFuture<Long> late = log.writer().appendAsync(Map.of("event", "SENT", "command", "late"));
        ExecutionException e = assertThrows(ExecutionException.class, late::get);
        assertInstanceOf(UncheckedIOException.class, e.getCause());
    }

    @Test
    void aLogWritingSmallBatchesKeepsEveryRecordInOrderOnOneChain() throws Exception {
        List<CompletableFuture<Long>> handedOver = new ArrayList<>();
        try (AuditLog log = new AuditLog(file, Clock.systemUTC(), 64 * 1024, 3)) {
            for (int i = 0; i < 1_000; i++) {
                handedOver.add(log.writer().appendAsync(Map.of("event", "SENT", "command", "c-" + i)));
            }
            for (int i = 0; i < handedOver.size(); i++) {
                assertEquals(6 + i, handedOver.get(i).get(), "record " + i);
            }
        }
        AuditVerifier.Verification v = AuditVerifier.verify(file);
        assertTrue(v.intact(), v.toString());
        assertEquals(5 + 1_000, v.records());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new AuditLog(file, Clock.systemUTC(), 1024, 0));
        assertTrue(e.getMessage().contains("at least one record"), e.getMessage());
    }

    @Test
    void aCommandsRecordsAreFoundByItsIdEvenWithQuotesInIt() throws IOException {
        try (AuditLog log = new AuditLog(file, Clock.fixed(Instant.parse("2026-06-01T01:00:00Z"), ZoneOffset.UTC))) {
            log.writer().append(Map.of("event", "SENT", "command", "op \"7\"", "device", "SL-1"));
            log.writer().append(Map.of("event", "SENT", "command", "c3", "device", "SL-2"));
            log.writer().append(Map.of("event", "CONFIRMED", "command", "op \"7\"", "device", "SL-1"));
            List<String> trail = log.reader().ofCommand("op \"7\"", Instant.parse("2026-05-31T00:00:00Z"));
            assertEquals(2, trail.size(), trail.toString());
            assertTrue(
                    trail.get(0).contains("\"event\":\"SENT\"") && trail.get(1).contains("\"event\":\"CONFIRMED\""));
            assertEquals(
                    2, log.reader().ofCommand("c3", Instant.MIN).size(), "c3 of the five records before, and this one");
            assertEquals(List.of(), log.reader().ofCommand("c", Instant.MIN), "a whole id, not a prefix");
        }
    }

    @Test
    void anEditedRecordIsNamed() throws IOException {
        List<String> l = lines();
        l.set(2, l.get(2).replace("\"value\":\"30\"", "\"value\":\"90\""));
        write(l);
        AuditVerifier.Verification v = AuditVerifier.verify(file);
        assertFalse(v.intact());
        assertEquals(3, v.firstBad(), v.toString());
        assertTrue(v.problem().contains("altered"), v.problem());
    }

    @Test
    void aDeletedRecordIsNamed() throws IOException {
        List<String> l = lines();
        l.remove(2);
        write(l);
        AuditVerifier.Verification v = AuditVerifier.verify(file);
        assertFalse(v.intact());
        assertEquals(3, v.firstBad(), v.toString());
        assertTrue(v.problem().contains("deleted"), v.problem());
    }

    @Test
    void reorderedRecordsAreNamed() throws IOException {
        List<String> l = lines();
        String second = l.get(1);
        l.set(1, l.get(2));
        l.set(2, second);
        write(l);
        AuditVerifier.Verification v = AuditVerifier.verify(file);
        assertFalse(v.intact());
        assertEquals(2, v.firstBad(), v.toString());
    }

    @Test
    void recordsCutFromTheEndAreDetected() throws IOException {
        List<String> l = lines();
        l.remove(4);
        write(l);
        AuditVerifier.Verification v = AuditVerifier.verify(file);
        assertFalse(v.intact());
        assertEquals(5, v.firstBad(), v.toString());
        assertTrue(v.problem().contains("removed from the end"), v.problem());
    }

    @Test
    void aGarbledLineIsNamed() throws IOException {
        List<String> l = lines();
        l.set(3, "hello");
        write(l);
        assertEquals(4, AuditVerifier.verify(file).firstBad());
    }
}
