package org.urbis.api.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * Which audit records to return; a criterion left {@code null} matches every record.
 *
 * @param commandId only this command's records
 * @param deviceId  only records of this device
 * @param since     only records appended at or after this instant (required: it bounds what is read)
 * @param until     only records appended before this instant
 * @param limit     at most this many, the newest
 */
public record AuditQuery(String commandId, String deviceId, Instant since, Instant until, int limit) {

    public AuditQuery {
        Objects.requireNonNull(since, "since");
        if (until != null && until.isBefore(since)) {
            throw new IllegalArgumentException("until " + until + " lies before since " + since);
        }
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be 1-10000, not " + limit);
        }
    }
}
