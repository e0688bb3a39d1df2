package org.urbis.control.internal.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.urbis.testing.Schedules;

class ScheduleFormatTest {

    private static List<String> problems(String json) {
        return assertThrows(ScheduleException.class, () -> ScheduleFormat.parse(json))
                .problems();
    }

    private static String withProgram(String steps) {
        return "{\"id\": \"s1\", \"group\": \"zone=Z\", \"programs\": {\"p\": {\"steps\": " + steps + "}},"
                + " \"calendar\": {\"default\": \"p\"}}";
    }

    private static String withRules(String rules) {
        return "{\"id\": \"s1\", \"group\": \"zone=Z\", \"programs\": {\"p\": {\"steps\": [{\"at\": \"sunset\", \"level\": 100}]},"
                + " \"q\": {\"steps\": [{\"at\": \"18:00\", \"level\": 100}]}}, \"calendar\": {\"rules\": " + rules
                + ", \"default\": \"p\"}}";
    }

    @Test
    void aGoodScheduleReadsBackTheSame() {
        Schedule s = ScheduleFormat.parse(Schedules.thurrock("pt-z1", "zone=PT-Z1"));
        assertEquals(s, ScheduleFormat.parse(ScheduleFormat.write(s)));
        assertEquals(3, s.programs().size());
        assertEquals(4, s.programs().get("night").steps().size());
    }

    @Test
    void theOperationsGuidesExampleIsAValidSchedule() throws Exception {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../../docs/operations.md"));
        int start = readme.indexOf("{\"id\": \"pt-z1\"");
        String json = readme.substring(start, readme.indexOf("```", start));
        Schedule s = ScheduleFormat.parse(json);
        assertEquals(
                "holiday", s.programOn(java.time.LocalDate.parse("2026-07-04")).name());
        assertEquals(
                "weekend", s.programOn(java.time.LocalDate.parse("2026-03-14")).name());
        assertEquals(
                "night", s.programOn(java.time.LocalDate.parse("2026-03-11")).name());
    }

    @Test
    void theMessageNamesTheScheduleTheStepAndTheProblem() {
        ScheduleException e = assertThrows(
                ScheduleException.class,
                () -> ScheduleFormat.parse(
                        withProgram("[{\"at\": \"sunset\", \"level\": 100}, {\"at\": \"05:00\", \"level\": 120}]")));
        assertEquals(
                "schedule 's1' refused: program 'p' step 2: level 120 is out of range: a whole number from 0 (off) to 100",
                e.getMessage());
    }

    @Test
    void unknownProgramInARuleOrAsDefault() {
        assertEquals(
                List.of("calendar rule 1 'x': unknown program 'nope'; known: [p, q]"),
                problems(withRules("[{\"name\": \"x\", \"days\": [\"MON\"], \"program\": \"nope\"}]")));
        String badDefault =
                Schedules.thurrock("s", "zone=Z").replace("\"default\": \"night\"", "\"default\": \"nightly\"");
        assertTrue(problems(badDefault).get(0).startsWith("calendar: default program 'nightly' is unknown"));
    }

    @Test
    void badTimeSyntaxOffsetRangeAndBounds() {
        assertEquals(
                List.of(
                        "program 'p' step 1: 'at' must be HH:mm or one of sunrise, sunset, civil-dawn, civil-dusk, not '25:00'"),
                problems(withProgram("[{\"at\": \"25:00\", \"level\": 10}]")));
        assertEquals(
                List.of(
                        "program 'p' step 1: 'at' must be HH:mm or one of sunrise, sunset, civil-dawn, civil-dusk, not 'dusk'"),
                problems(withProgram("[{\"at\": \"dusk\", \"level\": 10}]")));
        assertEquals(
                List.of("program 'p' step 1: offset 721 min is outside -720 to 720"),
                problems(withProgram("[{\"at\": \"sunset\", \"offset\": 721, \"level\": 10}]")));
        assertEquals(
                List.of("program 'p' step 1: 'offset' is only for astronomical steps; write the time itself"),
                problems(withProgram("[{\"at\": \"18:00\", \"offset\": 5, \"level\": 10}]")));
        assertEquals(
                List.of("program 'p' step 1: earliest 07:00 is after latest 06:00"),
                problems(withProgram(
                        "[{\"at\": \"sunrise\", \"earliest\": \"07:00\", \"latest\": \"06:00\", \"level\": 0}]")));
        assertEquals(
                List.of("program 'p' step 1: 'latest' must be HH:mm, not '6am'"),
                problems(withProgram("[{\"at\": \"sunrise\", \"latest\": \"6am\", \"level\": 0}]")));
        assertEquals(
                List.of("program 'p' step 1: level -1 is out of range: a whole number from 0 (off) to 100"),
                problems(withProgram("[{\"at\": \"sunrise\", \"level\": -1}]")));
    }

    @Test
    void emptyProgramAndDuplicateStep() {
        assertEquals(List.of("program 'p' is empty: it needs 1 to 48 steps"), problems(withProgram("[]")));
        assertEquals(
                List.of(
                        "program 'p' step 2: a second step at sunset-10 (the same time as an earlier step); which level "
                                + "holds would be ambiguous"),
                problems(
                        withProgram(
                                "[{\"at\": \"sunset\", \"offset\": -10, \"level\": 10}, {\"at\": \"sunset\", \"offset\": -10, \"level\": 20}]")));
    }

    @Test
    void duplicateAndHiddenRulesAreRefusedButExceptionsBeforeWiderRulesAreNot() {
        assertEquals(
                List.of("calendar rule 'b' never applies: every date it matches is taken first by 'a' (duplicate or "
                        + "overlapping rules)"),
                problems(withRules("[{\"name\": \"a\", \"days\": [\"SAT\", \"SUN\"], \"program\": \"q\"},"
                        + " {\"name\": \"b\", \"days\": [\"SUN\"], \"program\": \"p\"}]")));
        assertEquals(
                List.of("calendar rule 'late' never applies: every date it matches is taken first by 'summer' "
                        + "(duplicate or overlapping rules)"),
                problems(withRules(
                        "[{\"name\": \"summer\", \"from\": \"2026-06-01\", \"to\": \"2026-08-31\", \"program\": \"q\"},"
                                + " {\"name\": \"late\", \"dates\": [\"2026-07-04\"], \"program\": \"p\"}]")));
        // A holiday listed before the weekend rule is an exception, not an ambiguity.
        Schedule ok =
                ScheduleFormat.parse(withRules("[{\"name\": \"tet\", \"dates\": [\"2026-02-17\"], \"program\": \"q\"},"
                        + " {\"name\": \"we\", \"days\": [\"TUE\"], \"program\": \"p\"}]"));
        assertEquals(2, ok.rules().size());
        assertEquals(
                List.of("calendar rule 'x' matches no date at all (its conditions exclude each other)"),
                problems(withRules(
                        "[{\"name\": \"x\", \"dates\": [\"2026-02-17\"], \"days\": [\"SUN\"], \"program\": \"q\"}]")));
        assertEquals(
                List.of("calendar rule 1 has no condition (days, from/to or dates) and would match every day; use the "
                        + "calendar's 'default'"),
                problems(withRules("[{\"program\": \"q\"}]")));
    }

    @Test
    void badGroupIdDatesAndUnknownFieldsAreAllListed() {
        String json = "{\"id\": \"s1\", \"group\": \"PT-Z1\", \"colour\": \"red\", \"programs\": {\"p\": {\"steps\": "
                + "[{\"at\": \"sunset\", \"level\": 100}]}}, \"calendar\": {\"rules\": [{\"name\": \"r\", \"from\": \"2026-09-01\","
                + " \"to\": \"2026-08-01\", \"program\": \"p\"}], \"default\": \"p\"}}";
        List<String> problems = problems(json);
        assertEquals(
                List.of(
                        "schedule has an unknown field 'colour'",
                        "'group' must be a tag as key=value, such as zone=PT-Z1, not 'PT-Z1'",
                        "calendar rule 1 'r': 'from' 2026-09-01 is after 'to' 2026-08-01"),
                problems.stream()
                        .sorted((a, b) -> Integer.compare(order(a), order(b)))
                        .toList());
        assertTrue(problems(withProgram("not json")).get(0).startsWith("not JSON"));
    }

    private static int order(String p) {
        return p.startsWith("schedule") ? 0 : p.startsWith("'group'") ? 1 : 2;
    }
}
