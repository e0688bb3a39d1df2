package org.urbis.control.internal.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.urbis.api.audit.AuditCheck;

/** Checks an audit log's hash chain, across its segments, and names the first record that breaks it. */
public final class AuditVerifier {

    /**
     * The outcome of a check.
     *
     * @param intact    whether the whole chain holds
     * @param records   records read
     * @param firstBad  position (from 1, counted over every segment read) of the first bad record, or 0 when intact
     * @param problem   what is wrong with it, and where; empty when intact
     * @param firstSeq  the sequence number the chain present begins with: above 1 when older segments were archived
     */
    public record Verification(boolean intact, long records, long firstBad, String problem, long firstSeq) {

        static Verification ok(long records, long firstSeq) {
            return new Verification(true, records, 0, "", firstSeq);
        }

        static Verification bad(long records, long position, String problem) {
            return new Verification(false, records, position, problem, 0);
        }

        /** The outcome as the API tells it. */
        public AuditCheck check() {
            return new AuditCheck(intact, records, firstBad, problem, firstSeq);
        }

        @Override
        public String toString() {
            return check().toString();
        }
    }

    private AuditVerifier() {}

    public static Verification verify(Path file) throws IOException {
        List<Path> segments = AuditSegments.segments(file);
        String prev = null;
        long expectedSeq = 0;
        long firstSeq = 1;
        long records = 0;
        for (Path segment : segments) {
            try (BufferedReader in = Files.newBufferedReader(segment, StandardCharsets.UTF_8)) {
                long lineNo = 0;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lineNo++;
                    records++;
                    String where = segment.getFileName() + " line " + lineNo + ": ";
                    AuditRecord r;
                    try {
                        r = AuditRecord.parse(line);
                    } catch (IllegalArgumentException e) {
                        return Verification.bad(records, records, where + "not a well-formed audit record");
                    }
                    if (!r.intact()) {
                        return Verification.bad(
                                records,
                                records,
                                where + "record " + r.seq() + " was altered (its hash does not match its content)");
                    }
                    if (prev == null) {
                        // The oldest record present: the chain from genesis, or the first one kept after archiving.
                        firstSeq = r.seq();
                        prev = r.seq() == 1 ? AuditRecord.GENESIS : r.prev();
                        expectedSeq = r.seq();
                    }
                    if (!r.prev().equals(prev)) {
                        return Verification.bad(
                                records,
                                records,
                                where + "record " + r.seq()
                                        + " does not follow the record before it (a record or segment was deleted, inserted or moved)");
                    }
                    if (r.seq() != expectedSeq) {
                        return Verification.bad(
                                records,
                                records,
                                where + "record " + r.seq() + " where " + expectedSeq + " was expected");
                    }
                    prev = r.hash();
                    expectedSeq++;
                }
            }
        }
        Path head = AuditSegments.headOf(file);
        long lastSeq = prev == null ? 0 : expectedSeq - 1;
        String headText = Files.exists(head)
                ? Files.readString(head, StandardCharsets.UTF_8).trim()
                : null;
        if (headText != null && !(headText.isEmpty() && records == 0)) {
            String[] h = headText.split(" ");
            long headSeq = h.length == 2 ? parse(h[0]) : -1;
            if (headSeq != lastSeq || (prev != null && !h[1].equals(prev))) {
                return Verification.bad(
                        records,
                        records + 1,
                        "the log ends at record " + lastSeq + " but its head names record "
                                + (h.length == 2 ? h[0] : "?") + " (records removed from the end)");
            }
        } else if (records > 0) {
            return Verification.bad(records, records + 1, "the head file " + head.getFileName() + " is missing");
        }
        return Verification.ok(records, firstSeq);
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
