package org.urbis.api.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SiteZoneTest {

    private static final Instant T = Instant.parse("2026-12-01T11:00:05Z");

    @Test
    void showsTheSiteLocalTimeWithItsOffset() {
        SiteZone phanThiet = () -> ZoneId.of("Asia/Ho_Chi_Minh");
        assertEquals("2026-12-01 18:00:05 +07:00", phanThiet.format(T));
        assertEquals("2026-12-01 11:00:05 +00:00", ((SiteZone) () -> ZoneId.of("UTC")).format(T));
        assertEquals(
                "2026-06-21 02:00:00 +02:00",
                ((SiteZone) () -> ZoneId.of("Europe/Oslo")).format(Instant.parse("2026-06-21T00:00:00Z")),
                "summer time is in the offset");
        assertEquals("never", phanThiet.format(null));
        assertSame(phanThiet, SiteZone.orSystem(phanThiet));
    }

    @Test
    void withoutASiteTheRuntimeZoneStillSaysWhichItIs() {
        SiteZone system = SiteZone.orSystem(null);
        assertEquals(ZoneId.systemDefault(), system.zone());
        assertTrue(
                system.format(T).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d\\d:\\d\\d"),
                system.format(T));
    }
}
