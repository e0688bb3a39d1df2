package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.SecurityContext;
import org.urbis.api.command.CommandResult;
import org.urbis.api.grid.ControlAction;
import org.urbis.api.grid.FeederOutlook;
import org.urbis.api.grid.FeederStatus;
import org.urbis.api.grid.Feeders;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.ServiceSlot;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Identity;
import org.urbis.rest.internal.security.Role;

/** The grid's feeders: their forecast with its accuracy, their controllers' actions, and the approval of a proposal. */
@Path("grid/feeders")
@Tag(name = "grid")
@Produces(MediaType.APPLICATION_JSON)
public final class GridResource {

    private final ServiceSlot<Feeders> feeders;

    public GridResource(ServiceSlot<Feeders> feeders) {
        this.feeders = feeders;
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "Every feeder with its limits and its controllers' modes; 503 while the grid is not installed")
    public List<FeederStatus> list() {
        return feeders.get().feeders();
    }

    @GET
    @Path("{id}/forecast")
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(
            summary = "A feeder's load and PV forecast for the next 48 h in quarter hours, with the accuracy of its "
                    + "day-ahead load forecasts over the last week (MAE, MAPE, MASE against seasonal-naive)")
    public FeederOutlook forecast(@PathParam("id") String id) {
        return feeders.get()
                .outlook(id)
                .orElseThrow(() -> ProblemException.notFound(
                        "UNKNOWN_FEEDER", "no forecast for feeder '" + id + "': no such feeder, or none computed yet"));
    }

    @GET
    @Path("{id}/actions")
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(
            summary = "A feeder's controllers' recent actions and waiting proposals, with their reasons, newest first")
    public List<ControlAction> actions(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("50") int limit) {
        return feeders.get().actions(id, Math.min(200, limit));
    }

    @POST
    @Path("proposals/{proposal}/approve")
    @Allow({Role.OPERATOR, Role.ADMIN})
    @Operation(
            summary = "Approves a controller's proposal (advise mode): its commands go through the command pipeline "
                    + "as the approving operator; the commands' results")
    public List<CommandResult> approve(@PathParam("proposal") String proposal, @Context SecurityContext context)
            throws InterruptedException, ExecutionException {
        Identity who = Caller.of(context);
        try {
            return feeders.get()
                    .approve(proposal, who.user(), who.roles())
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("UNKNOWN_PROPOSAL", e.getMessage());
        } catch (TimeoutException e) {
            throw new ProblemException(
                    504,
                    "STILL_RUNNING",
                    "Still running",
                    "the approved commands of " + proposal
                            + " have not all ended within 60 s; the audit log and the feeder's actions will show their results");
        }
    }
}
