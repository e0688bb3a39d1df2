package org.urbis.api.telemetry;

import java.time.Instant;
import java.util.Objects;

/**
 * The uplink to the operations centre and its store-and-forward buffer, at one moment.
 *
 * @param connected        whether the link to the broker is up
 * @param linkState        CONNECTING, CONNECTED, DISCONNECTED or STOPPED
 * @param broker           the broker's URL
 * @param encoding         {@code sparkplug} or {@code thingsboard}
 * @param bufferedRecords  records accepted and not yet acknowledged by the broker
 * @param bufferBytes      bytes the buffer takes on disk
 * @param bufferCapacity   the buffer's bound in bytes
 * @param bufferFull       whether the last record found the buffer full
 * @param recordsDropped   records lost to overflow since start
 * @param messagesSent     messages handed to the broker since start
 * @param messagesAcknowledged messages the broker acknowledged since start
 * @param lastError        the link's last problem, or empty
 * @param lastErrorAt      when, or {@code null}
 */
public record TelemetryStatus(
        boolean connected,
        String linkState,
        String broker,
        String encoding,
        long bufferedRecords,
        long bufferBytes,
        long bufferCapacity,
        boolean bufferFull,
        long recordsDropped,
        long messagesSent,
        long messagesAcknowledged,
        String lastError,
        Instant lastErrorAt) {

    public TelemetryStatus {
        Objects.requireNonNull(linkState, "linkState");
        lastError = lastError == null ? "" : lastError;
    }
}
