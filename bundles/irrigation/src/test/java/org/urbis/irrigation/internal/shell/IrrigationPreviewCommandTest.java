package org.urbis.irrigation.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.urbis.api.irrigation.ProgramPreview;
import org.urbis.irrigation.internal.Irrigation;
import org.urbis.irrigation.internal.Previews;
import org.urbis.irrigation.internal.balance.ZoneState;
import org.urbis.irrigation.internal.program.MissedRun;
import org.urbis.irrigation.internal.program.Program;
import org.urbis.irrigation.internal.program.ProgramFormat;

/** The console's preview: a line per day, per run with its reason, and per zone not watering. */
class IrrigationPreviewCommandTest {

    private static final Path PROGRAM =
            Path.of("../../karaf-assembly/src/main/demo/etc/urbis/irrigation/pt-park-night.program.json");
    private static final LocalDate DAY = LocalDate.parse("2026-03-10");

    @Test
    void aFreshDemoParksWeekAheadWithTheReasons() throws Exception {
        Irrigation irrigation = new Irrigation(ZoneId.of("Asia/Ho_Chi_Minh"), new Irrigation.Conditions() {});
        irrigation.setPrograms(
                List.of(ProgramFormat.parse("pt-park-night.program.json", Files.readString(PROGRAM))),
                DAY.minusDays(1));
        List<String> lines = IrrigationPreviewCommand.lines(Previews.preview(
                irrigation, DAY, "pt-park-night", DAY, DAY.plusDays(6), OptionalDouble.empty(), List.of()));
        assertEquals("2026-03-10 (today)", lines.get(0));
        assertTrue(
                lines.stream().anyMatch(l -> l.startsWith("2026-03-11 (projected from today's balance")),
                lines.toString());
        assertTrue(
                lines.stream()
                        .anyMatch(l ->
                                l.matches("  2026-03-1\\d 00:\\d\\d:00 IR-PT-001 zone 1 \\d+\\.\\d min cycle 1/\\d: .*"
                                        + "first guess: Hargreaves.*refill.*")),
                String.join("\n", lines));
        assertTrue(
                lines.contains(
                        "  IR-PT-001 zone 1 not watering: pt-park-night: no day closed yet: ET0 4.3 mm by first guess: "
                                + "Hargreaves from the extraterrestrial radiation at 10.93° and the usual 23.0-31.0 °C of pt-park-night, as no "
                                + "weather day has closed yet, ETc 3.5 mm; depletion 0.0 mm + today's expected use 3.5 mm stays under the 10.0 mm "
                                + "allowed: no watering"),
                String.join("\n", lines));
        assertThrows(
                NoSuchElementException.class,
                () -> Previews.preview(irrigation, DAY, "nope", DAY, DAY, OptionalDouble.empty(), List.of()));
    }

    /**
     * With IR-PT-001's rain sensor reporting rain and IR-PT-002 held by a mainline break, the zones that need water
     * show their runs skipped and refused with the reason; a rain delay skips them all; today's runs refused when due
     * show too.
     */
    @Test
    void skippedAndRefusedRunsShowWithTheirReason() throws Exception {
        Irrigation irrigation = new Irrigation(ZoneId.of("Asia/Ho_Chi_Minh"), new Irrigation.Conditions() {
            @Override
            public Optional<Boolean> rainSensor(String controller) {
                return Optional.of(controller.equals("IR-PT-001"));
            }

            @Override
            public Optional<String> interlockHold(String controller) {
                return controller.equals("IR-PT-002")
                        ? Optional.of("IR-PT-002 reports a mainline break")
                        : Optional.empty();
            }
        });
        Program program = ProgramFormat.parse("pt-park-night.program.json", Files.readString(PROGRAM));
        irrigation.setPrograms(List.of(program), DAY.minusDays(1));
        for (Program.Zone z : program.zones()) {
            // every zone at its allowed depletion: each needs water tonight
            irrigation.restore(z.key(), new ZoneState(DAY.minusDays(1), z.soil().allowedDepletionMm(), null));
        }
        Program.Zone gate = program.zones().get(0);
        MissedRun due = new MissedRun(
                program.id(),
                gate,
                Instant.parse("2026-03-09T17:30:00Z"),
                480,
                ProgramPreview.MissedKind.REFUSED,
                () -> "when due: SKIPPED: INTERLOCK: zone 1 of IR-PT-001 is not started");
        List<String> lines = IrrigationPreviewCommand.lines(
                Previews.preview(irrigation, DAY, program.id(), DAY, DAY, OptionalDouble.empty(), List.of(due)));
        String all = String.join("\n", lines);
        assertTrue(lines.stream().noneMatch(l -> l.contains(" cycle ")), "no zone runs: " + all);
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.matches(
                                "  2026-03-10 00:30:00 IR-PT-001 zone 1 \\d+\\.\\d min SKIPPED: the rain sensor "
                                        + "of IR-PT-001 reports rain; it would have run \\d+\\.\\d min: .*refill.*")),
                all);
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.matches(
                                "  2026-03-10 00:30:00 IR-PT-002 zone 1 \\d+\\.\\d min REFUSED: the interlock "
                                        + "refuses it now: IR-PT-002 reports a mainline break; .*refill.*")),
                all);
        assertEquals(
                6,
                lines.stream()
                        .filter(l -> l.contains("SKIPPED: the rain sensor"))
                        .count(),
                all);
        assertTrue(
                lines.stream()
                                .filter(l -> l.contains("REFUSED: the interlock refuses it now"))
                                .count()
                        >= 4,
                all);
        assertTrue(
                lines.contains(
                        "  2026-03-10 00:30:00 IR-PT-001 zone 1 8.0 min REFUSED: when due: SKIPPED: INTERLOCK: zone 1 of "
                                + "IR-PT-001 is not started"),
                all);

        irrigation.rainDelay(program.id(), Instant.parse("2026-03-11T06:00:00Z"));
        lines = IrrigationPreviewCommand.lines(
                Previews.preview(irrigation, DAY, program.id(), DAY, DAY, OptionalDouble.empty(), List.of()));
        all = String.join("\n", lines);
        assertEquals(
                10,
                lines.stream()
                        .filter(l -> l.contains("SKIPPED: rain delay until 2026-03-11T13:00"))
                        .count(),
                all);
    }
}
