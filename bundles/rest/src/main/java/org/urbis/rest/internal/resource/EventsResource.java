package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;
import org.urbis.rest.internal.events.EventFilter;
import org.urbis.rest.internal.events.EventHub;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/** Live events as server-sent events: values, health, alarms and every command state change. */
@Path("events")
@Tag(name = "events")
public final class EventsResource {

    private final EventHub hub;

    public EventsResource(EventHub hub) {
        this.hub = hub;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(
            summary = "Server-sent events value, health, alarm and command, with ids to resume from (Last-Event-ID); "
                    + "a reset event when the events missed are no longer remembered; a keepalive comment every 15 s")
    public void events(
            @Context SseEventSink sink,
            @Context Sse sse,
            @Parameter(description = "value,health,alarm,command") @QueryParam("types") String types,
            @QueryParam("device") String device,
            @Parameter(description = "key=value or a tag value") @QueryParam("group") String group,
            @QueryParam("class") String deviceClass,
            @HeaderParam("Last-Event-ID") String lastEventId) {
        EventFilter filter = EventFilter.parse(types, device, group, deviceClass);
        hub.connect(sink, sse, filter, lastEventId == null || lastEventId.isBlank() ? null : parse(lastEventId));
    }

    /** An id this server cannot have given out resumes nothing: the client gets a reset. */
    private static Long parse(String id) {
        try {
            return Long.parseLong(id.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
