package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.Views;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/** The active alarms of devices and of the platform, and their acknowledgement. */
@Path("alarms")
@Tag(name = "alarms")
@Produces(MediaType.APPLICATION_JSON)
public final class AlarmsResource {

    private final DeviceRegistry registry;

    /** The active alarms, oldest first. */
    public record AlarmList(List<Views.AlarmView> alarms) {}

    public AlarmsResource(DeviceRegistry registry) {
        this.registry = registry;
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "Alarms not yet cleared, of devices and of the platform, oldest first")
    public AlarmList list() {
        return new AlarmList(
                registry.activeAlarms().stream().map(Views.AlarmView::of).toList());
    }

    @POST
    @Path("{source}/{type}/ack")
    @Allow({Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "Acknowledges an alarm as the logged-in user")
    public Views.AlarmView acknowledge(
            @PathParam("source") String source, @PathParam("type") String type, @Context SecurityContext context) {
        return registry.acknowledge(source, type, Caller.of(context).user())
                .map(Views.AlarmView::of)
                .orElseThrow(
                        () -> ProblemException.notFound("UNKNOWN_ALARM", "no active alarm " + type + " of " + source));
    }
}
