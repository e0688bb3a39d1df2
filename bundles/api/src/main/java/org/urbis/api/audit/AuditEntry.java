package org.urbis.api.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One record of the audit log.
 *
 * @param seq       its number in the hash chain
 * @param time      when it was appended
 * @param event     what it records: {@code RECEIVED}, a command state, {@code SUMMARY}
 * @param commandId the command
 * @param deviceId  the device, or empty for the command as a whole
 * @param issuer    who issued the command
 * @param reason    why (a refusal or failure), or empty
 * @param hash      the record's hash in the chain
 * @param line      the record as written, every field included
 */
public record AuditEntry(
        long seq,
        Instant time,
        String event,
        String commandId,
        String deviceId,
        String issuer,
        String reason,
        String hash,
        String line) {

    public AuditEntry {
        Objects.requireNonNull(time, "time");
        event = event == null ? "" : event;
        commandId = commandId == null ? "" : commandId;
        deviceId = deviceId == null ? "" : deviceId;
        issuer = issuer == null ? "" : issuer;
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(line, "line");
    }
}
