package org.urbis.irrigation.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalDouble;
import org.urbis.api.irrigation.ProgramPreview;
import org.urbis.api.irrigation.ProgramSummary;
import org.urbis.irrigation.internal.program.MissedRun;
import org.urbis.irrigation.internal.program.PlannedRun;
import org.urbis.irrigation.internal.program.Planner;
import org.urbis.irrigation.internal.program.Program;

/** The programs and their previews as the console and the REST API show them. */
public final class Previews {

    /** How a day after today is projected. */
    static final String PROJECTED =
            "projected from today's balance with the last closed day's ET0 (before any day has closed, "
                    + "today's readings or the site's first guess), no rain";

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    private Previews() {}

    public static ProgramSummary summary(Program p) {
        return new ProgramSummary(
                p.id(),
                p.name(),
                p.station(),
                p.starts().stream().map(HH_MM::format).toList(),
                days(p.days()),
                HH_MM.format(p.windowFrom()) + "-" + HH_MM.format(p.windowTo()),
                p.budgetPercent(),
                p.zones().stream().map(Program.Zone::key).toList());
    }

    private static String days(Program.Days d) {
        String weekdays = d.weekdays().equals(EnumSet.allOf(DayOfWeek.class))
                ? "every day"
                : String.join(
                        ",", d.weekdays().stream().sorted().map(DayOfWeek::name).toList());
        return d.parity() == null ? weekdays : weekdays + ", " + d.parity() + " dates";
    }

    /**
     * A program's preview from {@code from} to {@code to}: each day's runs, the zones not watering, and the runs zones
     * needed but do not make: those the programs' rules skip, those the interlock refuses now (a run of a controller
     * whose mainline break holds), and today's that were skipped or refused when due.
     *
     * @param missedToday today's runs that did not start when due
     * @throws NoSuchElementException   naming the program and those there are
     * @throws IllegalArgumentException naming what is wrong with the days
     */
    public static ProgramPreview preview(
            Irrigation irrigation,
            LocalDate today,
            String programId,
            LocalDate from,
            LocalDate to,
            OptionalDouble et0Today,
            List<MissedRun> missedToday) {
        if (irrigation.program(programId).isEmpty()) {
            throw new NoSuchElementException("no irrigation program '" + programId + "'; there are "
                    + irrigation.programs().stream().map(Program::id).toList());
        }
        Map<String, Optional<String>> holds = new HashMap<>();
        List<ProgramPreview.Day> days = new ArrayList<>();
        for (Planner.DayPlan plan : irrigation.preview(programId, today, from, to, et0Today)) {
            List<ProgramPreview.Run> runs = new ArrayList<>();
            List<MissedRun> missed = new ArrayList<>(plan.missed());
            for (PlannedRun r : plan.runs()) {
                Optional<String> hold = holds.computeIfAbsent(r.zone().controller(), irrigation::interlockHold);
                if (hold.isPresent()) {
                    missed.add(new MissedRun(
                            r.program(),
                            r.zone(),
                            r.start(),
                            r.seconds(),
                            ProgramPreview.MissedKind.REFUSED,
                            () -> "the interlock refuses it now: " + hold.get() + "; " + r.why()));
                } else {
                    runs.add(run(irrigation, r));
                }
            }
            if (plan.date().equals(today)) {
                missedToday.stream().filter(m -> m.program().equals(programId)).forEach(missed::add);
            }
            missed.sort(Comparator.comparing(MissedRun::start)
                    .thenComparing(m -> m.zone().key()));
            List<ProgramPreview.ZoneNote> notes = new ArrayList<>();
            for (Map.Entry<String, String> s : plan.skipped().entrySet()) {
                int slash = s.getKey().lastIndexOf('/');
                notes.add(new ProgramPreview.ZoneNote(
                        s.getKey().substring(0, slash),
                        Integer.parseInt(s.getKey().substring(slash + 1)),
                        s.getValue()));
            }
            days.add(new ProgramPreview.Day(
                    plan.date(),
                    plan.date().equals(today) ? "live" : PROJECTED,
                    runs,
                    notes,
                    missed.stream().map(m -> missed(irrigation, m)).toList()));
        }
        return new ProgramPreview(programId, irrigation.site().getId(), today, days);
    }

    private static ProgramPreview.Run run(Irrigation irrigation, PlannedRun r) {
        return new ProgramPreview.Run(
                r.start().atZone(irrigation.site()).toOffsetDateTime(),
                r.zone().controller(),
                r.zone().number(),
                r.zone().name(),
                r.seconds(),
                r.cycle(),
                r.cycles(),
                r.why());
    }

    private static ProgramPreview.Missed missed(Irrigation irrigation, MissedRun m) {
        return new ProgramPreview.Missed(
                m.start().atZone(irrigation.site()).toOffsetDateTime(),
                m.zone().controller(),
                m.zone().number(),
                m.zone().name(),
                m.seconds(),
                m.kind(),
                m.why());
    }
}
