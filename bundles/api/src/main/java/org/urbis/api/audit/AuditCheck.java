package org.urbis.api.audit;

/**
 * The outcome of checking the audit log's hash chain.
 *
 * @param intact   whether the whole chain holds
 * @param records  records read
 * @param firstBad position (from 1, over every segment) of the first bad record, or 0 when intact
 * @param problem  what is wrong there and in which file and line; empty when intact
 * @param firstSeq the sequence number the chain present begins with: above 1 when older segments were archived; 0
 *                 when the chain is broken
 */
public record AuditCheck(boolean intact, long records, long firstBad, String problem, long firstSeq) {

    public AuditCheck {
        problem = problem == null ? "" : problem;
    }

    /**
     * A check of a chain that begins at the first record, or is broken.
     *
     * @param intact   whether the whole chain holds
     * @param records  records read
     * @param firstBad position of the first bad record, or 0 when intact
     * @param problem  what is wrong there; empty when intact
     */
    public AuditCheck(boolean intact, long records, long firstBad, String problem) {
        this(intact, records, firstBad, problem, intact ? 1 : 0);
    }

    /** The outcome as an operator reads it: intact and from which record, or where the chain breaks and why. */
    @Override
    public String toString() {
        if (!intact) {
            return "audit log TAMPERED at record " + firstBad + ": " + problem;
        }
        return "audit log intact: " + records + " record(s)"
                + (firstSeq > 1
                        ? ", from record " + firstSeq + " on (the segments before it are not in the folder)"
                        : "");
    }
}
