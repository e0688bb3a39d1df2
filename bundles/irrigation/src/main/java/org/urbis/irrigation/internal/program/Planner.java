package org.urbis.irrigation.internal.program;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.urbis.irrigation.internal.balance.WaterBalance;

/**
 * Lays out one day's zone runs of every program: each zone's water, split over the program's start times and
 * into cycles with soaks between them; the zones of a controller one after another, a later start stacked
 * behind an earlier one rather than overlapping it; no more zones open on a water main at once than its flow
 * budget carries; nothing running past the watering window.
 */
public final class Planner {

    /** What the day's programs are planned from. */
    public interface Inputs {
        /** The zone's watering need for the day (after the program's water budget). */
        WaterBalance.Need need(Program program, Program.Zone zone);

        /** Why the zone must not water that day (rain sensor, soil moisture, rain delay), if so. */
        Optional<String> skip(Program program, Program.Zone zone);

        /** The water main a controller hangs on, or {@code null}. */
        String waterMain(String controller);
    }

    /**
     * A day's plan.
     *
     * @param runs  the runs, by start time
     * @param skips per zone key, why it does not water (or not all it needs), written out when read
     */
    public record DayPlan(LocalDate date, List<PlannedRun> runs, Map<String, Supplier<String>> skips) {

        /** Per zone key, why it does not water (or not all it needs). */
        public Map<String, String> skipped() {
            Map<String, String> out = new LinkedHashMap<>();
            skips.forEach((k, v) -> out.put(k, v.get()));
            return out;
        }
    }

    /** A run shorter than this is not worth opening a valve for: the window's end rather drops it. */
    static final long MIN_RUN_SECONDS = 60;

    private Planner() {
    }

    /** Whether a time of day lies in a window that may cross midnight. */
    public static boolean inWindow(LocalTime t, LocalTime from, LocalTime to) {
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    /** Plans the runs that the programs' starts on {@code date} make. */
    public static DayPlan plan(List<Program> programs, LocalDate date, ZoneId zoneId, Inputs inputs) {
        Map<String, Supplier<String>> skipped = new LinkedHashMap<>();
        Map<String, Double> budgets = new HashMap<>();
        List<Task> tasks = new ArrayList<>();
        int order = 0;
        for (Program p : programs) {
            for (Map.Entry<String, Double> b : p.flowBudgets().entrySet()) {
                budgets.merge(b.getKey(), b.getValue(), Math::min);
            }
            if (!p.days().allows(date)) {
                for (Program.Zone z : p.zones()) {
                    skipped.put(z.key(), () -> p.id() + ": not a watering day (" + (p.days().parity() != null
                            ? p.days().parity() + " dates" : "days " + p.days().weekdays()) + ")");
                }
                continue;
            }
            int starts = p.starts().size();
            long[] ready = new long[starts];
            long[] windowEnd = new long[starts];
            for (int s = 0; s < starts; s++) {
                LocalDateTime start = LocalDateTime.of(date, p.starts().get(s));
                ready[s] = start.atZone(zoneId).toEpochSecond();
                windowEnd[s] = windowEnd(start, p).atZone(zoneId).toEpochSecond();
            }
            for (Program.Zone z : p.zones()) {
                Optional<String> skip = inputs.skip(p, z);
                if (skip.isPresent()) {
                    String why = skip.get();
                    skipped.put(z.key(), () -> p.id() + ": " + why);
                    continue;
                }
                WaterBalance.Need need = inputs.need(p, z);
                if (need.seconds() <= 0) {
                    skipped.put(z.key(), () -> p.id() + ": " + need.why());
                    continue;
                }
                for (int s = 0; s < starts; s++) {
                    long share = need.seconds() / starts + (s < need.seconds() % starts ? 1 : 0);
                    int cycles = z.maxCycleSeconds() > 0 ? (int) Math.max(1, (share + z.maxCycleSeconds() - 1) / z.maxCycleSeconds()) : 1;
                    int startNo = s + 1;
                    Supplier<String> why = () -> need.why() + (starts > 1 ? String.format(Locale.ROOT, "; start %d of %d: %.1f min",
                            startNo, starts, share / 60.0) : "") + (cycles > 1 ? String.format(Locale.ROOT,
                            "; %d cycles, soak %d min", cycles, z.soakSeconds() / 60) : "");
                    Task first = null;
                    Task prev = null;
                    for (int c = 0; c < cycles; c++) {
                        long seconds = share / cycles + (c < share % cycles ? 1 : 0);
                        Task t = new Task(p, z, order, c + 1, cycles, seconds, windowEnd[s], why);
                        if (prev == null) {
                            first = t;
                        } else {
                            prev.next = t;
                        }
                        prev = t;
                    }
                    first.ready = ready[s];
                    tasks.add(first);
                }
                order++;
            }
        }
        List<PlannedRun> runs = new ArrayList<>();
        Map<String, List<Task>> byMain = new LinkedHashMap<>();
        for (Task t : tasks) {
            String main = inputs.waterMain(t.zone.controller());
            byMain.computeIfAbsent(main == null ? "controller:" + t.zone.controller() : "main:" + main, k -> new ArrayList<>()).add(t);
        }
        for (Map.Entry<String, List<Task>> e : byMain.entrySet()) {
            double budget = e.getKey().startsWith("main:")
                    ? budgets.getOrDefault(e.getKey().substring(5), Double.POSITIVE_INFINITY) : Double.POSITIVE_INFINITY;
            layOut(e.getValue(), budget, e.getKey().substring(5), runs, skipped);
        }
        runs.sort(Comparator.comparing(PlannedRun::start).thenComparing(r -> r.zone().key()));
        return new DayPlan(date, List.copyOf(runs), skipped);
    }

    private static LocalDateTime windowEnd(LocalDateTime start, Program p) {
        LocalDateTime end = LocalDateTime.of(start.toLocalDate(), p.windowTo());
        return end.isAfter(start) ? end : end.plusDays(1);
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
        final Supplier<String> why;
        long ready = Long.MAX_VALUE;
        Task next;

        Task(Program program, Program.Zone zone, int order, int cycle, int cycles, long seconds, long windowEnd, Supplier<String> why) {
            this.program = program;
            this.zone = zone;
            this.order = order;
            this.cycle = cycle;
            this.cycles = cycles;
            this.seconds = seconds;
            this.windowEnd = windowEnd;
            this.why = why;
        }
    }

    /**
     * Runs the tasks of the controllers on one water main through time: at each moment, every idle controller
     * starts its first ready task (earliest start, then program and zone order) that the main's remaining flow
     * carries; a cycle's successor becomes ready a soak after it ends. Each controller's queue stays in that
     * order, so only its ready head is ever looked at.
     */
    private static void layOut(List<Task> tasks, double budget, String main, List<PlannedRun> runs, Map<String, Supplier<String>> skipped) {
        Map<String, List<Task>> pending = new LinkedHashMap<>();
        Comparator<Task> priority = Comparator.<Task>comparingLong(t -> t.ready).thenComparingInt(t -> t.order);
        tasks.sort(priority);
        for (Task t : tasks) {
            if (t.zone.flow() > budget) {
                skipped.put(t.zone.key(), () -> t.program.id() + String.format(Locale.ROOT,
                        ": its flow %.0f l/min exceeds the %.0f l/min budget of water main %s", t.zone.flow(), budget, main));
                continue;
            }
            pending.computeIfAbsent(t.zone.controller(), k -> new ArrayList<>()).add(t);
        }
        Map<String, Long> busyUntil = new HashMap<>();
        List<long[]> open = new ArrayList<>(); // {end, flow in ml/min}
        long flowUsed = 0;
        long budgetMl = Double.isInfinite(budget) ? Long.MAX_VALUE : Math.round(budget * 1000);
        long now = tasks.isEmpty() ? 0 : tasks.get(0).ready;
        while (!pending.isEmpty()) {
            for (int i = open.size() - 1; i >= 0; i--) {
                if (open.get(i)[0] <= now) {
                    flowUsed -= open.get(i)[1];
                    open.remove(i);
                }
            }
            long next = Long.MAX_VALUE;
            for (var it = pending.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, List<Task>> c = it.next();
                long free = busyUntil.getOrDefault(c.getKey(), Long.MIN_VALUE);
                List<Task> queue = c.getValue();
                if (free <= now) {
                    for (int i = 0; i < queue.size(); i++) {
                        Task t = queue.get(i);
                        if (t.ready > now) {
                            break;
                        }
                        long flow = Math.round(t.zone.flow() * 1000);
                        if (flowUsed + flow > budgetMl) {
                            continue;
                        }
                        queue.remove(i);
                        long seconds = Math.min(t.seconds, t.windowEnd - now);
                        if (seconds < MIN_RUN_SECONDS) {
                            skipped.put(t.zone.key(), () -> t.program.id() + ": cycle " + t.cycle + " of " + t.cycles
                                    + " would run past the watering window's end " + t.program.windowTo() + "; " + t.why.get());
                            i--;
                            continue;
                        }
                        long waited = now - t.ready;
                        long started = now;
                        runs.add(new PlannedRun(t.program.id(), t.zone, Instant.ofEpochSecond(now), seconds, t.cycle, t.cycles,
                                () -> t.why.get() + (waited > 0 ? String.format(Locale.ROOT, "; stacked %.1f min behind %s", waited / 60.0,
                                        t.cycle > 1 ? "its soak and the zones before it" : "earlier runs") : "")
                                        + (seconds < t.seconds ? String.format(Locale.ROOT, "; cut from %.1f min to end at the watering "
                                        + "window's end %s, the rest follows on the next night", t.seconds / 60.0, t.program.windowTo()) : "")));
                        if (seconds < t.seconds) {
                            skipped.put(t.zone.key(), () -> t.program.id() + ": cut at the watering window's end "
                                    + t.program.windowTo() + " after " + (started + seconds - t.ready) / 60 + " min");
                            t.next = null;
                        }
                        busyUntil.put(c.getKey(), now + seconds);
                        free = now + seconds;
                        open.add(new long[] {now + seconds, flow});
                        flowUsed += flow;
                        if (t.next != null) {
                            t.next.ready = now + seconds + t.zone.soakSeconds();
                            int at = 0;
                            while (at < queue.size() && priority.compare(queue.get(at), t.next) <= 0) {
                                at++;
                            }
                            queue.add(at, t.next);
                        }
                        break;
                    }
                }
                if (queue.isEmpty()) {
                    it.remove();
                    continue;
                }
                if (free > now) {
                    next = Math.min(next, free);
                }
                for (Task t : queue) {
                    if (t.ready > now) {
                        next = Math.min(next, t.ready);
                        break;
                    }
                }
            }
            for (long[] o : open) {
                next = Math.min(next, o[0]);
            }
            if (next == Long.MAX_VALUE) {
                break;
            }
            now = next;
        }
    }
}
