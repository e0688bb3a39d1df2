package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.urbis.api.schedule.PlannedSwitch;
import org.urbis.api.schedule.ScheduleManager;
import org.urbis.api.schedule.ScheduleSummary;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.ServiceSlot;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/** The lighting schedules: list, store, remove, and preview what they will switch when. */
@Path("schedules")
@Tag(name = "schedules")
@Produces(MediaType.APPLICATION_JSON)
public final class SchedulesResource {

    private final ServiceSlot<ScheduleManager> schedules;

    /** The schedules; each {@code source} is the schedule's JSON as stored. */
    public record ScheduleList(List<ScheduleSummary> schedules) {}

    /** One switching event of a preview, its time ISO-8601 with the site's offset. */
    public record PreviewEvent(String time, int level, String date, String program, int step, String note) {

        static PreviewEvent of(PlannedSwitch s) {
            return new PreviewEvent(
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(s.time()),
                    s.level(),
                    s.date().toString(),
                    s.program(),
                    s.step(),
                    s.note());
        }
    }

    /** What a group's schedule will do between two dates. */
    public record Preview(String zone, String group, List<PreviewEvent> events) {}

    public SchedulesResource(ServiceSlot<ScheduleManager> schedules) {
        this.schedules = schedules;
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "Every schedule with its group, programs and source JSON")
    public ScheduleList list() {
        return new ScheduleList(schedules.get().schedules());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Role.OPERATOR, Role.ADMIN})
    @Operation(
            summary =
                    "Checks and stores a schedule (the format urbis:schedule-add takes), replacing the one of the same id; "
                            + "422 listing every problem")
    public Response save(String json) throws IOException {
        ScheduleSummary s = schedules.get().save(json);
        return Response.created(URI.create("/api/v1/schedules/" + s.id()))
                .entity(s)
                .build();
    }

    @DELETE
    @Path("{id}")
    @Allow({Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "Removes a schedule; its group keeps its present level")
    public Response remove(@PathParam("id") String id) throws IOException {
        if (!schedules.get().remove(id)) {
            throw ProblemException.notFound("UNKNOWN_SCHEDULE", "no schedule '" + id + "'");
        }
        return Response.noContent().build();
    }

    @GET
    @Path("preview")
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(
            summary = "Every switching event of a group's schedule from one local date to another (at most 366 days)")
    public Preview preview(
            @QueryParam("group") String group, @QueryParam("from") String from, @QueryParam("to") String to) {
        if (group == null || group.isBlank()) {
            throw ProblemException.badRequest("INVALID_REQUEST", "give the group, key=value");
        }
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isAfter(first.plusDays(366))) {
            throw ProblemException.badRequest("INVALID_REQUEST", "a preview spans at most 366 days");
        }
        ScheduleManager m = schedules.get();
        return new Preview(
                m.zone().getId(),
                group,
                m.preview(group, first, last).stream().map(PreviewEvent::of).toList());
    }

    /** A query's local date, or a 400 naming the parameter. */
    static LocalDate date(String name, String text) {
        try {
            return LocalDate.parse(text == null ? "" : text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("INVALID_REQUEST", name + " must be a date yyyy-mm-dd");
        }
    }
}
