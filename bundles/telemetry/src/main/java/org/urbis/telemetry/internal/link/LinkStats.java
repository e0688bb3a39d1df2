package org.urbis.telemetry.internal.link;

import java.time.Instant;

/**
 * What the uplink has done.
 *
 * @param state             connection state
 * @param broker            the broker URL
 * @param connects          successful connects
 * @param connectFailures   failed connect attempts
 * @param published         messages handed to the broker
 * @param confirmed         messages the broker acknowledged
 * @param commands          commands received
 * @param malformed         downlink messages refused as malformed
 * @param lastError         the last problem, or empty
 * @param lastErrorAt       when, or null
 */
public record LinkStats(Uplink.State state, String broker, long connects, long connectFailures, long published,
        long confirmed, long commands, long malformed, String lastError, Instant lastErrorAt) {
}
