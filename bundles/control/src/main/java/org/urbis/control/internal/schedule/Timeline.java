package org.urbis.control.internal.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.urbis.astro.SolarCalculator;

/**
 * Turns a schedule into switching events in the site's zone.
 *
 * <p>Each local date runs the program its calendar chooses; that program's steps are placed on
 * that date. A fixed time that does not exist (skipped by a daylight-saving change) happens at the
 * first valid instant after the gap; a repeated one, at its first occurrence. An astronomical step
 * happens at its event plus its offset, moved up to its {@code earliest} or back to its
 * {@code latest} bound when it falls outside them. When the sun does not rise or set that day
 * (polar day or night) the step happens at a bound instead: {@code latest} for a morning event
 * (sunrise, civil-dawn), {@code earliest} for an evening one (sunset, civil-dusk), or the only bound
 * it has; without bounds the step is skipped that day. The level in force at an instant is that of
 * the latest event not after it, whatever date produced it; of events at the same instant the later
 * date, then the later step wins.
 */
public final class Timeline {

    /** How far back and ahead to look for a step when days have none (polar programs without bounds). */
    private static final int SEARCH_DAYS = 8;

    private static final Comparator<SwitchEvent> ORDER = Comparator.comparing(
                    (SwitchEvent e) -> e.time().toInstant())
            .thenComparing(SwitchEvent::date)
            .thenComparingInt(SwitchEvent::step);

    private final Site site;

    public Timeline(Site site) {
        this.site = site;
    }

    public Site site() {
        return site;
    }

    /** The events the program of one date produces, in step order (not necessarily time order). */
    public List<SwitchEvent> eventsOf(Schedule schedule, LocalDate date) {
        Program program = schedule.programOn(date);
        List<SwitchEvent> events = new ArrayList<>();
        ZoneId zone = site.zone();
        for (int i = 0; i < program.steps().size(); i++) {
            Step step = program.steps().get(i);
            ZonedDateTime at;
            String note = "";
            if (!step.astronomical()) {
                at = local(date, step.time(), zone);
            } else {
                Optional<ZonedDateTime> sun =
                        SolarCalculator.event(step.event(), site.latitude(), site.longitude(), date, zone);
                if (sun.isPresent()) {
                    at = sun.get().plusMinutes(step.offset()).truncatedTo(ChronoUnit.SECONDS);
                    if (step.earliest() != null && at.isBefore(local(date, step.earliest(), zone))) {
                        at = local(date, step.earliest(), zone);
                        note = "earliest bound";
                    } else if (step.latest() != null && at.isAfter(local(date, step.latest(), zone))) {
                        at = local(date, step.latest(), zone);
                        note = "latest bound";
                    }
                } else {
                    LocalTime bound = step.event().morning()
                            ? (step.latest() != null ? step.latest() : step.earliest())
                            : (step.earliest() != null ? step.earliest() : step.latest());
                    if (bound == null) {
                        continue;
                    }
                    at = local(date, bound, zone);
                    note = "no " + step.event().label() + " this day; at its "
                            + (bound.equals(step.latest()) ? "latest" : "earliest") + " bound";
                }
            }
            events.add(new SwitchEvent(at, step.level(), date, program.name(), i + 1, note));
        }
        return events;
    }

    /** Every event whose local date lies from {@code from} to {@code to} inclusive, in time order. */
    public List<SwitchEvent> between(Schedule schedule, LocalDate from, LocalDate to) {
        List<SwitchEvent> all = new ArrayList<>();
        for (LocalDate d = from.minusDays(1); !d.isAfter(to.plusDays(1)); d = d.plusDays(1)) {
            for (SwitchEvent e : eventsOf(schedule, d)) {
                LocalDate on = e.time().toLocalDate();
                if (!on.isBefore(from) && !on.isAfter(to)) {
                    all.add(e);
                }
            }
        }
        all.sort(ORDER);
        return all;
    }

    /** The event whose level holds at an instant: the latest one not after it. */
    public Optional<SwitchEvent> inForce(Schedule schedule, Instant now) {
        LocalDate today = now.atZone(site.zone()).toLocalDate();
        SwitchEvent best = null;
        for (LocalDate d = today.plusDays(1); !d.isBefore(today.minusDays(SEARCH_DAYS)); d = d.minusDays(1)) {
            for (SwitchEvent e : eventsOf(schedule, d)) {
                if (!e.time().toInstant().isAfter(now) && (best == null || ORDER.compare(e, best) > 0)) {
                    best = e;
                }
            }
            // Offsets are at most 12 h: every event of date d and before lies before d + 2 days.
            if (best != null
                    && !d.plusDays(2)
                            .atStartOfDay(site.zone())
                            .toInstant()
                            .isAfter(best.time().toInstant())) {
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The first event after an instant. */
    public Optional<SwitchEvent> next(Schedule schedule, Instant now) {
        LocalDate today = now.atZone(site.zone()).toLocalDate();
        SwitchEvent best = null;
        for (LocalDate d = today.minusDays(1); !d.isAfter(today.plusDays(SEARCH_DAYS)); d = d.plusDays(1)) {
            for (SwitchEvent e : eventsOf(schedule, d)) {
                if (e.time().toInstant().isAfter(now) && (best == null || ORDER.compare(e, best) < 0)) {
                    best = e;
                }
            }
            // Offsets are at most 12 h: every event of date d and after lies after the start of d - 1.
            if (best != null
                    && !d.minusDays(1)
                            .atStartOfDay(site.zone())
                            .toInstant()
                            .isBefore(best.time().toInstant())) {
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A local date and time as an instant in the zone: in a daylight-saving gap the first instant
     * after it, in an overlap the first occurrence.
     */
    public static ZonedDateTime local(LocalDate date, LocalTime time, ZoneId zone) {
        LocalDateTime ldt = date.atTime(time);
        ZoneOffsetTransition transition = zone.getRules().getTransition(ldt);
        if (transition != null && transition.isGap()) {
            return transition.getInstant().atZone(zone);
        }
        return ZonedDateTime.ofLocal(ldt, zone, null);
    }
}
