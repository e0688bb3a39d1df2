package org.urbis.control.internal.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The program a luminaire node keeps, for one date: the date's program in the node's format
 * ({@code {"id","zone","steps":[{"at","offset","level"}]}}). Nodes take astronomical steps with
 * offsets of up to ±240 min and no bounds; a step beyond that (a bound, a longer offset) is sent as
 * the fixed local time it has on that date, and a step skipped that date (no sunrise or sunset) is
 * left out.
 */
public final class NodeProgram {

    static final int NODE_MAX_OFFSET = 240;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");

    private NodeProgram() {}

    /** The node program for a date, or empty when no step of that date's program takes place. */
    public static Optional<String> of(Schedule schedule, LocalDate date, Timeline timeline) {
        Program program = schedule.programOn(date);
        List<SwitchEvent> events = timeline.eventsOf(schedule, date);
        ObjectNode root = JSON.createObjectNode();
        String id = schedule.id() + "." + program.name();
        root.put("id", id.length() > 64 ? id.substring(0, 64) : id);
        root.put("zone", timeline.site().zone().getId());
        ArrayNode steps = root.putArray("steps");
        for (int i = 0; i < program.steps().size(); i++) {
            Step step = program.steps().get(i);
            ObjectNode o;
            if (!step.astronomical()) {
                o = steps.addObject().put("at", step.time().toString());
            } else if (step.earliest() == null && step.latest() == null && Math.abs(step.offset()) <= NODE_MAX_OFFSET) {
                o = steps.addObject().put("at", step.event().label());
                if (step.offset() != 0) {
                    o.put("offset", step.offset());
                }
            } else {
                int n = i + 1;
                Optional<SwitchEvent> e =
                        events.stream().filter(x -> x.step() == n).findFirst();
                if (e.isEmpty()) {
                    continue;
                }
                o = steps.addObject().put("at", HHMM.format(e.get().time()));
            }
            o.put("level", step.level());
        }
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
