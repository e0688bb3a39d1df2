package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.urbis.api.history.History;
import org.urbis.api.history.HistoryStatus;
import org.urbis.rest.internal.ServiceSlot;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/** The history store: its file, size against the bound, retention and what it wrote, dropped or refused. */
@Path("history")
@Tag(name = "history")
@Produces(MediaType.APPLICATION_JSON)
public final class HistoryStatusResource {

    private final ServiceSlot<History> history;

    public HistoryStatusResource(ServiceSlot<History> history) {
        this.history = history;
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(
            summary = "Store file and size, size bound, retention, oldest value, values written since the start, "
                    + "dropped and late; 503 while history is not installed")
    public HistoryStatus status() {
        return history.get().status();
    }
}
