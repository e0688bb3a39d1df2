package org.urbis.simulator.streetlight;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.urbis.astro.SolarCalculator;
import org.urbis.astro.SolarEvent;

/**
 * A switching program as a node keeps it: steps at fixed local times or at astronomical events plus
 * an offset, each setting a level (0 switches the lamp off). The node runs it on its own clock when
 * no command overrides it.
 */
final class Program {

    /** One step: at a fixed local time ({@code event == null}) or at an event plus an offset. */
    record Step(LocalTime time, SolarEvent event, int offsetMinutes, double level) {}

    /** The step in force at an instant and when it began. */
    record Active(Step step, Instant since) {}

    private final String id;
    private final ZoneId zone;
    private final List<Step> steps;

    private Program(String id, ZoneId zone, List<Step> steps) {
        this.id = id;
        this.zone = zone;
        this.steps = List.copyOf(steps);
    }

    String id() {
        return id;
    }

    /** Parses the program object of a {@code program} command; throws with the reason when it is malformed. */
    static Program parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("program must be a JSON object");
        }
        String id = node.path("id").asText("");
        ZoneId zone;
        try {
            zone = ZoneId.of(node.path("zone").asText("UTC"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown zone " + node.path("zone"));
        }
        JsonNode list = node.get("steps");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("program needs a non-empty 'steps' array");
        }
        List<Step> steps = new ArrayList<>();
        for (JsonNode s : list) {
            String at = s.path("at").asText("");
            if (!s.path("level").isNumber()) {
                throw new IllegalArgumentException("step without a numeric level");
            }
            double level = s.path("level").asDouble();
            int offset = s.path("offset").asInt(0);
            SolarEvent event = null;
            LocalTime time = null;
            for (SolarEvent e : SolarEvent.values()) {
                if (e.label().equals(at)) {
                    event = e;
                }
            }
            if (event == null) {
                try {
                    time = LocalTime.parse(at);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("step time '" + at + "' is neither HH:mm nor an event");
                }
            }
            steps.add(new Step(time, event, offset, level));
        }
        return new Program(id, zone, steps);
    }

    /**
     * The step in force at {@code now}: the one whose time today (or, before today's first, yesterday)
     * was the latest not after now. Empty when no step happens on either day (polar day or night).
     */
    Optional<Active> activeAt(Instant now, double latitude, double longitude) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Active best = null;
        for (LocalDate day : new LocalDate[] {today.minusDays(1), today}) {
            for (Step s : steps) {
                Optional<Instant> at = when(s, day, latitude, longitude);
                if (at.isPresent()
                        && !at.get().isAfter(now)
                        && (best == null || at.get().isAfter(best.since()))) {
                    best = new Active(s, at.get());
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private Optional<Instant> when(Step s, LocalDate day, double latitude, double longitude) {
        if (s.event() == null) {
            return Optional.of(ZonedDateTime.of(day, s.time(), zone).toInstant());
        }
        return SolarCalculator.event(s.event(), latitude, longitude, day, zone)
                .map(t -> t.toInstant().plusSeconds(60L * s.offsetMinutes()));
    }
}
