package org.urbis.irrigation.internal.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.urbis.irrigation.internal.balance.ZoneSoil;

/**
 * The planner's event-driven lay-out against a plain reference that steps through the night second by second and
 * applies the rules one at a time, on randomized programs, controllers and water mains.
 */
class PlannerLayOutTest {

    private static final ZoneId SITE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final LocalDate DAY = LocalDate.parse("2026-03-03");
    private static final ZoneSoil SOIL = new ZoneSoil(0.8, 0.3, 100, 0.5, 20, 0.8);
    private static final List<LocalTime> STARTS = List.of(
            LocalTime.of(20, 0),
            LocalTime.of(21, 30),
            LocalTime.of(22, 0),
            LocalTime.of(23, 45),
            LocalTime.of(2, 0),
            LocalTime.of(4, 0));

    /** One run as both sides write it: program, zone, start (epoch second), seconds, cycle of cycles. */
    record Run(String program, String zone, long start, long seconds, int cycle, int cycles) {}

    @Test
    void sameRunsAndSkipsAsTheSecondBySecondReference() {
        Random random = new Random(20260303);
        int runs = 0;
        for (int n = 0; n < 60; n++) {
            Night night = Night.random(random);
            Planner.DayPlan plan = Planner.plan(night.programs, DAY, SITE, night);
            List<Run> actual = plan.runs().stream()
                    .map(r -> new Run(
                            r.program(),
                            r.zone().key(),
                            r.start().getEpochSecond(),
                            r.seconds(),
                            r.cycle(),
                            r.cycles()))
                    .sorted(ORDER)
                    .toList();
            Set<String> skipped = new TreeSet<>();
            List<Run> expected = reference(night, skipped);
            assertEquals(expected, actual, "night " + n + ": " + night);
            assertEquals(skipped, new TreeSet<>(plan.skipped().keySet()), "night " + n + " skips: " + night);
            runs += actual.size();
        }
        assertTrue(runs > 500, "the nights plan enough runs to mean something: " + runs);
    }

    /** The programs and water mains worked on side by side give the very plan worked one after another: runs, order, reasons, skips. */
    @Test
    void sideBySideGivesTheSamePlanAsOneAfterAnother() {
        Random random = new Random(20260304);
        int runs = 0;
        for (int n = 0; n < 200; n++) {
            Night night = Night.random(random);
            Planner.DayPlan parallel = Planner.plan(night.programs, DAY, SITE, night, true);
            Planner.DayPlan sequential = Planner.plan(night.programs, DAY, SITE, night, false);
            assertEquals(written(sequential), written(parallel), "night " + n + ": " + night);
            assertEquals(
                    List.copyOf(sequential.skipped().entrySet()),
                    List.copyOf(parallel.skipped().entrySet()),
                    "night " + n + " skips: " + night);
            runs += parallel.runs().size();
        }
        assertTrue(runs > 1500, "the nights plan enough runs to mean something: " + runs);
    }

    private static List<String> written(Planner.DayPlan plan) {
        return plan.runs().stream()
                .map(r -> r.program() + " " + r.zone().key() + " " + r.start() + " " + r.seconds() + " " + r.cycle()
                        + "/" + r.cycles() + ": " + r.why())
                .toList();
    }

    private static final Comparator<Run> ORDER =
            Comparator.comparingLong(Run::start).thenComparing(Run::zone);

    /** Random programs on up to six controllers, some on two water mains with flow budgets, with needs and skips. */
    private static final class Night extends TableInputs {
        final List<Program> programs = new ArrayList<>();

        static Night random(Random r) {
            Night night = new Night();
            for (int c = 1; c <= 6; c++) {
                int m = r.nextInt(3);
                if (m > 0) {
                    night.mains.put("IR-" + c, "M" + m);
                }
            }
            int[] nextZone = new int[7];
            int programs = 1 + r.nextInt(3);
            for (int p = 0; p < programs; p++) {
                List<LocalTime> starts = new ArrayList<>();
                for (int s = 1 + r.nextInt(2); s > 0; s--) {
                    LocalTime t = STARTS.get(r.nextInt(STARTS.size()));
                    if (!starts.contains(t)) {
                        starts.add(t);
                    }
                }
                List<Program.Zone> zones = new ArrayList<>();
                for (int z = 2 + r.nextInt(10); z > 0; z--) {
                    int c = 1 + r.nextInt(6);
                    int number = ++nextZone[c];
                    boolean cycling = r.nextInt(3) == 0;
                    Program.Zone zone = new Program.Zone(
                            "IR-" + c,
                            number,
                            "zone " + number,
                            SOIL,
                            10 + r.nextInt(60),
                            cycling ? 60L * (3 + r.nextInt(12)) : 0,
                            cycling ? 60L * r.nextInt(40) : 0,
                            null);
                    zones.add(zone);
                    int kind = r.nextInt(10);
                    night.seconds.put(
                            zone.key(), kind == 0 ? 0 : kind == 1 ? 30L + r.nextInt(120) : 60L + r.nextInt(5400));
                    if (kind == 2) {
                        night.skips.put(zone.key(), "rain");
                    }
                }
                Map<String, Double> budgets = new LinkedHashMap<>();
                if (r.nextBoolean()) {
                    budgets.put("M1", 40.0 + r.nextInt(100));
                }
                if (r.nextBoolean()) {
                    budgets.put("M2", 40.0 + r.nextInt(100));
                }
                LocalTime windowTo = r.nextBoolean() ? LocalTime.of(6, 0) : LocalTime.of(5, 0);
                Set<DayOfWeek> days = r.nextInt(8) == 0 ? EnumSet.of(DayOfWeek.SUNDAY) : EnumSet.allOf(DayOfWeek.class);
                night.programs.add(new Program(
                        "p" + p,
                        "program " + p,
                        "WS-1",
                        10.93,
                        10,
                        starts,
                        new Program.Days(days, null),
                        LocalTime.of(20, 0),
                        windowTo,
                        100,
                        true,
                        budgets,
                        zones,
                        null));
            }
            return night;
        }

        @Override
        public String toString() {
            return "programs " + programs + ", seconds " + seconds + ", skips " + skips + ", mains " + mains;
        }
    }

    /** A zone's water from one start, waiting for its controller: its cycles' lengths, the next one due at ready. */
    private static final class Job {
        Program program;
        Program.Zone zone;
        String main;
        int order;
        long seq;
        long ready;
        long windowEnd;
        long[] cycles;
        int cycle;
    }

    /**
     * The rules stated plainly: every second, runs that ended give back their controller and flow; then each idle
     * controller, in the order of its earliest job (ready, then program and zone order), starts its first ready job
     * in that order whose flow its main still carries; a job that would run less than a minute before the window
     * closes is dropped, a longer one cut at the window's end; a cycle's next one is ready a soak after it ends.
     */
    private static List<Run> reference(Night night, Set<String> skipped) {
        Map<String, Double> budget = new HashMap<>();
        List<Job> jobs = new ArrayList<>();
        int order = 0;
        for (Program p : night.programs) {
            p.flowBudgets().forEach((m, b) -> budget.merge(m, b, Math::min));
        }
        for (Program p : night.programs) {
            if (!p.days().allows(DAY)) {
                p.zones().forEach(z -> skipped.add(z.key()));
                continue;
            }
            for (Program.Zone z : p.zones()) {
                long need = night.seconds.get(z.key());
                if (night.skips.containsKey(z.key()) || need <= 0) {
                    skipped.add(z.key());
                    continue;
                }
                String main = night.mains.get(z.controller());
                double mainBudget =
                        main == null ? Double.POSITIVE_INFINITY : budget.getOrDefault(main, Double.POSITIVE_INFINITY);
                for (int s = 0; s < p.starts().size(); s++) {
                    if (z.flow() > mainBudget) {
                        skipped.add(z.key());
                        continue;
                    }
                    long share =
                            need / p.starts().size() + (s < need % p.starts().size() ? 1 : 0);
                    int n = 1;
                    while (z.maxCycleSeconds() > 0 && share > n * z.maxCycleSeconds()) {
                        n++;
                    }
                    Job j = new Job();
                    j.program = p;
                    j.zone = z;
                    j.main = main;
                    j.order = order;
                    LocalDateTime start = LocalDateTime.of(DAY, p.starts().get(s));
                    LocalDateTime end = LocalDateTime.of(DAY, p.windowTo());
                    j.ready = start.atZone(SITE).toEpochSecond();
                    j.windowEnd = (end.isAfter(start) ? end : end.plusDays(1))
                            .atZone(SITE)
                            .toEpochSecond();
                    j.cycles = new long[n];
                    for (int c = 0; c < n; c++) {
                        j.cycles[c] = share / n + (c < share % n ? 1 : 0);
                    }
                    jobs.add(j);
                }
                order++;
            }
        }
        Comparator<Job> priority = Comparator.<Job>comparingLong(j -> j.ready)
                .thenComparingInt(j -> j.order)
                .thenComparingLong(j -> j.seq);
        long seq = 0;
        for (Job j : jobs) {
            j.seq = seq++;
        }
        // a controller's place in its main's turn: its earliest job at the start of the night
        Map<String, Job> firstJob = new HashMap<>();
        for (Job j : jobs) {
            firstJob.merge(j.zone.controller(), j, (a, b) -> priority.compare(a, b) <= 0 ? a : b);
        }
        List<String> turn = new ArrayList<>(firstJob.keySet());
        turn.sort(Comparator.comparing(firstJob::get, priority));
        Map<String, List<Job>> byController = new HashMap<>();
        jobs.forEach(j -> byController
                .computeIfAbsent(j.zone.controller(), k -> new ArrayList<>())
                .add(j));
        Map<String, Long> busyUntil = new HashMap<>();
        Map<String, Double> runFlow = new HashMap<>();
        Map<String, Double> used = new HashMap<>();
        List<Run> runs = new ArrayList<>();
        long from = jobs.stream().mapToLong(j -> j.ready).min().orElse(0);
        for (long t = from; !jobs.isEmpty(); t++) {
            for (String c : turn) {
                if (busyUntil.getOrDefault(c, Long.MIN_VALUE) <= t && runFlow.containsKey(c)) {
                    used.merge(String.valueOf(night.mains.get(c)), -runFlow.remove(c), Double::sum);
                }
            }
            long now = t;
            if (runFlow.isEmpty() && jobs.stream().allMatch(j -> j.ready > now)) {
                // nothing runs and nothing is due: on to the next job's start
                t = jobs.stream().mapToLong(j -> j.ready).min().orElseThrow() - 1;
                continue;
            }
            for (String c : turn) {
                if (busyUntil.getOrDefault(c, Long.MIN_VALUE) > t) {
                    continue;
                }
                List<Job> mine = byController.get(c);
                boolean anyReady = false;
                for (Job j : mine) {
                    anyReady |= j.ready <= now;
                }
                if (!anyReady) {
                    continue;
                }
                for (Job j : mine.stream()
                        .filter(j -> j.ready <= now)
                        .sorted(priority)
                        .toList()) {
                    String main = String.valueOf(j.main);
                    double mainBudget = j.main == null
                            ? Double.POSITIVE_INFINITY
                            : budget.getOrDefault(j.main, Double.POSITIVE_INFINITY);
                    if (used.getOrDefault(main, 0.0) + j.zone.flow() > mainBudget) {
                        continue;
                    }
                    long seconds = Math.min(j.cycles[j.cycle], j.windowEnd - t);
                    if (seconds < 60) {
                        jobs.remove(j);
                        mine.remove(j);
                        skipped.add(j.zone.key());
                        continue;
                    }
                    runs.add(new Run(j.program.id(), j.zone.key(), t, seconds, j.cycle + 1, j.cycles.length));
                    busyUntil.put(c, t + seconds);
                    runFlow.put(c, j.zone.flow());
                    used.merge(main, j.zone.flow(), Double::sum);
                    if (seconds < j.cycles[j.cycle]) {
                        skipped.add(j.zone.key());
                        jobs.remove(j);
                        mine.remove(j);
                    } else if (++j.cycle == j.cycles.length) {
                        jobs.remove(j);
                        mine.remove(j);
                    } else {
                        j.ready = t + seconds + j.zone.soakSeconds();
                        j.seq = seq++;
                    }
                    break;
                }
            }
        }
        runs.sort(ORDER);
        return runs;
    }
}
