package org.urbis.irrigation.internal.program;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.irrigation.ProgramPreview.MissedKind;
import org.urbis.irrigation.internal.balance.ZoneSoil;

/** A run that did not start when due is told skipped or refused by what stopped it. */
class MissedRunTest {

    private static final Instant START = Instant.parse("2026-03-09T17:30:00Z");
    private static final PlannedRun RUN = new PlannedRun(
            "pt-park-night",
            new Program.Zone("IR-PT-001", 3, "Flower beds", new ZoneSoil(0.7, 0.3, 100, 0.5, 15, 0.8), 20, 0, 0, null),
            START,
            420,
            1,
            1,
            "refill 5.0 mm");

    private static MissedRun due(CommandState state, String reason) {
        return MissedRun.whenDue(RUN, new CommandResult("irrigation:x", "IR-PT-001", state, reason, START, null));
    }

    @Test
    void theFieldsConditionsSkipTheInterlockAndThePipelineRefuse() {
        MissedRun rain = due(CommandState.REJECTED, "SKIPPED: the rain sensor of IR-PT-001 reports rain");
        assertEquals(MissedKind.SKIPPED, rain.kind());
        assertEquals("when due: SKIPPED: the rain sensor of IR-PT-001 reports rain; refill 5.0 mm", rain.why());
        assertEquals(START, rain.start());
        assertEquals(420, rain.seconds());

        MissedRun interlock = due(
                CommandState.REJECTED,
                "SKIPPED: INTERLOCK: zone 3 of IR-PT-001 is not started: IR-PT-001 reports "
                        + "a mainline break; it was refused until no time was left before its watering window closes at 06:00");
        assertEquals(MissedKind.REFUSED, interlock.kind());
        assertEquals(
                "when due: SKIPPED: INTERLOCK: zone 3 of IR-PT-001 is not started: IR-PT-001 reports a mainline break; it was "
                        + "refused until no time was left before its watering window closes at 06:00; refill 5.0 mm",
                interlock.why());

        assertEquals(
                MissedKind.REFUSED,
                due(CommandState.REJECTED, "RATE_LIMITED: scheduler").kind());
        MissedRun failed = due(CommandState.FAILED, "DEVICE_OFFLINE: IR-PT-001");
        assertEquals(MissedKind.REFUSED, failed.kind());
        assertEquals("when due: FAILED DEVICE_OFFLINE: IR-PT-001; refill 5.0 mm", failed.why());
    }
}
