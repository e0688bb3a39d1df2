package org.urbis.control.internal.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks an audit file's hash chain and names the first record that breaks it. */
public final class AuditVerifier {

    /**
     * The outcome of a check.
     *
     * @param intact    whether the whole chain holds
     * @param records   records read
     * @param firstBad  line number (from 1) of the first bad record, or 0 when intact
     * @param problem   what is wrong with it; empty when intact
     */
    public record Verification(boolean intact, long records, long firstBad, String problem) {

        static Verification ok(long records) {
            return new Verification(true, records, 0, "");
        }

        static Verification bad(long records, long line, String problem) {
            return new Verification(false, records, line, problem);
        }

        @Override
        public String toString() {
            return intact ? "audit log intact: " + records + " record(s)"
                    : "audit log TAMPERED at record on line " + firstBad + ": " + problem;
        }
    }

    private AuditVerifier() {
    }

    public static Verification verify(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Verification.ok(0);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String prev = AuditLog.GENESIS;
        long expectedSeq = 1;
        for (int i = 0; i < lines.size(); i++) {
            long lineNo = i + 1L;
            AuditRecord r;
            try {
                r = AuditRecord.parse(lines.get(i));
            } catch (IllegalArgumentException e) {
                return Verification.bad(lines.size(), lineNo, "not a well-formed audit record");
            }
            if (!r.intact()) {
                return Verification.bad(lines.size(), lineNo, "record " + r.seq() + " was altered (its hash does not match its content)");
            }
            if (!r.prev().equals(prev)) {
                return Verification.bad(lines.size(), lineNo, "record " + r.seq()
                        + " does not follow the record before it (a record was deleted, inserted or moved)");
            }
            if (r.seq() != expectedSeq) {
                return Verification.bad(lines.size(), lineNo, "record " + r.seq() + " where " + expectedSeq + " was expected");
            }
            prev = r.hash();
            expectedSeq++;
        }
        Path head = AuditLog.headOf(file);
        if (Files.exists(head)) {
            String[] h = Files.readString(head, StandardCharsets.UTF_8).trim().split(" ");
            long headSeq = h.length == 2 ? parse(h[0]) : -1;
            if (headSeq != expectedSeq - 1 || !h[1].equals(prev)) {
                return Verification.bad(lines.size(), lines.size() + 1L, "the log ends at record " + (expectedSeq - 1)
                        + " but its head names record " + (h.length == 2 ? h[0] : "?") + " (records removed from the end)");
            }
        } else if (!lines.isEmpty()) {
            return Verification.bad(lines.size(), lines.size() + 1L, "the head file " + head.getFileName() + " is missing");
        }
        return Verification.ok(lines.size());
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
