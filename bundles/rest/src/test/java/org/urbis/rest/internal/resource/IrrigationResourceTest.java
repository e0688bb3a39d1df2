package org.urbis.rest.internal.resource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.urbis.api.command.CommandResult;
import org.urbis.api.irrigation.IrrigationPrograms;
import org.urbis.api.irrigation.ProgramPreview;
import org.urbis.api.irrigation.ProgramSummary;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.ServiceSlot;

/** The irrigation answers: the days asked for (today by default), and refusals that say what was wrong. */
class IrrigationResourceTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-01");
    private final List<String> asked = new ArrayList<>();

    private final IrrigationPrograms programs = new IrrigationPrograms() {
        @Override
        public LocalDate today() {
            return TODAY;
        }

        @Override
        public List<ProgramSummary> programs() {
            return List.of(new ProgramSummary(
                    "park", "Park", "WS-1", List.of("22:00"), "every day", "20:00-06:00", 100, List.of("IR-1/1")));
        }

        @Override
        public ProgramPreview preview(String programId, LocalDate from, LocalDate to) {
            asked.add(programId + " " + from + " " + to);
            if (!programId.equals("park")) {
                throw new NoSuchElementException("no irrigation program '" + programId + "'; there are [park]");
            }
            if (to.isAfter(TODAY.plusDays(31))) {
                throw new IllegalArgumentException(
                        "a preview runs from today (" + TODAY + ") on, at most 31 days ahead");
            }
            return new ProgramPreview(programId, "Asia/Ho_Chi_Minh", TODAY, List.of());
        }

        @Override
        public CompletionStage<CommandResult> manualRun(
                String controller,
                int zone,
                double minutes,
                boolean bypass,
                String user,
                Set<String> roles,
                String reason) {
            throw new UnsupportedOperationException("the REST API runs no zone");
        }
    };

    private IrrigationResource resource() {
        ServiceSlot<IrrigationPrograms> slot = new ServiceSlot<>("irrigation");
        slot.set(programs);
        return new IrrigationResource(slot);
    }

    @Test
    void listsTheProgramsAndPreviewsTodayUnlessToldOtherwise() {
        assertEquals("park", resource().list().programs().get(0).id());
        resource().preview("park", null, null);
        resource().preview("park", "2026-12-02", null);
        resource().preview("park", "2026-12-02", "2026-12-05");
        assertEquals(
                List.of("park 2026-12-01 2026-12-01", "park 2026-12-02 2026-12-02", "park 2026-12-02 2026-12-05"),
                asked);
    }

    @Test
    void refusalsNameWhatWasWrong() {
        ProblemException unknown =
                assertThrows(ProblemException.class, () -> resource().preview("nope", null, null));
        assertEquals(404, unknown.problem().status());
        assertEquals("UNKNOWN_PROGRAM", unknown.problem().code());
        assertTrue(
                unknown.problem().detail().contains("[park]"), unknown.problem().detail());
        ProblemException far =
                assertThrows(ProblemException.class, () -> resource().preview("park", null, "2027-03-01"));
        assertEquals(400, far.problem().status());
        assertTrue(far.problem().detail().contains("31 days"), far.problem().detail());
        assertEquals(
                400,
                assertThrows(ProblemException.class, () -> resource().preview("park", "tomorrow", null))
                        .problem()
                        .status());
        assertEquals(
                503,
                assertThrows(
                                ProblemException.class,
                                () -> new IrrigationResource(new ServiceSlot<>("irrigation")).list())
                        .problem()
                        .status());
    }
}
