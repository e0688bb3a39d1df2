package org.urbis.api.audit;

/**
 * The outcome of checking the audit log's hash chain.
 *
 * @param intact   whether the whole chain holds
 * @param records  records read
 * @param firstBad position (from 1, over every segment) of the first bad record, or 0 when intact
 * @param problem  what is wrong there and in which file and line; empty when intact
 */
public record AuditCheck(boolean intact, long records, long firstBad, String problem) {

    public AuditCheck {
        problem = problem == null ? "" : problem;
    }
}
