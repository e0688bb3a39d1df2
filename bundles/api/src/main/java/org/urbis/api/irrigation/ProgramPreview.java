package org.urbis.api.irrigation;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a program will water, day by day.
 *
 * @param program its id
 * @param zone    the site's time zone, in which the days and times are
 * @param today   the site's day now: its plan is the live one, later days are projected
 * @param days    the days asked for
 */
public record ProgramPreview(String program, String zone, LocalDate today, List<Day> days) {

    public ProgramPreview {
        days = List.copyOf(days);
    }

    /**
     * One day of a preview.
     *
     * @param date        the local day
     * @param basis       {@code live} for today; for a later day how it was projected
     * @param runs        the zone runs, by start
     * @param notWatering the zones that do not water that day (or not all they need), and why
     * @param missed      the runs a zone needed that day but does not make: skipped by the program's rules (rain,
     *                    soil moisture, rain delay, a restriction) or refused by the irrigation interlock, by start
     */
    public record Day(LocalDate date, String basis, List<Run> runs, List<ZoneNote> notWatering, List<Missed> missed) {

        public Day {
            runs = List.copyOf(runs);
            notWatering = List.copyOf(notWatering);
            missed = List.copyOf(missed);
        }

        public Day(LocalDate date, String basis, List<Run> runs, List<ZoneNote> notWatering) {
            this(date, basis, runs, notWatering, List.of());
        }
    }

    /** Why a run a zone needed is not made. */
    public enum MissedKind {
        /** The program's rules hold it: rain sensor, soil moisture, rain delay, a restriction of days or hours. */
        SKIPPED,
        /** The irrigation interlock refuses it (a mainline break, its water main's flow budget), or the command was refused. */
        REFUSED
    }

    /**
     * A run a zone needed but does not (or did not) make.
     *
     * @param start      when it would have started, with the site's offset
     * @param controller the controller's device id
     * @param zone       the zone's number on it
     * @param zoneName   what the crews call the zone
     * @param seconds    how long it would have run
     * @param kind       skipped or refused
     * @param why        the rule or the refusal, and why it would have run that long
     */
    public record Missed(
            OffsetDateTime start,
            String controller,
            int zone,
            String zoneName,
            long seconds,
            MissedKind kind,
            String why) {}

    /**
     * A planned zone run.
     *
     * @param start      when it starts, with the site's offset
     * @param controller the controller's device id
     * @param zone       the zone's number on it
     * @param zoneName   what the crews call the zone
     * @param seconds    how long it runs
     * @param cycle      which cycle of the zone's water, from 1
     * @param cycles     how many cycles the water is split into
     * @param why        ET0, rain, depletion and the resulting minutes, stacking and cuts
     */
    public record Run(
            OffsetDateTime start,
            String controller,
            int zone,
            String zoneName,
            long seconds,
            int cycle,
            int cycles,
            String why) {}

    /** Why a zone of a controller does not water. */
    public record ZoneNote(String controller, int zone, String why) {}
}
