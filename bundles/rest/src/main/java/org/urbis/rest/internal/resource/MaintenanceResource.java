package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.urbis.api.maintenance.Maintenance;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.ServiceSlot;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/** Maintenance windows: devices or groups a crew works on, whose commands are refused unless forced. */
@Path("maintenance")
@Tag(name = "maintenance")
@Produces(MediaType.APPLICATION_JSON)
public final class MaintenanceResource {

    private final ServiceSlot<Maintenance> maintenance;
    private final DeviceRegistry registry;

    /** The windows in force. */
    public record WindowList(List<WindowView> windows) {}

    /** A window; {@code target} is a device id or {@code group:key=value}. */
    public record WindowView(String target, String reason, String by, String start, String end) {

        static WindowView of(MaintenanceWindow w) {
            return new WindowView(
                    w.target(),
                    w.reason(),
                    w.by(),
                    w.start().toString(),
                    w.end().toString());
        }
    }

    /** Per device in maintenance, the window that covers it. */
    public record DeviceWindows(Map<String, WindowView> devices) {}

    /**
     * A window to set.
     *
     * @param reason why the crew works on it
     * @param until  ISO-8601 time with offset when it ends, or a duration from now such as PT4H
     */
    public record WindowRequest(String reason, String until) {}

    public MaintenanceResource(ServiceSlot<Maintenance> maintenance, DeviceRegistry registry) {
        this.maintenance = maintenance;
        this.registry = registry;
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "The maintenance windows in force")
    public WindowList list() {
        return new WindowList(
                maintenance.get().windows().stream().map(WindowView::of).toList());
    }

    @GET
    @Path("devices")
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "Every device in maintenance, with the window that covers it (its own or its group's)")
    public DeviceWindows devices() {
        Maintenance m = maintenance.get();
        Map<String, WindowView> devices = new TreeMap<>();
        if (!m.windows().isEmpty()) {
            registry.find(DeviceQuery.ALL)
                    .forEach(s -> m.windowFor(s.device())
                            .ifPresent(w -> devices.put(s.device().id(), WindowView.of(w))));
        }
        return new DeviceWindows(devices);
    }

    @PUT
    @Path("{target}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Role.MAINTENANCE, Role.ADMIN})
    @Operation(summary = "Puts a device or a group (group:key=value) in maintenance until a time; replaces its window")
    public WindowView set(@PathParam("target") String target, WindowRequest r, @Context SecurityContext context) {
        if (r == null || r.until() == null || r.until().isBlank()) {
            throw ProblemException.badRequest("INVALID_REQUEST", "until: give when the maintenance ends");
        }
        try {
            Instant end = Maintenance.endOf(r.until(), Instant.now());
            return WindowView.of(maintenance
                    .get()
                    .set(target.trim(), r.reason(), Caller.of(context).user(), end));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("INVALID_MAINTENANCE", e.getMessage());
        }
    }

    @DELETE
    @Path("{target}")
    @Allow({Role.MAINTENANCE, Role.ADMIN})
    @Operation(summary = "Ends a device's or a group's maintenance now")
    public Response clear(@PathParam("target") String target, @Context SecurityContext context) {
        if (maintenance.get().clear(target.trim(), Caller.of(context).user()).isEmpty()) {
            throw ProblemException.notFound("NOT_IN_MAINTENANCE", target + " is not in maintenance");
        }
        return Response.noContent().build();
    }
}
