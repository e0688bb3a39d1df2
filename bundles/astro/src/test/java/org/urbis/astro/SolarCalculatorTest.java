package org.urbis.astro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SolarCalculatorTest {

    private static final ZoneId SAIGON = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final double NYC_LAT = 40.7128;
    private static final double NYC_LON = -74.0060;

    private static ZonedDateTime at(SolarEvent e, double lat, double lon, String date, ZoneId zone) {
        return SolarCalculator.event(e, lat, lon, LocalDate.parse(date), zone)
                .orElseThrow(() -> new AssertionError(e + " expected on " + date));
    }

    private static void assertNear(String expected, ZonedDateTime actual) {
        LocalTime want = LocalTime.parse(expected);
        long diff = Math.abs(Duration.between(want, actual.toLocalTime()).toSeconds());
        assertTrue(diff <= 120, "expected " + want + " within 2 min, got " + actual);
    }

    @Test
    void newYorkOnTheDayClocksGoForward() {
        // 2024-03-10, clocks jump 02:00 EST -> 03:00 EDT; almanac sunrise 07:16 EDT
        ZonedDateTime rise = at(SolarEvent.SUNRISE, NYC_LAT, NYC_LON, "2024-03-10", NEW_YORK);
        ZonedDateTime set = at(SolarEvent.SUNSET, NYC_LAT, NYC_LON, "2024-03-10", NEW_YORK);
        assertNear("07:16", rise);
        assertAgreesWithUsno(NYC_LAT, NYC_LON, "2024-03-10", NEW_YORK, rise, set);
        assertEquals(ZoneOffset.ofHours(-4), set.getOffset());
        assertEquals(ZoneOffset.ofHours(-4), rise.getOffset());
        // the day before, still EST: sunrise about an hour earlier on the clock
        assertNear("06:18", at(SolarEvent.SUNRISE, NYC_LAT, NYC_LON, "2024-03-09", NEW_YORK));
    }

    @Test
    void newYorkOnTheDayClocksGoBack() {
        // 2024-11-03, 02:00 EDT -> 01:00 EST; almanac sunrise 06:29 EST
        ZonedDateTime rise = at(SolarEvent.SUNRISE, NYC_LAT, NYC_LON, "2024-11-03", NEW_YORK);
        assertNear("06:29", rise);
        assertAgreesWithUsno(
                NYC_LAT,
                NYC_LON,
                "2024-11-03",
                NEW_YORK,
                rise,
                at(SolarEvent.SUNSET, NYC_LAT, NYC_LON, "2024-11-03", NEW_YORK));
        assertEquals(ZoneOffset.ofHours(-5), rise.getOffset());
    }

    @Test
    void osloAcrossTheSpringChangeKeepsTheSolarInstantContinuous() {
        ZonedDateTime before = at(SolarEvent.SUNRISE, 59.9139, 10.7522, "2026-03-28", OSLO);
        ZonedDateTime after = at(SolarEvent.SUNRISE, 59.9139, 10.7522, "2026-03-29", OSLO);
        assertEquals(ZoneOffset.ofHours(1), before.getOffset());
        assertEquals(ZoneOffset.ofHours(2), after.getOffset());
        // in absolute time the sun rises ~3-4 minutes earlier each day at this season
        long minutes = Duration.between(before.toInstant(), after.toInstant()).toMinutes() - 24 * 60;
        assertTrue(minutes <= -2 && minutes >= -6, "day-to-day change " + minutes + " min");
        // on the clock it is about an hour later
        long clock = Duration.between(before.toLocalTime(), after.toLocalTime()).toMinutes();
        assertTrue(clock >= 54 && clock <= 58, "clock change " + clock + " min");
    }

    @Test
    void phanThietIsCloseToTheAlmanacAndInOrder() {
        for (String date : new String[] {"2026-01-15", "2026-03-20", "2026-06-21", "2026-09-23", "2026-12-21"}) {
            Map<SolarEvent, Optional<ZonedDateTime>> day =
                    SolarCalculator.day(10.93, 108.10, LocalDate.parse(date), SAIGON);
            ZonedDateTime dawn = day.get(SolarEvent.CIVIL_DAWN).orElseThrow();
            ZonedDateTime rise = day.get(SolarEvent.SUNRISE).orElseThrow();
            ZonedDateTime set = day.get(SolarEvent.SUNSET).orElseThrow();
            ZonedDateTime dusk = day.get(SolarEvent.CIVIL_DUSK).orElseThrow();
            assertTrue(dawn.isBefore(rise) && rise.isBefore(set) && set.isBefore(dusk), date + ": " + day);
            // civil twilight lasts ~21-24 minutes this close to the equator
            long twilight = Duration.between(dawn, rise).toMinutes();
            assertTrue(twilight >= 19 && twilight <= 25, date + " twilight " + twilight);
            assertEquals(ZoneOffset.ofHours(7), rise.getOffset());
            assertAgreesWithUsno(10.93, 108.10, date, SAIGON, rise, set);
            assertTrue(rise.getHour() == 5 || rise.getHour() == 6, date + " sunrise " + rise);
            assertTrue(set.getHour() == 17 || set.getHour() == 18, date + " sunset " + set);
        }
    }

    /** Within two minutes of the USNO almanac algorithm, an independent formulation. */
    private static void assertAgreesWithUsno(
            double lat, double lon, String date, ZoneId zone, ZonedDateTime rise, ZonedDateTime set) {
        ZonedDateTime[] usno = UsnoAlmanac.riseSet(lat, lon, LocalDate.parse(date), 90 + 50.0 / 60, zone);
        assertTrue(
                Math.abs(Duration.between(usno[0], rise).toSeconds()) <= 120,
                date + " sunrise " + rise + " vs " + usno[0]);
        assertTrue(
                Math.abs(Duration.between(usno[1], set).toSeconds()) <= 120,
                date + " sunset " + set + " vs " + usno[1]);
    }

    @Test
    void tromsoPolarNightHasNoSunriseButCivilTwilight() {
        ZoneId oslo = OSLO;
        Map<SolarEvent, Optional<ZonedDateTime>> day =
                SolarCalculator.day(69.6492, 18.9553, LocalDate.parse("2026-12-21"), oslo);
        assertTrue(day.get(SolarEvent.SUNRISE).isEmpty(), day.toString());
        assertTrue(day.get(SolarEvent.SUNSET).isEmpty(), day.toString());
        assertTrue(day.get(SolarEvent.CIVIL_DAWN).isPresent(), "the sun still climbs above -6 degrees: " + day);
        assertTrue(day.get(SolarEvent.CIVIL_DUSK).isPresent(), day.toString());
    }

    @Test
    void tromsoMidnightSunHasNoEventAtAll() {
        Map<SolarEvent, Optional<ZonedDateTime>> day =
                SolarCalculator.day(69.6492, 18.9553, LocalDate.parse("2026-06-21"), OSLO);
        day.forEach((e, t) -> assertTrue(t.isEmpty(), e + " " + t));
    }

    @Test
    void tromsoOnAnOrdinaryDayHasAllFour() {
        Map<SolarEvent, Optional<ZonedDateTime>> day =
                SolarCalculator.day(69.6492, 18.9553, LocalDate.parse("2026-03-20"), OSLO);
        day.forEach((e, t) -> assertTrue(t.isPresent(), e + " " + t));
    }

    @Test
    void badCoordinatesAreRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> SolarCalculator.event(SolarEvent.SUNRISE, 91, 0, LocalDate.parse("2026-01-01"), SAIGON));
    }

    @Test
    void elevationIsZeroAtSunriseAndHighestAtSolarNoonInPhanThiet() {
        ZoneId site = ZoneId.of("Asia/Ho_Chi_Minh");
        ZonedDateTime rise = SolarCalculator.event(SolarEvent.SUNRISE, 10.93, 108.10, LocalDate.of(2026, 6, 21), site)
                .orElseThrow();
        // sunrise is when the centre stands 0.833 degrees below the horizon (refraction and the sun's radius)
        assertEquals(-0.833, SolarCalculator.elevation(10.93, 108.10, rise.toInstant()), 0.1);
        // at the June solstice the noon sun stands 90 - |10.93 - 23.44| = 77.5 degrees high, to the north
        double noon = 0;
        for (int m = 0; m < 24 * 60; m += 5) {
            noon = Math.max(
                    noon,
                    SolarCalculator.elevation(10.93, 108.10, rise.toInstant().plusSeconds(60L * m)));
        }
        assertEquals(77.5, noon, 0.3);
    }
}
