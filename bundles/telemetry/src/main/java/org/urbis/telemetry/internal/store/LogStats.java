package org.urbis.telemetry.internal.store;

/**
 * A consistent view of the log's counters.
 *
 * @param appended        records accepted since the log was opened
 * @param acknowledged    records acknowledged (delivered) since opened
 * @param dropped         records lost to overflow since opened
 * @param pending         records accepted and not yet acknowledged
 * @param bytes           bytes on disk now
 * @param maxBytes        bound on bytes
 * @param recoveredUnacked records found undelivered when the log was opened
 * @param possibleDuplicates records that may reach the broker twice: sent before a crash or a lost
 *                        connection and sent again, since opened
 * @param tornRecords     damaged records cut off while opening (a torn tail after a crash)
 * @param full            whether the last append found the log full
 */
public record LogStats(
        long appended,
        long acknowledged,
        long dropped,
        long pending,
        long bytes,
        long maxBytes,
        long recoveredUnacked,
        long possibleDuplicates,
        long tornRecords,
        boolean full) {

    /** Fill of the log in percent. */
    public double fillPercent() {
        return maxBytes == 0 ? 0 : 100.0 * bytes / maxBytes;
    }
}
