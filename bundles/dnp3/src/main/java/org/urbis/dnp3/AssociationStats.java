package org.urbis.dnp3;

import java.time.Instant;
import java.util.Set;

/**
 * What an association has seen so far.
 *
 * @param lastIntegrityPoll when the last integrity poll completed, null before the first
 * @param iin the internal indications of the last response
 * @param crcErrors link frames discarded for a bad CRC
 */
public record AssociationStats(
        AssociationState state,
        Instant lastIntegrityPoll,
        Set<IinFlag> iin,
        long fragmentsSent,
        long fragmentsReceived,
        long unsolicitedReceived,
        long timeouts,
        long crcErrors,
        long connects) {

    public AssociationStats {
        if (state == null) {
            throw new IllegalArgumentException("statistics need a state");
        }
        iin = Set.copyOf(iin);
    }
}
