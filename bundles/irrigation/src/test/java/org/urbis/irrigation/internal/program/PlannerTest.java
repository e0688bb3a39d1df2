package org.urbis.irrigation.internal.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.urbis.api.irrigation.ProgramPreview;

class PlannerTest {

    private static final ZoneId SITE = ZoneId.of("Asia/Ho_Chi_Minh");
    /** 2026-03-03 is a Tuesday, an odd date. */
    private static final LocalDate ODD = LocalDate.parse("2026-03-03");

    private final TableInputs inputs = new TableInputs();
    private final Map<String, Long> seconds = inputs.seconds;
    private final Map<String, String> skips = inputs.skips;
    private final Map<String, String> mains = inputs.mains;

    private static Program program(String id, String starts, String days, String extra, String zones) {
        return ProgramFormat.parse(
                id + ".program.json",
                "{\"id\": \"" + id + "\", \"weather\": {\"station\": \"WS-PT-001\", "
                        + "\"latitude\": 10.93, \"elevation\": 10}, \"starts\": " + starts + ", \"days\": " + days
                        + ", \"window\": {\"from\": \"20:00\", \"to\": \"06:00\"}" + extra + ", \"zones\": [" + zones
                        + "]}");
    }

    private static String zone(String controller, int n, String extra) {
        return "{\"controller\": \"" + controller + "\", \"zone\": " + n
                + ", \"cropCoefficient\": 0.8, \"rootDepth\": 0.3, "
                + "\"availableWater\": 100, \"precipitationRate\": 20" + extra + "}";
    }

    private static Instant at(LocalDate date, String time) {
        return ZonedDateTime.of(date, java.time.LocalTime.parse(time), SITE).toInstant();
    }

    @Test
    void zonesOfAControllerRunInSequence() {
        Program p = program(
                "a",
                "[\"21:00\"]",
                "\"every\"",
                "",
                zone("IR-1", 1, "") + "," + zone("IR-1", 2, "") + "," + zone("IR-2", 1, ""));
        seconds.put("IR-1/1", 900L);
        List<PlannedRun> runs = Planner.plan(List.of(p), ODD, SITE, inputs).runs();
        assertEquals(3, runs.size());
        assertEquals(at(ODD, "21:00"), run(runs, "IR-1/1", 1).start());
        assertEquals(at(ODD, "21:15"), run(runs, "IR-1/2", 1).start());
        assertEquals(at(ODD, "21:00"), run(runs, "IR-2/1", 1).start(), "another controller runs alongside");
        assertTrue(
                run(runs, "IR-1/2", 1).why().contains("stacked 15.0 min"),
                run(runs, "IR-1/2", 1).why());
    }

    @Test
    void aLaterProgramOnTheSameControllerIsStackedNotOverlapped() {
        Program a = program("a", "[\"21:00\"]", "\"every\"", "", zone("IR-1", 1, "") + "," + zone("IR-1", 2, ""));
        Program b = program("b", "[\"21:05\"]", "\"every\"", "", zone("IR-1", 3, ""));
        List<PlannedRun> runs = Planner.plan(List.of(a, b), ODD, SITE, inputs).runs();
        assertEquals(at(ODD, "21:20"), run(runs, "IR-1/3", 1).start());
        assertNoOverlapPerController(runs);
    }

    @Test
    void cycleAndSoakSplitsTheWaterAndOtherZonesRunDuringTheSoak() {
        Program p = program(
                "a",
                "[\"22:00\"]",
                "\"every\"",
                "",
                zone("IR-1", 1, ", \"cycleMinutes\": 10, \"soakMinutes\": 30") + "," + zone("IR-1", 2, ""));
        seconds.put("IR-1/1", 1500L); // 25 min → 3 cycles of 500 s
        seconds.put("IR-1/2", 1200L);
        List<PlannedRun> runs = Planner.plan(List.of(p), ODD, SITE, inputs).runs();
        PlannedRun c1 = run(runs, "IR-1/1", 1);
        PlannedRun c2 = run(runs, "IR-1/1", 2);
        PlannedRun c3 = run(runs, "IR-1/1", 3);
        assertEquals(3, c1.cycles());
        assertEquals(1500, c1.seconds() + c2.seconds() + c3.seconds());
        assertEquals(at(ODD, "22:00"), c1.start());
        assertEquals(c1.end(), run(runs, "IR-1/2", 1).start(), "zone 2 runs while zone 1 soaks");
        assertTrue(!c2.start().isBefore(c1.end().plusSeconds(1800)), "soak respected");
        assertTrue(!c3.start().isBefore(c2.end().plusSeconds(1800)), "soak respected");
        assertNoOverlapPerController(runs);
    }

    @Test
    void aFlowBudgetLimitsHowManyZonesRunAtOnceOnAMain() {
        mains.put("IR-1", "M1");
        mains.put("IR-2", "M1");
        mains.put("IR-3", "M1");
        mains.put("IR-4", "M2");
        Program p = program(
                "a",
                "[\"21:00\"]",
                "\"every\"",
                ", \"flowBudgets\": {\"M1\": 100}",
                zone("IR-1", 1, ", \"flow\": 50") + "," + zone("IR-2", 1, ", \"flow\": 50") + ","
                        + zone("IR-3", 1, ", \"flow\": 50") + "," + zone("IR-4", 1, ", \"flow\": 50") + ","
                        + zone("IR-4", 2, ", \"flow\": 500"));
        Planner.DayPlan plan = Planner.plan(List.of(p), ODD, SITE, inputs);
        List<PlannedRun> runs = plan.runs();
        assertEquals(at(ODD, "21:00"), run(runs, "IR-1/1", 1).start());
        assertEquals(at(ODD, "21:00"), run(runs, "IR-2/1", 1).start());
        assertEquals(at(ODD, "21:10"), run(runs, "IR-3/1", 1).start(), "the third waits for flow on M1");
        assertEquals(at(ODD, "21:00"), run(runs, "IR-4/1", 1).start(), "M2 has no budget");
        for (PlannedRun r : runs) {
            double flow = runs.stream()
                    .filter(o -> "M1".equals(mains.get(o.zone().controller())))
                    .filter(o -> o.start().compareTo(r.start()) <= 0 && o.end().isAfter(r.start()))
                    .mapToDouble(o -> o.zone().flow())
                    .sum();
            assertTrue(
                    !"M1".equals(mains.get(r.zone().controller())) || flow <= 100,
                    "flow on M1 at " + r.start() + ": " + flow);
        }
    }

    @Test
    void restrictionsOddEvenDaysAndTheWindow() {
        Program odd = program(
                "odd",
                "[\"05:35\"]",
                "\"odd\"",
                "",
                zone("IR-1", 1, "") + "," + zone("IR-1", 2, "") + "," + zone("IR-1", 3, "") + ","
                        + zone("IR-1", 4, ""));
        Planner.DayPlan even = Planner.plan(List.of(odd), ODD.plusDays(1), SITE, inputs);
        assertTrue(even.runs().isEmpty());
        assertTrue(even.skipped().get("IR-1/1").contains("not a watering day (odd dates)"));
        Planner.DayPlan plan = Planner.plan(List.of(odd), ODD, SITE, inputs);
        assertEquals(
                List.of("IR-1/1", "IR-1/2", "IR-1/3"),
                plan.runs().stream().map(r -> r.zone().key()).toList());
        assertTrue(plan.runs().stream().allMatch(r -> !r.end().isAfter(at(ODD, "06:00"))), "nothing past 06:00");
        PlannedRun cut = run(plan.runs(), "IR-1/3", 1);
        assertEquals(300, cut.seconds(), "zone 3 gets the 5 min left of the window");
        assertTrue(cut.why().contains("cut from 10.0 min to end at the watering window's end 06:00"), cut.why());
        assertTrue(
                plan.skipped().get("IR-1/4").contains("past the watering window's end 06:00"),
                plan.skipped().toString());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> program("day", "[\"07:00\"]", "\"every\"", "", zone("IR-1", 1, "")));
        assertTrue(
                e.getMessage().contains("day.program.json") && e.getMessage().contains("starts[0] 07:00 lies outside"),
                e.getMessage());
    }

    @Test
    void skipsAndNoNeedAreReported() {
        Program p = program("a", "[\"21:00\"]", "\"every\"", "", zone("IR-1", 1, "") + "," + zone("IR-1", 2, ""));
        skips.put("IR-1/1", "rain sensor reports rain");
        seconds.put("IR-1/2", 0L);
        Planner.DayPlan plan = Planner.plan(List.of(p), ODD, SITE, inputs);
        assertTrue(plan.runs().isEmpty());
        assertEquals("a: rain sensor reports rain", plan.skipped().get("IR-1/1"));
        assertEquals("a: needs 0 s", plan.skipped().get("IR-1/2"));
    }

    /** Runs zones need but do not make are listed with their start, length, kind and reason, not only the zone noted. */
    @Test
    void skippedAndRefusedRunsAreListedWithWhy() {
        mains.put("IR-1", "M1");
        Program p = program(
                "a",
                "[\"05:35\"]",
                "\"odd\"",
                ", \"flowBudgets\": {\"M1\": 100}",
                zone("IR-1", 1, ", \"flow\": 50") + "," + zone("IR-1", 2, ", \"flow\": 50") + ","
                        + zone("IR-1", 3, ", \"flow\": 50")
                        + "," + zone("IR-1", 4, ", \"flow\": 50") + "," + zone("IR-1", 5, ", \"flow\": 500") + ","
                        + zone("IR-1", 6, ", \"flow\": 50") + "," + zone("IR-2", 1, ""));
        skips.put("IR-2/1", "the rain sensor of IR-2 reports rain");
        seconds.put("IR-1/6", 0L);
        Planner.DayPlan plan = Planner.plan(List.of(p), ODD, SITE, inputs);
        Map<String, MissedRun> missed = new java.util.HashMap<>();
        plan.missed().forEach(m -> missed.put(m.zone().key(), m));
        assertEquals(
                java.util.Set.of("IR-1/3", "IR-1/4", "IR-1/5", "IR-2/1"),
                missed.keySet(),
                "a zone needing nothing is no missed run: " + plan.missed());
        MissedRun rain = missed.get("IR-2/1");
        assertEquals(ProgramPreview.MissedKind.SKIPPED, rain.kind());
        assertEquals(at(ODD, "05:35"), rain.start());
        assertEquals(600, rain.seconds());
        assertEquals("the rain sensor of IR-2 reports rain; it would have run 10.0 min: needs 600 s", rain.why());
        MissedRun flow = missed.get("IR-1/5");
        assertEquals(ProgramPreview.MissedKind.REFUSED, flow.kind());
        assertTrue(
                flow.why()
                        .startsWith(
                                "the interlock refuses it: its flow 500 l/min exceeds the 100 l/min budget of water main M1"),
                flow.why());
        MissedRun window = missed.get("IR-1/4");
        assertEquals(ProgramPreview.MissedKind.SKIPPED, window.kind());
        assertEquals(at(ODD, "06:00"), window.start());
        assertEquals(600, window.seconds());
        assertTrue(
                window.why().startsWith("cycle 1 of 1 would run past the watering window's end 06:00"), window.why());
        MissedRun cut = missed.get("IR-1/3");
        assertEquals(at(ODD, "06:00"), cut.start());
        assertEquals(300, cut.seconds(), "the 5 min the window's end cut off");
        assertTrue(cut.why().startsWith("the rest of its water, cut at the watering window's end 06:00"), cut.why());
        Planner.DayPlan even = Planner.plan(List.of(p), ODD.plusDays(1), SITE, inputs);
        assertEquals(
                6, even.missed().size(), "every zone needing water on a day the restriction bars: " + even.missed());
        assertTrue(
                even.missed().stream()
                        .allMatch(m -> m.kind() == ProgramPreview.MissedKind.SKIPPED
                                && m.why().startsWith("not a watering day (odd dates); it would have run")),
                even.missed().toString());
    }

    @Test
    void twoStartsShareTheWater() {
        Program p = program("a", "[\"21:00\", \"04:00\"]", "\"every\"", "", zone("IR-1", 1, ""));
        seconds.put("IR-1/1", 1001L);
        List<PlannedRun> runs = Planner.plan(List.of(p), ODD, SITE, inputs).runs();
        assertEquals(2, runs.size());
        assertEquals(1001, runs.get(0).seconds() + runs.get(1).seconds());
        assertEquals(at(ODD, "04:00"), runs.get(0).start(), "a start's date is the day's: 04:00 comes before 21:00");
    }

    private static PlannedRun run(List<PlannedRun> runs, String key, int cycle) {
        return runs.stream()
                .filter(r -> r.zone().key().equals(key) && r.cycle() == cycle)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no cycle " + cycle + " of " + key + " in " + runs));
    }

    private static void assertNoOverlapPerController(List<PlannedRun> runs) {
        for (PlannedRun a : runs) {
            for (PlannedRun b : runs) {
                if (a != b && a.zone().controller().equals(b.zone().controller())) {
                    assertFalse(a.start().isBefore(b.end()) && b.start().isBefore(a.end()), a + " overlaps " + b);
                }
            }
        }
    }
}
