package org.urbis.telemetry.internal.link;

import java.time.Instant;

/**
 * What the uplink has done.
 *
 * @param state             connection state
 * @param broker            the broker URL (or the list of them)
 * @param connectedTo       the broker of the current connection, or empty
 * @param connectedSince    when the current connection came up, or null
 * @param connects          successful connects
 * @param connectFailures   failed connect attempts
 * @param published         messages handed to the broker
 * @param confirmed         messages the broker acknowledged
 * @param commands          commands received
 * @param malformed         downlink messages refused as malformed
 * @param ignored           commands for devices this runtime does not have, left to their own runtime
 * @param lastError         the last problem, or empty
 * @param lastErrorAt       when, or null
 * @param host              the primary host application and what this runtime knows of it
 * @param takenOver         whether another client keeps taking this client id's session over
 * @param takeovers         connections lost that way so far
 */
public record LinkStats(
        Uplink.State state,
        String broker,
        String connectedTo,
        Instant connectedSince,
        long connects,
        long connectFailures,
        long published,
        long confirmed,
        long commands,
        long malformed,
        long ignored,
        String lastError,
        Instant lastErrorAt,
        HostStatus host,
        boolean takenOver,
        long takeovers) {

    /**
     * The primary host application as this runtime sees it.
     *
     * @param id      its host id, empty when none is configured
     * @param known   whether a STATE of it has arrived on the current connection
     * @param online  whether that STATE says online
     * @param since   when that STATE arrived, or null
     * @param born    whether this runtime's births are out (it publishes data)
     */
    public record HostStatus(String id, boolean known, boolean online, Instant since, boolean born) {}
}
