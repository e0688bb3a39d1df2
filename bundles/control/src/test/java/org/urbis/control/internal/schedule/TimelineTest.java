package org.urbis.control.internal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urbis.astro.SolarCalculator;
import org.urbis.astro.SolarEvent;
import org.urbis.testing.Schedules;

class TimelineTest {

    private static final Site PHAN_THIET = new Site(ZoneId.of("Asia/Ho_Chi_Minh"), 10.93, 108.10);
    private static final Site TROMSO = new Site(ZoneId.of("Europe/Oslo"), 69.65, 18.96);

    private static Schedule schedule(String programJson) {
        return ScheduleFormat.parse("""
                {"id": "t", "group": "zone=T", "programs": {"p": %s}, "calendar": {"default": "p"}}
                """.formatted(programJson));
    }

    @Test
    void fixedAndAstronomicalStepsWithOffsetsOnAWeekday() {
        Schedule s = ScheduleFormat.parse(Schedules.thurrock("pt", "zone=PT-Z1"));
        LocalDate day = LocalDate.parse("2026-03-11"); // a Wednesday: program night
        List<SwitchEvent> events = new Timeline(PHAN_THIET).eventsOf(s, day);
        assertEquals(4, events.size());
        ZonedDateTime sunset = SolarCalculator.event(SolarEvent.SUNSET, 10.93, 108.10, day, PHAN_THIET.zone())
                .orElseThrow();
        ZonedDateTime sunrise = SolarCalculator.event(SolarEvent.SUNRISE, 10.93, 108.10, day, PHAN_THIET.zone())
                .orElseThrow();
        assertEquals(sunset.minusMinutes(10).withNano(0), events.get(0).time());
        assertEquals(70, events.get(0).level());
        assertEquals(
                ZonedDateTime.of(day, LocalTime.of(0, 0), PHAN_THIET.zone()),
                events.get(1).time());
        assertEquals(
                ZonedDateTime.of(day, LocalTime.of(5, 0), PHAN_THIET.zone()),
                events.get(2).time());
        assertEquals(sunrise.plusMinutes(15).withNano(0), events.get(3).time());
        assertEquals("", events.get(3).note(), "sunrise+15 lies within 05:30-07:00 in the tropics");
        assertEquals(0, events.get(3).level());
    }

    @Test
    void boundsHoldAnAstronomicalStepWithinThem() {
        Schedule s = schedule("""
                {"steps": [{"at": "sunset", "offset": 120, "latest": "19:00", "level": 80},
                           {"at": "sunrise", "offset": -180, "earliest": "04:00", "level": 0}]}""");
        List<SwitchEvent> events = new Timeline(PHAN_THIET).eventsOf(s, LocalDate.parse("2026-06-21"));
        assertEquals(LocalTime.of(19, 0), events.get(0).time().toLocalTime());
        assertEquals("latest bound", events.get(0).note());
        assertEquals(LocalTime.of(4, 0), events.get(1).time().toLocalTime());
        assertEquals("earliest bound", events.get(1).note());
    }

    @Test
    void calendarRulesChooseTheProgramInOrder() {
        Schedule s = ScheduleFormat.parse(Schedules.thurrock("pt", "zone=PT-Z1"));
        assertEquals("holiday", s.programOn(LocalDate.parse("2026-01-01")).name()); // a Thursday
        assertEquals("weekend", s.programOn(LocalDate.parse("2026-01-03")).name());
        assertEquals("night", s.programOn(LocalDate.parse("2026-01-05")).name());
    }

    @Test
    void levelInForceCarriesOverFromYesterday() {
        Schedule s = ScheduleFormat.parse(Schedules.thurrock("pt", "zone=PT-Z1"));
        Timeline t = new Timeline(PHAN_THIET);
        ZonedDateTime late = ZonedDateTime.of(LocalDate.parse("2026-03-11"), LocalTime.of(23, 0), PHAN_THIET.zone());
        assertEquals(70, t.inForce(s, late.toInstant()).orElseThrow().level());
        assertEquals(1, t.inForce(s, late.toInstant()).orElseThrow().step());
        SwitchEvent next = t.next(s, late.toInstant()).orElseThrow();
        assertEquals(
                ZonedDateTime.of(LocalDate.parse("2026-03-12"), LocalTime.MIDNIGHT, PHAN_THIET.zone()), next.time());
        assertEquals(50, next.level());
        ZonedDateTime early = late.plusHours(3);
        assertEquals(50, t.inForce(s, early.toInstant()).orElseThrow().level());
    }

    @Test
    void springForwardMovesAMissingTimeToTheEndOfTheGapAndFallBackTakesTheFirst() {
        Site berlin = new Site(ZoneId.of("Europe/Berlin"), 52.52, 13.40);
        Schedule s = schedule("""
                {"steps": [{"at": "02:30", "level": 40}, {"at": "sunset", "level": 100}, {"at": "sunrise", "level": 0}]}""");
        Timeline t = new Timeline(berlin);
        SwitchEvent spring = t.eventsOf(s, LocalDate.parse("2026-03-29")).get(0);
        assertEquals("2026-03-29T03:00+02:00", spring.time().toOffsetDateTime().toString());
        SwitchEvent autumn = t.eventsOf(s, LocalDate.parse("2026-10-25")).get(0);
        assertEquals(
                "2026-10-25T02:30+02:00", autumn.time().toOffsetDateTime().toString(), "the first of the two 02:30");
        // Sunset after the change is in summer time: an hour later on the clock than the day before.
        ZonedDateTime before =
                t.eventsOf(s, LocalDate.parse("2026-03-28")).get(1).time();
        ZonedDateTime after =
                t.eventsOf(s, LocalDate.parse("2026-03-29")).get(1).time();
        assertTrue(after.toLocalTime().isAfter(before.toLocalTime().plusMinutes(55)), before + " then " + after);
        // A whole day's preview across the change has every event once, in order.
        List<SwitchEvent> days = t.between(s, LocalDate.parse("2026-03-28"), LocalDate.parse("2026-03-30"));
        assertEquals(9, days.size());
        for (int i = 1; i < days.size(); i++) {
            assertTrue(days.get(i).time().isAfter(days.get(i - 1).time()));
        }
    }

    @Test
    void newYorkFallBackRepeatedHourTakesTheFirst() {
        Site ny = new Site(ZoneId.of("America/New_York"), 40.71, -74.01);
        Schedule s = schedule("{\"steps\": [{\"at\": \"01:30\", \"level\": 30}]}");
        SwitchEvent e =
                new Timeline(ny).eventsOf(s, LocalDate.parse("2026-11-01")).get(0);
        assertEquals("2026-11-01T01:30-04:00", e.time().toOffsetDateTime().toString());
    }

    @Test
    void polarDayAndNightSkipOrFallBackToBoundsWithoutFailing() {
        Schedule s = schedule("""
                {"steps": [{"at": "sunset", "level": 100}, {"at": "22:00", "level": 60},
                           {"at": "sunrise", "offset": 30, "earliest": "06:00", "latest": "09:00", "level": 0},
                           {"at": "civil-dusk", "earliest": "15:00", "level": 80}]}""");
        Timeline t = new Timeline(TROMSO);
        LocalDate midsummer = LocalDate.parse("2026-06-21");
        LocalDate midwinter = LocalDate.parse("2026-12-21");
        for (LocalDate d : List.of(midsummer, midwinter)) {
            List<SwitchEvent> events = t.eventsOf(s, d);
            // sunset without bounds is skipped; sunrise falls back to its latest bound (a morning event);
            // civil-dusk to its earliest (an evening event).
            assertEquals(
                    List.of(2, 3, 4), events.stream().map(SwitchEvent::step).toList(), d.toString());
            assertEquals(LocalTime.of(9, 0), events.get(1).time().toLocalTime());
            assertTrue(
                    events.get(1).note().startsWith("no sunrise"), events.get(1).note());
            assertEquals(LocalTime.of(15, 0), events.get(2).time().toLocalTime());
        }
        assertFalse(t.between(s, midsummer.minusDays(3), midsummer.plusDays(3)).isEmpty());
        assertTrue(
                t.inForce(s, midwinter.atStartOfDay(TROMSO.zone()).toInstant()).isPresent());
    }

    @Test
    void polarProgramOfOnlyAstronomicalStepsHasNoEventsAndNoLevel() {
        Schedule s =
                schedule("{\"steps\": [{\"at\": \"sunset\", \"level\": 100}, {\"at\": \"sunrise\", \"level\": 0}]}");
        Timeline t = new Timeline(TROMSO);
        LocalDate midsummer = LocalDate.parse("2026-06-21");
        assertTrue(t.between(s, midsummer, midsummer).isEmpty());
        assertTrue(
                t.inForce(s, midsummer.atStartOfDay(TROMSO.zone()).toInstant()).isEmpty());
        assertTrue(t.next(s, midsummer.atStartOfDay(TROMSO.zone()).toInstant()).isEmpty());
    }

    @Test
    void nodeProgramKeepsPlainAstronomicalStepsAndFixesBoundedOnes() {
        Schedule s = ScheduleFormat.parse(Schedules.thurrock("pt", "zone=PT-Z1"));
        Timeline t = new Timeline(PHAN_THIET);
        LocalDate day = LocalDate.parse("2026-03-11");
        String json = NodeProgram.of(s, day, t).orElseThrow();
        String sunriseAt =
                t.eventsOf(s, day).get(3).time().toLocalTime().toString().substring(0, 5);
        assertEquals(
                "{\"id\":\"pt.night\",\"zone\":\"Asia/Ho_Chi_Minh\",\"steps\":[{\"at\":\"sunset\",\"offset\":-10,\"level\":70},"
                        + "{\"at\":\"00:00\",\"level\":50},{\"at\":\"05:00\",\"level\":70},{\"at\":\"" + sunriseAt
                        + "\",\"level\":0}]}",
                json);
    }
}
