package org.urbis.irrigation.internal.program;

import java.time.Instant;
import java.util.function.Supplier;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
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
public record MissedRun(
        String program, Program.Zone zone, Instant start, long seconds, MissedKind kind, Supplier<String> reason) {

    public String why() {
        return reason.get();
    }

    /**
     * A run that did not start when due: skipped when the field's conditions held it (rain sensor, moisture, the
     * controller's rain delay), refused when the interlock kept refusing it or the command pipeline refused it.
     */
    public static MissedRun whenDue(PlannedRun run, CommandResult result) {
        String reason = result.reason() == null ? result.state().toString() : result.reason();
        MissedKind kind = reason.startsWith("SKIPPED:") && !reason.startsWith("SKIPPED: INTERLOCK")
                ? MissedKind.SKIPPED
                : MissedKind.REFUSED;
        return new MissedRun(
                run.program(),
                run.zone(),
                run.start(),
                run.seconds(),
                kind,
                () -> "when due: "
                        + (kind == MissedKind.REFUSED && result.state() != CommandState.REJECTED
                                ? result.state() + " "
                                : "")
                        + reason + "; " + run.why());
    }
}
