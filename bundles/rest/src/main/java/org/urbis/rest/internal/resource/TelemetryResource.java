package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.urbis.api.telemetry.TelemetryMonitor;
import org.urbis.api.telemetry.TelemetryStatus;
import org.urbis.rest.internal.ServiceSlot;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/** The uplink to the operations centre and its store-and-forward buffer. */
@Path("telemetry")
@Tag(name = "telemetry")
@Produces(MediaType.APPLICATION_JSON)
public final class TelemetryResource {

    private final ServiceSlot<TelemetryMonitor> telemetry;

    public TelemetryResource(ServiceSlot<TelemetryMonitor> telemetry) {
        this.telemetry = telemetry;
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(
            summary = "Link state, broker, encoding, buffer fill, messages sent; 503 while telemetry is not installed")
    public TelemetryStatus status() {
        return telemetry.get().current();
    }
}
