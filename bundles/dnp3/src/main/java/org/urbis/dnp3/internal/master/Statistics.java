package org.urbis.dnp3.internal.master;

import java.time.Instant;
import org.urbis.dnp3.AssociationState;
import org.urbis.dnp3.AssociationStats;
import org.urbis.dnp3.IinFlag;

/** An association's counters: written by its I/O thread, read by anyone. */
final class Statistics {

    volatile AssociationState state = AssociationState.CONNECTING;
    volatile Instant lastIntegrityPoll;
    volatile int iin;
    volatile long fragmentsSent;
    volatile long fragmentsReceived;
    volatile long unsolicited;
    volatile long timeouts;
    volatile long crcErrors;
    volatile long connects;

    AssociationStats snapshot() {
        return new AssociationStats(
                state,
                lastIntegrityPoll,
                IinFlag.of(iin),
                fragmentsSent,
                fragmentsReceived,
                unsolicited,
                timeouts,
                crcErrors,
                connects);
    }
}
