package org.urbis.parking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Site files and opening hours: what is read, and what is refused with a sentence naming file, site and field. */
class SiteFilesTest {

    static final String STREET = """
            {"sites": [{"uid": "PT-TRAN-HUNG-DAO", "name": "Trần Hưng Đạo", "lat": 10.9297, "lon": 108.1003,
              "type": "ON_STREET", "capacity": 3, "maxStayMinutes": 120, "openingHours": "24/7",
              "overstay": {"maxStayMinutes": 120, "hours": "Mo-Sa 07:00-19:00"}}]}""";

    @Test
    void readsASite(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("street.parking.json"), STREET);
        Files.writeString(dir.resolve("other.geojson"), "{not read}");
        SiteFiles.Loaded loaded = SiteFiles.load(dir);
        assertEquals(List.of(), loaded.problems());
        ParkingSite s = loaded.sites().get("PT-TRAN-HUNG-DAO");
        assertEquals("Trần Hưng Đạo", s.name());
        assertEquals(3, s.capacity().orElseThrow());
        assertEquals(Duration.ofMinutes(120), s.overstay().orElseThrow().maxStay());
        assertTrue(s.overstay().get().hours().open(LocalDateTime.parse("2026-12-05T18:59")), "Saturday evening");
        assertFalse(s.overstay().get().hours().open(LocalDateTime.parse("2026-12-06T10:00")), "Sunday");
    }

    @Test
    void refusesBadSitesNamingFileSiteAndField() {
        List<String> problems = new ArrayList<>();
        Map<String, ParkingSite> sites = new TreeMap<>();
        SiteFiles.read("bad.parking.json", """
                {"sites": [{"uid": "A", "name": "A", "lat": 91, "lon": 108, "type": "GARAGE", "capacity": 2.5,
                  "openingHours": "Mo-Fr 08:00-18:00; PH off", "maxStay": 5},
                 {"uid": "B", "name": "B", "lat": 10, "lon": 108, "overstay": {"hours": "Mo-Fr 25:00-26:00"}}]}""".getBytes(StandardCharsets.UTF_8), sites, problems);
        assertTrue(sites.isEmpty());
        String all = String.join("\n", problems);
        for (String expected : List.of(
                "bad.parking.json: site A: lat 91 is outside -90..90",
                "bad.parking.json: site A: type 'GARAGE' is not one of",
                "bad.parking.json: site A: capacity 2.5 is not a whole number",
                "bad.parking.json: site A: openingHours 'Mo-Fr 08:00-18:00; PH off': 'PH' is not a weekday",
                "bad.parking.json: site A: field 'maxStay' is not one of",
                "bad.parking.json: site B: overstay: maxStayMinutes is required",
                "bad.parking.json: site B: overstay: hours 'Mo-Fr 25:00-26:00': '25:00' is not a time of day")) {
            assertTrue(all.contains(expected), "missing: " + expected + "\nin:\n" + all);
        }
    }

    @Test
    void aSecondSiteOfTheSameUidIsRefused() {
        List<String> problems = new ArrayList<>();
        Map<String, ParkingSite> sites = new TreeMap<>();
        SiteFiles.read("a.parking.json", STREET.getBytes(StandardCharsets.UTF_8), sites, problems);
        SiteFiles.read("b.parking.json", STREET.getBytes(StandardCharsets.UTF_8), sites, problems);
        assertEquals(
                List.of(
                        "b.parking.json: site PT-TRAN-HUNG-DAO: uid PT-TRAN-HUNG-DAO is also defined in a.parking.json"),
                problems);
    }

    @Test
    void openingHoursInOsmSyntax() {
        OpeningHours h = OpeningHours.parse("Mo-Fr 07:00-12:00,13:00-19:00; Sa 08:00-02:00; Su off");
        assertTrue(h.open(LocalDateTime.parse("2026-12-01T07:00")));
        assertFalse(h.open(LocalDateTime.parse("2026-12-01T12:30")), "the lunch break");
        assertTrue(h.open(LocalDateTime.parse("2026-12-06T01:30")), "Saturday's hours run past midnight into Sunday");
        assertFalse(h.open(LocalDateTime.parse("2026-12-06T03:00")));
        assertTrue(OpeningHours.parse("24/7").open(LocalDateTime.parse("2026-12-06T03:00")));
        assertTrue(OpeningHours.parse("06:00-22:00").open(LocalDateTime.parse("2026-12-06T21:59")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpeningHours.parse("sunrise-sunset"))
                .getMessage()
                .contains("sunrise"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpeningHours.parse("Mo-Fr"))
                .getMessage()
                .contains("no times"));
    }
}
