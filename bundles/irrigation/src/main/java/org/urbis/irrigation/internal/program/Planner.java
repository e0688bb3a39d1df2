package org.urbis.irrigation.internal.program;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.urbis.api.irrigation.ProgramPreview.MissedKind;
import org.urbis.irrigation.internal.balance.WaterBalance;

/**
 * Lays out one day's zone runs of every program: each zone's water, split over the program's start times and
 * into cycles with soaks between them; the zones of a controller one after another, a later start stacked
 * behind an earlier one rather than overlapping it; no more zones open on a water main at once than its flow
 * budget carries; nothing running past the watering window.
 */
public final class Planner {

    /** What the day's programs are planned from; asked from several threads at once, each about other programs. */
    public interface Inputs {
        /**
         * The watering need for the day (after the program's water budget) of the zone at {@code place} in the
         * program's zones: by its place, as a city's season asks millions of times.
         */
        WaterBalance.Need need(Program program, int place);

        /** Why the zone must not water that day (rain sensor, soil moisture, rain delay), if so. */
        Optional<String> skip(Program program, Program.Zone zone);

        /** The water main a controller hangs on, or {@code null}. */
        String waterMain(String controller);

        /**
         * One program's inputs for the day. The planner asks this once per program and then about each of its zones,
         * so that what the zones share (their balances, a rain delay) is found once rather than for every zone.
         */
        default ProgramInputs of(Program program) {
            return new ProgramInputs() {
                @Override
                public WaterBalance.Need need(int place) {
                    return Inputs.this.need(program, place);
                }

                @Override
                public Optional<String> skip(int place) {
                    return Inputs.this.skip(program, program.zones().get(place));
                }
            };
        }
    }

    /** One program's inputs for a day, its zones by their place in the program. */
    public interface ProgramInputs {
        /** As {@link Inputs#need}. */
        WaterBalance.Need need(int place);

        /** As {@link Inputs#skip}. */
        Optional<String> skip(int place);
    }

    /**
     * A day's plan.
     *
     * @param runs   the runs, by start time
     * @param skips  per zone key, why it does not water (or not all it needs), written out when read
     * @param missed the runs zones needed but do not make (skipped by the programs' rules, refused as over a water
     *               main's flow budget), by start time
     */
    public record DayPlan(
            LocalDate date, List<PlannedRun> runs, Map<String, Supplier<String>> skips, List<MissedRun> missed) {

        public DayPlan(LocalDate date, List<PlannedRun> runs, Map<String, Supplier<String>> skips) {
            this(date, runs, skips, List.of());
        }

        /** Per zone key, why it does not water (or not all it needs). */
        public Map<String, String> skipped() {
            Map<String, String> out = new LinkedHashMap<>();
            skips.forEach((k, v) -> out.put(k, v.get()));
            return out;
        }
    }

    /** By start, then zone key; written out rather than composed, as a season sorts millions of runs. */
    private static final Comparator<PlannedRun> BY_START = (a, b) -> {
        int c = a.start().compareTo(b.start());
        return c != 0 ? c : a.zone().key().compareTo(b.zone().key());
    };

    private static final Comparator<MissedRun> MISSED_BY_START =
            Comparator.comparing(MissedRun::start).thenComparing(r -> r.zone().key());

    /** A run shorter than this is not worth opening a valve for: the window's end rather drops it. */
    static final long MIN_RUN_SECONDS = 60;

    private Planner() {}

    /** Whether a time of day lies in a window that may cross midnight. */
    public static boolean inWindow(LocalTime t, LocalTime from, LocalTime to) {
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    /** Plans the runs that the programs' starts on {@code date} make, the programs and water mains side by side. */
    public static DayPlan plan(List<Program> programs, LocalDate date, ZoneId zoneId, Inputs inputs) {
        return plan(programs, date, zoneId, inputs, true);
    }

    /**
     * Plans a day. Each program's zones are looked at on their own and each water main laid out on its own (a main's
     * flow budget binds only its controllers), on the common pool's threads when {@code parallel}; the parts are put
     * together in the programs' and mains' order, so the plan is the same either way.
     */
    static DayPlan plan(List<Program> programs, LocalDate date, ZoneId zoneId, Inputs inputs, boolean parallel) {
        int count = programs.size();
        int[] firstPlace = new int[count];
        int zones = 0;
        for (int i = 0; i < count; i++) {
            firstPlace[i] = zones;
            zones += programs.get(i).zones().size();
        }
        ProgramDay[] programDays = new ProgramDay[count];
        each(count, parallel, i -> programDays[i] = programDay(programs.get(i), firstPlace[i], date, zoneId, inputs));
        Map<String, Double> budgets = new HashMap<>();
        Map<String, List<Task>> byMain = new LinkedHashMap<>();
        Map<String, List<Task>> byController = new HashMap<>();
        List<MissedRun> missed = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (Map.Entry<String, Double> b : programs.get(i).flowBudgets().entrySet()) {
                budgets.merge(b.getKey(), b.getValue(), Math::min);
            }
            missed.addAll(programDays[i].missed);
            toMains(programDays[i].tasks, inputs, byController, byMain);
        }
        List<String> mains = List.copyOf(byMain.keySet());
        List<PlannedRun>[] runsByMain = newLists(mains.size());
        @SuppressWarnings("unchecked")
        Map<String, Supplier<String>>[] skipsByMain = new Map[mains.size()];
        List<MissedRun>[] missedByMain = newLists(mains.size());
        each(mains.size(), parallel, j -> {
            String key = mains.get(j);
            double budget = key.startsWith("main:")
                    ? budgets.getOrDefault(key.substring(5), Double.POSITIVE_INFINITY)
                    : Double.POSITIVE_INFINITY;
            runsByMain[j] = new ArrayList<>();
            skipsByMain[j] = new LinkedHashMap<>();
            missedByMain[j] = new ArrayList<>();
            layOut(byMain.get(key), budget, key.substring(5), runsByMain[j], skipsByMain[j], missedByMain[j]);
        });
        for (int j = 0; j < mains.size(); j++) {
            missed.addAll(missedByMain[j]);
        }
        List<PlannedRun> runs = byStart(runsByMain);
        missed.sort(MISSED_BY_START);
        return new DayPlan(
                date,
                Collections.unmodifiableList(runs),
                new Skips(
                        Arrays.stream(programDays).map(ProgramDay::skipped).toArray(Notes[]::new), skipsByMain, zones),
                List.copyOf(missed));
    }

    /** Puts a program's tasks with the other tasks of their controllers' water mains. */
    private static void toMains(
            List<Task> tasks, Inputs inputs, Map<String, List<Task>> byController, Map<String, List<Task>> byMain) {
        for (Task t : tasks) {
            String c = t.zone.controller();
            List<Task> onMain = byController.get(c);
            if (onMain == null) {
                String main = inputs.waterMain(c);
                onMain = byMain.computeIfAbsent(
                        main == null ? "controller:" + c : "main:" + main, k -> new ArrayList<>());
                byController.put(c, onMain);
            }
            onMain.add(t);
        }
    }

    /**
     * The mains' runs in one list by start, then zone key. A main's lay-out gives its runs by start already, so each
     * main's list is put in order in place (only runs starting in the same second can move) and the lists are merged
     * rather than sorted again as one.
     */
    private static List<PlannedRun> byStart(List<PlannedRun>[] mains) {
        int planned = 0;
        PriorityQueue<Cursor> heads = new PriorityQueue<>(Math.max(1, mains.length), Cursor::compareTo);
        for (List<PlannedRun> main : mains) {
            inOrder(main);
            planned += main.size();
            if (!main.isEmpty()) {
                heads.add(new Cursor(main));
            }
        }
        List<PlannedRun> runs = new ArrayList<>(planned);
        while (!heads.isEmpty()) {
            Cursor c = heads.poll();
            runs.add(c.head());
            if (++c.at < c.runs.size()) {
                heads.add(c);
            }
        }
        return runs;
    }

    /** Sorts runs by start and zone key by insertion: next to nothing to do when they come by start already. */
    private static void inOrder(List<PlannedRun> runs) {
        for (int i = 1; i < runs.size(); i++) {
            PlannedRun r = runs.get(i);
            int j = i;
            while (j > 0 && BY_START.compare(runs.get(j - 1), r) > 0) {
                runs.set(j, runs.get(j - 1));
                j--;
            }
            runs.set(j, r);
        }
    }

    /** A main's runs being merged, and the next one to take. */
    private static final class Cursor {
        final List<PlannedRun> runs;
        int at;

        Cursor(List<PlannedRun> runs) {
            this.runs = runs;
        }

        PlannedRun head() {
            return runs.get(at);
        }

        int compareTo(Cursor o) {
            return BY_START.compare(head(), o.head());
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T>[] newLists(int n) {
        return new List[n];
    }

    /** Runs {@code work} for 0..n-1, side by side on the common pool when {@code parallel}. */
    private static void each(int n, boolean parallel, IntConsumer work) {
        if (parallel && n > 1) {
            IntStream.range(0, n).parallel().forEach(work);
        } else {
            for (int i = 0; i < n; i++) {
                work.accept(i);
            }
        }
    }

    /**
     * A program's part of a day: its zones' first cycles waiting to run, why the others do not water, and the runs
     * those that needed water would have made.
     */
    private record ProgramDay(List<Task> tasks, Notes skipped, List<MissedRun> missed) {

        void skip(String zone, Supplier<String> why) {
            skipped.add(zone, why);
        }
    }

    /** Why zones of a program do not water, in their order; each zone once, so they go into the day's map as they are. */
    private static final class Notes {
        final List<String> zones;
        final List<Supplier<String>> whys;

        Notes(int capacity) {
            zones = new ArrayList<>(capacity);
            whys = new ArrayList<>(capacity);
        }

        void add(String zone, Supplier<String> why) {
            zones.add(zone);
            whys.add(why);
        }

        void putInto(Map<String, Supplier<String>> day) {
            for (int i = 0; i < zones.size(); i++) {
                day.put(zones.get(i), whys.get(i));
            }
        }
    }

    /**
     * A day's zones that do not water (or not all they need) and why: the programs' notes, then the water mains', put
     * together when first read. Most of a city's zones stay dry on a given night, and a season planned ahead reads
     * none of it.
     */
    private static final class Skips extends AbstractMap<String, Supplier<String>> {
        private Notes[] programs;
        private Map<String, Supplier<String>>[] mains;
        private final int zones;
        private Map<String, Supplier<String>> all;

        Skips(Notes[] programs, Map<String, Supplier<String>>[] mains, int zones) {
            this.programs = programs;
            this.mains = mains;
            this.zones = zones;
        }

        private synchronized Map<String, Supplier<String>> all() {
            if (all == null) {
                // room for every zone at once
                Map<String, Supplier<String>> m = new LinkedHashMap<>(2 * zones);
                for (Notes p : programs) {
                    p.putInto(m);
                }
                for (Map<String, Supplier<String>> main : mains) {
                    m.putAll(main);
                }
                all = Collections.unmodifiableMap(m);
                programs = null;
                mains = null;
            }
            return all;
        }

        @Override
        public Set<Map.Entry<String, Supplier<String>>> entrySet() {
            return all().entrySet();
        }

        @Override
        public Supplier<String> get(Object key) {
            return all().get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return all().containsKey(key);
        }

        @Override
        public int size() {
            return all().size();
        }
    }

    /**
     * A program's zones' cycles for the day. {@code firstPlace} is the place of its first zone among all programs'
     * zones: the order in which equally ready tasks run.
     */
    private static ProgramDay programDay(Program p, int firstPlace, LocalDate date, ZoneId zoneId, Inputs all) {
        int zones = p.zones().size();
        ProgramDay day = new ProgramDay(new ArrayList<>(), new Notes(zones), new ArrayList<>());
        ProgramInputs inputs = all.of(p);
        if (!p.days().allows(date)) {
            Instant firstStart = firstStart(p, date, zoneId);
            Supplier<String> why = () -> "not a watering day ("
                    + (p.days().parity() != null
                            ? p.days().parity() + " dates"
                            : "days " + p.days().weekdays()) + ")";
            for (int place = 0; place < zones; place++) {
                day.skip(p.zones().get(place).key(), new Note(p.id(), why));
                missed(p, place, firstStart, MissedKind.SKIPPED, why, inputs, day.missed);
            }
            return day;
        }
        int starts = p.starts().size();
        long[] ready = new long[starts];
        long[] windowEnd = new long[starts];
        for (int s = 0; s < starts; s++) {
            LocalDateTime start = LocalDateTime.of(date, p.starts().get(s));
            ready[s] = start.atZone(zoneId).toEpochSecond();
            windowEnd[s] = windowEnd(start, p).atZone(zoneId).toEpochSecond();
        }
        for (int place = 0; place < zones; place++) {
            Program.Zone z = p.zones().get(place);
            Optional<String> skip = inputs.skip(place);
            if (skip.isPresent()) {
                String why = skip.get();
                day.skip(z.key(), () -> p.id() + ": " + why);
                missed(p, place, firstStart(p, date, zoneId), MissedKind.SKIPPED, () -> why, inputs, day.missed);
                continue;
            }
            WaterBalance.Need need = inputs.need(place);
            if (need.seconds() <= 0) {
                day.skip(z.key(), new Note(p.id(), need.reason()));
                continue;
            }
            for (int s = 0; s < starts; s++) {
                day.tasks.add(cycles(p, z, firstPlace + place, need, s, ready[s], windowEnd[s]));
            }
        }
        return day;
    }

    /** When a program's first start of a day is. */
    private static Instant firstStart(Program p, LocalDate date, ZoneId zoneId) {
        return LocalDateTime.of(
                        date, p.starts().stream().min(Comparator.naturalOrder()).orElseThrow())
                .atZone(zoneId)
                .toInstant();
    }

    /**
     * A zone's share of its water at start {@code s}, split into its cycles: the first cycle, ready at the start,
     * with the others following it.
     */
    private static Task cycles(
            Program p, Program.Zone z, int order, WaterBalance.Need need, int s, long ready, long windowEnd) {
        int starts = p.starts().size();
        long share = need.seconds() / starts + (s < need.seconds() % starts ? 1 : 0);
        int cycles = z.maxCycleSeconds() > 0
                ? (int) Math.max(1, (share + z.maxCycleSeconds() - 1) / z.maxCycleSeconds())
                : 1;
        Supplier<String> why = new StartReason(need, s + 1, starts, share, cycles, z.soakSeconds());
        Task first = null;
        Task prev = null;
        for (int c = 0; c < cycles; c++) {
            long seconds = share / cycles + (c < share % cycles ? 1 : 0);
            Task t = new Task(p, z, order, c + 1, cycles, seconds, windowEnd, why);
            if (prev == null) {
                first = t;
            } else {
                prev.next = t;
            }
            prev = t;
        }
        first.ready = ready;
        return first;
    }

    /** Notes the run a zone the program's rules hold back would have made, when it needed water. */
    private static void missed(
            Program p,
            int place,
            Instant start,
            MissedKind kind,
            Supplier<String> rule,
            ProgramInputs inputs,
            List<MissedRun> missed) {
        WaterBalance.Need need = inputs.need(place);
        if (need.seconds() > 0) {
            missed.add(new MissedRun(
                    p.id(),
                    p.zones().get(place),
                    start,
                    need.seconds(),
                    kind,
                    () -> rule.get() + "; it would have run "
                            + String.format(Locale.ROOT, "%.1f min: ", need.seconds() / 60.0) + need.why()));
        }
    }

    /** When the watering window that a run starting at {@code start} lies in closes. */
    public static Instant windowEnd(Instant start, Program program, ZoneId site) {
        return windowEnd(LocalDateTime.ofInstant(start, site), program)
                .atZone(site)
                .toInstant();
    }

    private static LocalDateTime windowEnd(LocalDateTime start, Program p) {
        LocalDateTime end = LocalDateTime.of(start.toLocalDate(), p.windowTo());
        return end.isAfter(start) ? end : end.plusDays(1);
    }

    /*
     * The reasons below are records rather than lambdas: a capturing lambda is made through a method handle until the
     * JIT has compiled the method making it, and a city's first days of a season make millions of them.
     */

    /** A program's note on a zone: "{@code <program>: <why>}", written out when read. */
    private record Note(String program, Supplier<String> why) implements Supplier<String> {
        @Override
        public String get() {
            return program + ": " + why.get();
        }
    }

    /** Why a start's share of a zone's water runs as it does: its need, the start's share, the cycles. */
    private record StartReason(
            WaterBalance.Need need, int startNo, int starts, long share, int cycles, long soakSeconds)
            implements Supplier<String> {
        @Override
        public String get() {
            return need.why()
                    + (starts > 1
                            ? String.format(Locale.ROOT, "; start %d of %d: %.1f min", startNo, starts, share / 60.0)
                            : "")
                    + (cycles > 1
                            ? String.format(Locale.ROOT, "; %d cycles, soak %d min", cycles, soakSeconds / 60)
                            : "");
        }
    }

    /** Why a run starts when it does and runs as long: its start's reason, the wait behind others, a cut. */
    private record RunReason(Task t, long waited, long seconds) implements Supplier<String> {
        @Override
        public String get() {
            return t.why.get()
                    + (waited > 0
                            ? String.format(
                                    Locale.ROOT,
                                    "; stacked %.1f min behind %s",
                                    waited / 60.0,
                                    t.cycle > 1 ? "its soak and the zones before it" : "earlier runs")
                            : "")
                    + (seconds < t.seconds
                            ? String.format(
                                    Locale.ROOT,
                                    "; cut from %.1f min to end at the watering "
                                            + "window's end %s, the rest follows on the next night",
                                    t.seconds / 60.0,
                                    t.program.windowTo())
                            : "");
        }
    }

    /** One cycle of a zone's water waiting to run. */
    private static final class Task {
        final Program program;
        final Program.Zone zone;
        final int order;
        final int cycle;
        final int cycles;
        final long seconds;
        final long windowEnd;
        final long flowMl;
        final Supplier<String> why;
        long ready = Long.MAX_VALUE;
        Task next;

        Task(
                Program program,
                Program.Zone zone,
                int order,
                int cycle,
                int cycles,
                long seconds,
                long windowEnd,
                Supplier<String> why) {
            this.program = program;
            this.zone = zone;
            this.order = order;
            this.cycle = cycle;
            this.cycles = cycles;
            this.seconds = seconds;
            this.windowEnd = windowEnd;
            this.flowMl = Math.round(zone.flow() * 1000);
            this.why = why;
        }

        /** This cycle's and the following cycles' seconds. */
        long secondsFromHere() {
            long sum = 0;
            for (Task t = this; t != null; t = t.next) {
                sum += t.seconds;
            }
            return sum;
        }

        /** Earlier ready first, then the program's and zone's order. */
        int compareTo(Task o) {
            int c = Long.compare(ready, o.ready);
            return c != 0 ? c : Integer.compare(order, o.order);
        }
    }

    /** A controller on the main: its queue in priority order, and the run it has open. */
    private static final class Controller {
        final List<Task> queue = new ArrayList<>();
        long busyUntil = Long.MIN_VALUE;
        long runFlowMl;
        /** The least flow of any task in the queue: a controller whose least flow does not fit is not looked into. */
        long leastFlowMl = Long.MAX_VALUE;

        void queueChanged() {
            long least = Long.MAX_VALUE;
            for (int i = 0; i < queue.size(); i++) {
                least = Math.min(least, queue.get(i).flowMl);
            }
            leastFlowMl = least;
        }
    }

    /**
     * Runs the tasks of the controllers on one water main from event to event (a run's end, a task becoming ready):
     * at each, every idle controller, in the order they first come, starts its first ready task (earliest start,
     * then program and zone order) that the main's remaining flow carries; a cycle's successor becomes ready a soak
     * after it ends. Between two events nothing can change, so nothing is looked at.
     */
    private static void layOut(
            List<Task> tasks,
            double budget,
            String main,
            List<PlannedRun> runs,
            Map<String, Supplier<String>> skipped,
            List<MissedRun> missed) {
        tasks.sort(Task::compareTo);
        MainNight night = new MainNight(budget, main, tasks.size(), runs, skipped, missed);
        Controller[] controllers = night.queue(tasks);
        while (!night.events.isEmpty()) {
            long now = night.events.pollAllUpTo();
            night.release(controllers, now);
            for (Controller c : controllers) {
                night.startNext(c, now);
            }
        }
    }

    /**
     * A water main's night being laid out: the flow its open zones use, the instants to look at, and what it plans.
     * Its steps are methods of their own, each small, so that the JIT compiles each once rather than a whole lay-out
     * again for every loop it enters while the season's first nights run.
     */
    private static final class MainNight {
        final double budget;
        final String main;
        final long budgetMl;
        final Times events;
        final List<PlannedRun> runs;
        final Map<String, Supplier<String>> skipped;
        final List<MissedRun> missed;
        long flowUsed;

        MainNight(
                double budget,
                String main,
                int tasks,
                List<PlannedRun> runs,
                Map<String, Supplier<String>> skipped,
                List<MissedRun> missed) {
            this.budget = budget;
            this.main = main;
            this.budgetMl = Double.isInfinite(budget) ? Long.MAX_VALUE : Math.round(budget * 1000);
            this.events = new Times(tasks * 2);
            this.runs = runs;
            this.skipped = skipped;
            this.missed = missed;
        }

        /** Puts each task in its controller's queue, refusing those whose flow exceeds the main's budget. */
        Controller[] queue(List<Task> tasks) {
            Map<String, Controller> byName = new LinkedHashMap<>();
            for (Task t : tasks) {
                if (t.zone.flow() > budget) {
                    refuse(t);
                    continue;
                }
                byName.computeIfAbsent(t.zone.controller(), k -> new Controller())
                        .queue
                        .add(t);
                events.add(t.ready);
            }
            Controller[] controllers = byName.values().toArray(new Controller[0]);
            for (Controller c : controllers) {
                c.queueChanged();
            }
            return controllers;
        }

        private void refuse(Task t) {
            Supplier<String> why = () -> String.format(
                    Locale.ROOT,
                    "its flow %.0f l/min exceeds the %.0f l/min budget of water main %s",
                    t.zone.flow(),
                    budget,
                    main);
            skipped.put(t.zone.key(), new Note(t.program.id(), why));
            missed.add(new MissedRun(
                    t.program.id(),
                    t.zone,
                    Instant.ofEpochSecond(t.ready),
                    t.secondsFromHere(),
                    MissedKind.REFUSED,
                    () -> "the interlock refuses it: " + why.get() + "; " + t.why.get()));
        }

        /** Gives back the flow of the runs that have ended by {@code now}. */
        void release(Controller[] controllers, long now) {
            for (Controller c : controllers) {
                if (c.runFlowMl != 0 && c.busyUntil <= now) {
                    flowUsed -= c.runFlowMl;
                    c.runFlowMl = 0;
                }
            }
        }

        /** An idle controller starts its first ready task that the main's remaining flow carries, if any. */
        void startNext(Controller c, long now) {
            List<Task> queue = c.queue;
            if (c.busyUntil > now
                    || queue.isEmpty()
                    || queue.get(0).ready > now
                    || flowUsed + c.leastFlowMl > budgetMl) {
                return;
            }
            boolean changed = false;
            for (int i = 0; i < queue.size(); i++) {
                Task t = queue.get(i);
                if (t.ready > now) {
                    break;
                }
                if (flowUsed + t.flowMl > budgetMl) {
                    continue;
                }
                queue.remove(i);
                changed = true;
                long seconds = Math.min(t.seconds, t.windowEnd - now);
                if (seconds < MIN_RUN_SECONDS) {
                    tooLate(t, now);
                    i--;
                    continue;
                }
                start(t, now, seconds);
                c.busyUntil = now + seconds;
                c.runFlowMl = t.flowMl;
                flowUsed += t.flowMl;
                events.add(c.busyUntil);
                if (t.next != null) {
                    t.next.ready = now + seconds + t.zone.soakSeconds();
                    int at = 0;
                    while (at < queue.size() && queue.get(at).compareTo(t.next) <= 0) {
                        at++;
                    }
                    queue.add(at, t.next);
                    events.add(t.next.ready);
                }
                break;
            }
            if (changed) {
                c.queueChanged();
            }
        }

        /** A cycle that would not run a useful time before the watering window closes. */
        private void tooLate(Task t, long now) {
            Supplier<String> why = () -> "cycle " + t.cycle + " of " + t.cycles
                    + " would run past the watering window's end " + t.program.windowTo() + "; " + t.why.get();
            skipped.put(t.zone.key(), new Note(t.program.id(), why));
            missed.add(new MissedRun(
                    t.program.id(), t.zone, Instant.ofEpochSecond(now), t.secondsFromHere(), MissedKind.SKIPPED, why));
        }

        /** Sets a task's run at {@code now} for {@code seconds}, cut short by the watering window's end if it must be. */
        private void start(Task t, long now, long seconds) {
            runs.add(new PlannedRun(
                    t.program.id(),
                    t.zone,
                    Instant.ofEpochSecond(now),
                    seconds,
                    t.cycle,
                    t.cycles,
                    new RunReason(t, now - t.ready, seconds)));
            if (seconds < t.seconds) {
                cut(t, now, seconds);
            }
        }

        /** The rest of a task's water, past the watering window's end: not run tonight. */
        private void cut(Task t, long now, long seconds) {
            skipped.put(
                    t.zone.key(),
                    () -> t.program.id() + ": cut at the watering window's end " + t.program.windowTo() + " after "
                            + (now + seconds - t.ready) / 60 + " min");
            missed.add(new MissedRun(
                    t.program.id(),
                    t.zone,
                    Instant.ofEpochSecond(now + seconds),
                    t.secondsFromHere() - seconds,
                    MissedKind.SKIPPED,
                    () -> "the rest of its water, cut at the watering window's end " + t.program.windowTo() + "; "
                            + t.why.get()));
            t.next = null;
        }
    }

    /** The instants something may change at, a binary min-heap of epoch seconds. */
    private static final class Times {
        private long[] heap;
        private int size;

        Times(int capacity) {
            heap = new long[Math.max(capacity, 8)];
        }

        boolean isEmpty() {
            return size == 0;
        }

        void add(long t) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            int i = size++;
            while (i > 0 && heap[(i - 1) >>> 1] > t) {
                heap[i] = heap[(i - 1) >>> 1];
                i = (i - 1) >>> 1;
            }
            heap[i] = t;
        }

        /** Takes the earliest instant and every copy of it. */
        long pollAllUpTo() {
            long t = heap[0];
            while (size > 0 && heap[0] == t) {
                long last = heap[--size];
                int i = 0;
                while (true) {
                    int child = 2 * i + 1;
                    if (child >= size) {
                        break;
                    }
                    if (child + 1 < size && heap[child + 1] < heap[child]) {
                        child++;
                    }
                    if (heap[child] >= last) {
                        break;
                    }
                    heap[i] = heap[child];
                    i = child;
                }
                if (size > 0) {
                    heap[i] = last;
                }
            }
            return t;
        }
    }
}
