package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.urbis.api.schedule.GroupOverride;
import org.urbis.api.schedule.ScheduleManager;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.ServiceSlot;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/** Manual levels that hold a scheduled group for a while instead of its schedule. */
@Path("overrides")
@Tag(name = "schedules")
@Produces(MediaType.APPLICATION_JSON)
public final class OverridesResource {

    private final ServiceSlot<ScheduleManager> schedules;

    /** The overrides in force. */
    public record OverrideList(List<OverrideView> overrides) {}

    /** An override. */
    public record OverrideView(String group, int level, String from, String until, String by) {

        static OverrideView of(GroupOverride o) {
            return new OverrideView(
                    o.group(), o.level(), o.from().toString(), o.until().toString(), o.by());
        }
    }

    /**
     * An override to set.
     *
     * @param group the scheduled group, key=value
     * @param level 0 (off) to 100
     * @param until ISO-8601 time with offset; absent: until the group's next program step
     */
    public record OverrideRequest(String group, Integer level, String until) {}

    public OverridesResource(ServiceSlot<ScheduleManager> schedules) {
        this.schedules = schedules;
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "The overrides in force")
    public OverrideList list() {
        return new OverrideList(
                schedules.get().overrides().stream().map(OverrideView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "Holds a scheduled group at a level until a time, or until its next program step")
    public OverrideView hold(OverrideRequest r, @Context SecurityContext context) throws IOException {
        if (r == null || r.group() == null || r.group().isBlank() || r.level() == null) {
            throw ProblemException.badRequest("INVALID_REQUEST", "an override needs a group and a level");
        }
        Instant until;
        try {
            until = r.until() == null || r.until().isBlank()
                    ? null
                    : OffsetDateTime.parse(r.until().trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("INVALID_REQUEST", "until must be an ISO-8601 time with offset");
        }
        return OverrideView.of(schedules
                .get()
                .override(r.group().trim(), r.level(), until, Caller.of(context).user()));
    }

    @DELETE
    @Path("{group}")
    @Allow({Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "Ends a group's override now; its schedule resumes")
    public Response end(@PathParam("group") String group) throws IOException {
        if (!schedules.get().clearOverride(group)) {
            throw ProblemException.notFound("UNKNOWN_OVERRIDE", "group " + group + " has no override");
        }
        return Response.noContent().build();
    }
}
