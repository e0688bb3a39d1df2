package org.urbis.irrigation.internal.program;

import java.time.Instant;
import java.util.function.Supplier;
import org.urbis.api.irrigation.ProgramPreview.MissedKind;

/**
 * A run a zone needed but does not make: skipped by its program's rules or refused by the interlock.
 *
 * @param program the program it belongs to
 * @param zone    the zone
 * @param start   when it would have started
 * @param seconds how long it would have run
 * @param kind    skipped or refused
 * @param reason  the rule or the refusal and why it would have run that long, written out when read
 */
public record MissedRun(String program, Program.Zone zone, Instant start, long seconds, MissedKind kind, Supplier<String> reason) {

    public String why() {
        return reason.get();
    }
}
