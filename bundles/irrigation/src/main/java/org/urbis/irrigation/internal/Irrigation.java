package org.urbis.irrigation.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.urbis.irrigation.internal.balance.BalanceDay;
import org.urbis.irrigation.internal.balance.WaterBalance;
import org.urbis.irrigation.internal.balance.ZoneState;
import org.urbis.irrigation.internal.program.PlannedRun;
import org.urbis.irrigation.internal.program.Planner;
import org.urbis.irrigation.internal.program.Program;
import org.urbis.irrigation.internal.weather.Et0Day;

/**
 * The site's irrigation: its programs, every zone's water balance, the day's plan, the preview of days to come
 * and manual runs. Free of OSGi and of time: the caller closes days and dispatches runs.
 */
public final class Irrigation {

    /** What the field says now; by default nothing is known (no sensors, no water mains). */
    public interface Conditions {
        /** The controller's rain sensor: true when it reports rain; empty when unknown. */
        default Optional<Boolean> rainSensor(String controller) {
            return Optional.empty();
        }

        /** Hours of rain delay the controller itself holds; 0 when none or unknown. */
        default double controllerRainDelayHours(String controller) {
            return 0;
        }

        /** A device's current GOOD reading of a point. */
        default OptionalDouble reading(String device, String point) {
            return OptionalDouble.empty();
        }

        /** The water main a controller hangs on ({@code water-main} tag), or {@code null}. */
        default String waterMain(String controller) {
            return null;
        }

        /** Why the irrigation interlock refuses to start any zone of the controller now (a mainline break), if so. */
        default Optional<String> interlockHold(String controller) {
            return Optional.empty();
        }
    }

    /** A zone where no balance was kept yet starts at field capacity, as after a soaking rain or a commissioning. */
    static final double NEW_ZONE_DEPLETION = 0;

    private final ZoneId site;
    private final Conditions conditions;
    private volatile List<Program> programs = List.of();
    private final Map<String, ZoneState> zones = new ConcurrentHashMap<>();
    /**
     * Each program's zones' balances in the order of its zones, rather than looked up by key: a city's season
     * visits zones millions of times. Made again whenever the programs or a balance are replaced.
     */
    private volatile Map<Program, ZoneState[]> byProgram = Map.of();

    private final Map<String, Instant> rainDelays = new ConcurrentHashMap<>();

    public Irrigation(ZoneId site, Conditions conditions) {
        this.site = site;
        this.conditions = conditions;
    }

    public ZoneId site() {
        return site;
    }

    public List<Program> programs() {
        return programs;
    }

    public Optional<Program> program(String id) {
        return programs.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * Takes a new set of programs. A zone in two programs is refused, naming both. Zones new to the site start at
     * field capacity at the end of {@code yesterday}.
     */
    public void setPrograms(List<Program> all, LocalDate yesterday) {
        Map<String, String> owner = new HashMap<>();
        for (Program p : all) {
            for (Program.Zone z : p.zones()) {
                String other = owner.putIfAbsent(z.key(), p.id());
                if (other != null) {
                    throw new IllegalArgumentException("irrigation program " + p.id() + " refused: zone " + z.number()
                            + " of " + z.controller() + " is already in program " + other);
                }
                zones.computeIfAbsent(z.key(), k -> new ZoneState(yesterday, NEW_ZONE_DEPLETION, null));
            }
        }
        programs = List.copyOf(all);
        index();
    }

    /** The zones' balances by key; {@link #restore} replaces one. */
    public Map<String, ZoneState> zones() {
        return Collections.unmodifiableMap(zones);
    }

    /** Puts back a zone's balance kept from before a restart. */
    public void restore(String key, ZoneState state) {
        zones.put(key, state);
        index();
    }

    private synchronized void index() {
        Map<Program, ZoneState[]> index = new IdentityHashMap<>();
        for (Program p : programs) {
            index.put(p, p.zones().stream().map(z -> zones.get(z.key())).toArray(ZoneState[]::new));
        }
        byProgram = index;
    }

    /** A program's zones' balances, in the order of its zones. */
    private ZoneState[] states(Program program) {
        ZoneState[] states = byProgram.get(program);
        return states != null
                ? states
                : program.zones().stream().map(z -> zones.get(z.key())).toArray(ZoneState[]::new);
    }

    public Map<String, Instant> rainDelays() {
        return rainDelays;
    }

    /** Holds a program's runs until an instant (a rain delay); {@code null} lifts it. */
    public void rainDelay(String program, Instant until) {
        if (until == null) {
            rainDelays.remove(program);
        } else {
            rainDelays.put(program, until);
        }
    }

    /**
     * Closes a day of every zone whose balance is not closed through it yet, with its program's station's day.
     * A station that gave no ET0 leaves the zone's last day's ET0 assumed, and says so.
     */
    public void closeDay(LocalDate day, Function<String, Et0Day> stationDay) {
        // each zone is in one program: the programs' zones close side by side
        List<Program> all = programs;
        Et0Day[] weathers = all.stream().map(p -> stationDay.apply(p.station())).toArray(Et0Day[]::new);
        IntStream.range(0, all.size()).parallel().forEach(n -> closeDay(all.get(n), day, weathers[n]));
    }

    private void closeDay(Program p, LocalDate day, Et0Day weather) {
        ZoneState[] states = states(p);
        long dayNo = day.toEpochDay();
        for (int i = 0; i < states.length; i++) {
            Program.Zone z = p.zones().get(i);
            ZoneState s = states[i];
            while (s.closedEpochDay() < dayNo) {
                // mostly the zone closed yesterday: its next day is the day itself, not one more date made
                long nextNo = s.closedEpochDay() + 1;
                LocalDate next = nextNo == dayNo ? day : LocalDate.ofEpochDay(nextNo);
                Et0Day w = nextNo == dayNo && weather != null ? weather : null;
                if (w != null && w.known()) {
                    s.close(z.soil(), next, w.et0(), w.method(), w.rain());
                } else {
                    BalanceDay last = s.last();
                    OptionalDouble guess = p.firstGuessEt0(next);
                    String unknown = "ET0 unknown (" + (w == null ? "no weather for the day" : w.method()) + "): ";
                    if (last == null && guess.isPresent()) {
                        s.close(
                                z.soil(),
                                next,
                                guess.getAsDouble(),
                                unknown + p.firstGuessMethod(),
                                w == null ? 0 : w.rain());
                    } else {
                        s.close(
                                z.soil(),
                                next,
                                last == null ? 0 : last.et0(),
                                unknown + (last == null ? "none assumed" : "the day before's assumed"),
                                w == null ? 0 : w.rain());
                    }
                }
            }
        }
    }

    /** Today's plan, with what the field says now (rain sensors, moisture, rain delays). */
    public Planner.DayPlan plan(LocalDate day) {
        return Planner.plan(programs, day, site, inputs(day, this::states, true));
    }

    /**
     * The plans of the days from {@code from} to {@code to} of one program, the days after today projected from
     * today's balance with the last day's ET0 and no rain. Today's plan is the one {@link #plan} gives.
     *
     * @param et0Today ET0 to project with while a zone has no closed day yet (today's readings so far), or empty
     */
    public List<Planner.DayPlan> preview(
            String programId, LocalDate today, LocalDate from, LocalDate to, OptionalDouble et0Today) {
        Program p = program(programId)
                .orElseThrow(() -> new IllegalArgumentException("no irrigation program '" + programId + "'; there are "
                        + programs.stream().map(Program::id).toList()));
        if (from.isBefore(today) || to.isBefore(from) || to.isAfter(today.plusDays(31))) {
            throw new IllegalArgumentException(
                    "a preview runs from today (" + today + ") on, at most 31 days ahead, from <= to");
        }
        Map<String, ZoneState> projected = new LinkedHashMap<>();
        ZoneState[] copies = new ZoneState[p.zones().size()];
        for (int i = 0; i < copies.length; i++) {
            Program.Zone z = p.zones().get(i);
            ZoneState s = zones.get(z.key());
            copies[i] = new ZoneState(s.closed(), s.depletion(), s.last());
            s.applied().forEach(copies[i]::credit);
            projected.put(z.key(), copies[i]);
        }
        List<Planner.DayPlan> out = new ArrayList<>();
        for (LocalDate d = today; !d.isAfter(to); d = d.plusDays(1)) {
            Planner.DayPlan plan = Planner.plan(List.of(p), d, site, inputs(d, program -> copies, d.equals(today)));
            for (PlannedRun r : plan.runs()) {
                projected
                        .get(r.zone().key())
                        .credit(d, r.seconds() * r.zone().soil().precipitationRate() / 3600);
            }
            for (Program.Zone z : p.zones()) {
                ZoneState s = projected.get(z.key());
                while (s.closed().isBefore(d)) {
                    BalanceDay last = s.last();
                    LocalDate next = s.closed().plusDays(1);
                    OptionalDouble guess = p.firstGuessEt0(next);
                    double et0;
                    String how;
                    if (last != null) {
                        et0 = last.et0();
                        // a projection keeps saying where its ET0 came from, day after day
                        how = last.et0Method().startsWith("projected") ? last.et0Method() : "projected";
                    } else if (et0Today.isPresent()) {
                        et0 = et0Today.getAsDouble();
                        how = "projected from today's readings (Hargreaves)";
                    } else {
                        et0 = guess.orElse(0);
                        how = guess.isPresent()
                                ? "projected, " + p.firstGuessMethod()
                                : "projected: no ET0 known, none assumed";
                    }
                    s.close(z.soil(), next, et0, how, 0);
                }
            }
            if (!d.isBefore(from)) {
                out.add(plan);
            }
        }
        return out;
    }

    /** Credits the water a run applied to its day's balance. */
    public void credit(PlannedRun run, LocalDate day) {
        ZoneState s = zones.get(run.zone().key());
        if (s != null) {
            s.credit(day, run.seconds() * run.zone().soil().precipitationRate() / 3600);
        }
    }

    /** Credits a manual run of a zone to the day's balance, when the zone is in a program. */
    public void credit(String controller, int zone, long seconds, LocalDate day) {
        for (Program p : programs) {
            for (Program.Zone z : p.zones()) {
                if (z.controller().equals(controller) && z.number() == zone) {
                    zones.get(z.key()).credit(day, seconds * z.soil().precipitationRate() / 3600);
                }
            }
        }
    }

    /**
     * A manual run of a zone. Bypassing the adjustment runs exactly the minutes asked; honouring it scales them
     * by the program's water budget and refuses when the zone's program would skip today.
     *
     * @return the seconds to run and why
     * @throws IllegalArgumentException naming what is wrong, or why the adjusted run does not happen
     */
    public WaterBalance.Need manual(String controller, int zone, double minutes, boolean bypass, LocalDate today) {
        if (!(minutes > 0 && minutes <= 1080)) {
            throw new IllegalArgumentException("minutes must be more than 0 and at most 1080 (18 h), was " + minutes);
        }
        long asked = Math.round(minutes * 60);
        if (bypass) {
            return new WaterBalance.Need(
                    0, asked, String.format(Locale.ROOT, "manual %.1f min, adjustment bypassed", minutes));
        }
        for (Program p : programs) {
            for (Program.Zone z : p.zones()) {
                if (z.controller().equals(controller) && z.number() == zone) {
                    Optional<String> skip = inputs(today, this::states, true).skip(p, z);
                    if (skip.isPresent()) {
                        throw new IllegalArgumentException("manual run of zone " + zone + " of " + controller
                                + " not started: " + skip.get() + " (bypass the adjustment to run it anyway)");
                    }
                    long s = Math.round(asked * p.budgetPercent() / 100);
                    return new WaterBalance.Need(
                            s * z.soil().precipitationRate() / 3600,
                            s,
                            String.format(
                                    Locale.ROOT,
                                    "manual %.1f min × water budget %.0f %% of %s = %.1f min",
                                    minutes,
                                    p.budgetPercent(),
                                    p.id(),
                                    s / 60.0));
                }
            }
        }
        throw new IllegalArgumentException("zone " + zone + " of " + controller + " is in no irrigation program; "
                + "bypass the adjustment to run it for the minutes given");
    }

    private Planner.Inputs inputs(LocalDate day, Function<Program, ZoneState[]> states, boolean live) {
        return new Planner.Inputs() {
            @Override
            public WaterBalance.Need need(Program program, int place) {
                return Irrigation.need(program, place, states.apply(program)[place], day);
            }

            @Override
            public Optional<String> skip(Program program, Program.Zone zone) {
                Optional<String> held = rainDelayHold(program, day);
                return held.isPresent() || !live ? held : liveSkip(program, zone);
            }

            @Override
            public Planner.ProgramInputs of(Program program) {
                ZoneState[] zoneStates = states.apply(program);
                Optional<String> held = rainDelayHold(program, day);
                return new Planner.ProgramInputs() {
                    @Override
                    public WaterBalance.Need need(int place) {
                        return Irrigation.need(program, place, zoneStates[place], day);
                    }

                    @Override
                    public Optional<String> skip(int place) {
                        return held.isPresent() || !live
                                ? held
                                : liveSkip(program, program.zones().get(place));
                    }
                };
            }

            @Override
            public String waterMain(String controller) {
                return conditions.waterMain(controller);
            }
        };
    }

    /** The watering a zone of a program needs on {@code day}, with where its expected use comes from. */
    private static WaterBalance.Need need(Program program, int place, ZoneState s, LocalDate day) {
        Program.Zone zone = program.zones().get(place);
        BalanceDay last = s.last();
        // before any day has closed, the day's use is expected from the program's first guess of ET0
        OptionalDouble guess = last == null ? program.firstGuessEt0(day) : OptionalDouble.empty();
        double expected = guess.isPresent() ? zone.soil().cropCoefficient() * guess.getAsDouble() : s.expectedEtc();
        return WaterBalance.need(
                zone.soil(),
                s.depletion(),
                expected,
                program.budgetPercent(),
                new Basis(program, last, guess, expected));
    }

    /**
     * Where a zone's expected use comes from: the last closed day, or the program's first guess. A record rather than
     * a lambda: a capturing lambda is made through a method handle until the JIT has compiled its maker, and a
     * season's first days make millions.
     */
    private record Basis(Program program, BalanceDay last, OptionalDouble guess, double expected)
            implements Supplier<String> {
        @Override
        public String get() {
            return last != null
                    ? String.format(
                            Locale.ROOT,
                            "%s: ET0 %.1f mm by %s, rain %.1f mm (effective %.1f), ETc %.1f mm",
                            last.date(),
                            last.et0(),
                            last.et0Method(),
                            last.rain(),
                            last.effectiveRain(),
                            last.etc())
                    : guess.isPresent()
                            ? String.format(
                                    Locale.ROOT,
                                    "no day closed yet: ET0 %.1f mm by %s, ETc %.1f mm",
                                    guess.getAsDouble(),
                                    program.firstGuessMethod(),
                                    expected)
                            : "no day closed yet and no first guess of ET0 (the program gives no weather.climate)";
        }
    }

    /** The program's rain delay, when it holds the day's first start. */
    private Optional<String> rainDelayHold(Program program, LocalDate day) {
        Instant delay = rainDelays.get(program.id());
        if (delay == null) {
            return Optional.empty();
        }
        Instant firstStart = LocalDateTime.of(
                        day,
                        program.starts().stream()
                                .min(java.util.Comparator.naturalOrder())
                                .orElseThrow())
                .atZone(site)
                .toInstant();
        return delay.isAfter(firstStart)
                ? Optional.of("rain delay until " + delay.atZone(site).toLocalDateTime())
                : Optional.empty();
    }

    /** Why the irrigation interlock refuses to start any zone of the controller now, if it does. */
    public Optional<String> interlockHold(String controller) {
        return conditions.interlockHold(controller);
    }

    /** Why the field says the zone must not water now, if it does: rain sensor, the controller's rain delay, moisture. */
    public Optional<String> liveSkip(Program program, Program.Zone zone) {
        if (program.skipOnRain() && conditions.rainSensor(zone.controller()).orElse(false)) {
            return Optional.of("the rain sensor of " + zone.controller() + " reports rain");
        }
        double hours = conditions.controllerRainDelayHours(zone.controller());
        if (hours > 0) {
            return Optional.of(String.format(Locale.ROOT, "%s holds a rain delay of %.0f h", zone.controller(), hours));
        }
        Program.MoistureSkip m = zone.moisture();
        if (m != null) {
            OptionalDouble v = conditions.reading(m.device(), m.point());
            if (v.isPresent() && v.getAsDouble() >= m.atLeast()) {
                return Optional.of(String.format(
                        Locale.ROOT,
                        "soil moisture %.1f %% at %s is at least %.1f %%",
                        v.getAsDouble(),
                        m.device(),
                        m.atLeast()));
            }
        }
        return Optional.empty();
    }
}
