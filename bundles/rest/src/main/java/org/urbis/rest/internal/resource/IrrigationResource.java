package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;
import java.util.NoSuchElementException;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.urbis.api.irrigation.IrrigationPrograms;
import org.urbis.api.irrigation.ProgramPreview;
import org.urbis.api.irrigation.ProgramSummary;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.ServiceSlot;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/** The irrigation programs in force and what they will water, with the reason for each run's length. */
@Path("irrigation/programs")
@Tag(name = "irrigation")
@Produces(MediaType.APPLICATION_JSON)
public final class IrrigationResource {

    private final ServiceSlot<IrrigationPrograms> irrigation;

    /** The programs in force. */
    public record ProgramList(List<ProgramSummary> programs) {}

    public IrrigationResource(ServiceSlot<IrrigationPrograms> irrigation) {
        this.irrigation = irrigation;
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "Every irrigation program in force: station, starts, days, window, water budget and zones")
    public ProgramList list() {
        return new ProgramList(irrigation.get().programs());
    }

    @GET
    @Path("{id}/preview")
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(
            summary =
                    "Each day's planned zone runs of a program from one local date to another (today to at most 31 days "
                            + "ahead; both default to today) and why each run is as long as it is; the zones not watering and why")
    public ProgramPreview preview(
            @PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
        IrrigationPrograms programs = irrigation.get();
        LocalDate first = from == null || from.isBlank() ? programs.today() : SchedulesResource.date("from", from);
        LocalDate last = to == null || to.isBlank() ? first : SchedulesResource.date("to", to);
        try {
            return programs.preview(id, first, last);
        } catch (NoSuchElementException e) {
            throw ProblemException.notFound("UNKNOWN_PROGRAM", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("INVALID_REQUEST", e.getMessage());
        }
    }
}
