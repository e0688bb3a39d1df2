package org.urbis.grid.internal.feeder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeederFormatTest {

    @TempDir
    Path dir;

    @Test
    void aFeederFileGivesItsLimitsAndModes() {
        Feeder f = FeederFormat.parse(
                "pt-f1.feeder.json",
                "{\"feeder\": \"PT-F1\", \"transformerMeter\": \"GM-PT-F1-TX\", "
                        + "\"weatherStation\": \"WS-PT-001\", \"importLimitKw\": 400, \"exportLimitKw\": 150, \"hysteresisKw\": 10, "
                        + "\"peakController\": \"advise\", \"exportController\": \"Automatic\", \"holidays\": [\"2026-09-03\"]}");
        assertEquals("feeder=PT-F1", f.group());
        assertEquals(Mode.ADVISE, f.peakMode());
        assertEquals(Mode.AUTOMATIC, f.exportMode());
        assertEquals(10.93, f.latitude(), 1e-9, "Phan Thiet unless the file says otherwise");
        assertEquals(30, f.eventMinutes());
        assertEquals(Set.of(LocalDate.of(2026, 9, 3)), f.holidays());
    }

    @Test
    void everyBadFieldIsNamedWithTheFile() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> FeederFormat.parse(
                        "bad.feeder.json",
                        "{\"feeder\": \"PT F1\", \"transformerMeter\": \"GM-PT-F1-TX\", \"importLimitKw\": -5, \"exportLimitKw\": \"lots\", "
                                + "\"exportController\": \"sometimes\", \"holidays\": [\"Tet\"], \"colour\": 1}"));
        String m = e.getMessage();
        assertTrue(m.startsWith("feeder file bad.feeder.json refused: "), m);
        for (String part : new String[] {
            "unknown field 'colour'",
            "feeder must be an id",
            "importLimitKw must be a number 0.001-1000000, was -5",
            "exportLimitKw must be a number",
            "exportController must be off, advise or automatic, was \"sometimes\"",
            "holidays[0] 'Tet' is not a date"
        }) {
            assertTrue(m.contains(part), part + " in " + m);
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FeederFormat.parse("x.feeder.json", "[1]"))
                .getMessage()
                .contains("x.feeder.json refused: a feeder is a JSON object"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> FeederFormat.parse("x.feeder.json", "{\"feeder\": \"A\"}"))
                .getMessage()
                .contains("importLimitKw is missing"));
    }

    @Test
    void aFolderRefusesTheSecondFileOfAFeederAndTheBadOnes() throws Exception {
        String good =
                "{\"feeder\": \"PT-F1\", \"transformerMeter\": \"TX\", \"importLimitKw\": 400, \"exportLimitKw\": 150}";
        Files.writeString(dir.resolve("a.feeder.json"), good);
        Files.writeString(dir.resolve("b.feeder.json"), good);
        Files.writeString(dir.resolve("c.feeder.json"), "{");
        Files.writeString(dir.resolve("notes.txt"), "not a feeder");
        FeederFolder.Loaded loaded = FeederFolder.load(dir);
        assertEquals(1, loaded.feeders().size());
        assertEquals("a.feeder.json", loaded.feeders().get(0).source());
        assertEquals(2, loaded.problems().size(), loaded.problems().toString());
        assertTrue(loaded.problems()
                .get(0)
                .contains("b.feeder.json refused: feeder PT-F1 is already defined in a.feeder.json"));
        assertTrue(loaded.problems().get(1).contains("c.feeder.json refused: not JSON"));
    }

    @Test
    void theDemoFeederIsAccepted() throws Exception {
        FeederFolder.Loaded demo = FeederFolder.load(Path.of("../../karaf-assembly/src/main/demo/etc/urbis/grid"));
        assertEquals(List.of(), demo.problems());
        Feeder f = demo.feeders().get(0);
        assertEquals("PT-F1", f.id());
        assertEquals("GM-PT-F1-TX", f.transformerMeter());
        assertEquals(Mode.AUTOMATIC, f.exportMode());
    }
}
