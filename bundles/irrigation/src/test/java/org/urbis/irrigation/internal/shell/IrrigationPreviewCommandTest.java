package org.urbis.irrigation.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.urbis.irrigation.internal.Irrigation;
import org.urbis.irrigation.internal.Previews;
import org.urbis.irrigation.internal.program.ProgramFormat;

/** The console's preview: a line per day, per run with its reason, and per zone not watering. */
class IrrigationPreviewCommandTest {

    private static final Path PROGRAM = Path.of("../../karaf-assembly/src/main/demo/etc/urbis/irrigation/pt-park-night.program.json");
    private static final LocalDate DAY = LocalDate.parse("2026-03-10");

    @Test
    void aFreshDemoParksWeekAheadWithTheReasons() throws Exception {
        Irrigation irrigation = new Irrigation(ZoneId.of("Asia/Ho_Chi_Minh"), new Irrigation.Conditions() { });
        irrigation.setPrograms(List.of(ProgramFormat.parse("pt-park-night.program.json", Files.readString(PROGRAM))), DAY.minusDays(1));
        List<String> lines = IrrigationPreviewCommand.lines(Previews.preview(irrigation, DAY, "pt-park-night", DAY, DAY.plusDays(6),
                OptionalDouble.empty()));
        assertEquals("2026-03-10 (today)", lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("2026-03-11 (projected from today's balance")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.matches("  2026-03-1\\d 00:\\d\\d:00 IR-PT-001 zone 1 \\d+\\.\\d min cycle 1/\\d: .*"
                + "first guess: Hargreaves.*refill.*")), String.join("\n", lines));
        assertTrue(lines.contains("  IR-PT-001 zone 1 not watering: pt-park-night: no day closed yet: ET0 4.3 mm by first guess: "
                + "Hargreaves from the extraterrestrial radiation at 10.93° and the usual 23.0-31.0 °C of pt-park-night, as no "
                + "weather day has closed yet, ETc 3.5 mm; depletion 0.0 mm + today's expected use 3.5 mm stays under the 10.0 mm "
                + "allowed: no watering"), String.join("\n", lines));
        assertThrows(NoSuchElementException.class, () -> Previews.preview(irrigation, DAY, "nope", DAY, DAY, OptionalDouble.empty()));
    }
}
