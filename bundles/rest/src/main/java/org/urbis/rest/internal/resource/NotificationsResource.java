package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.urbis.api.notify.NotificationRecord;
import org.urbis.api.notify.Notifications;
import org.urbis.api.notify.NotifyConfigException;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.ServiceSlot;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/** Alarm notifications: the record of what was sent or failed, and the channel and rule files. */
@Path("notifications")
@Tag(name = "notifications")
@Produces(MediaType.APPLICATION_JSON)
public final class NotificationsResource {

    private static final int MAX_FILE_BYTES = 256 * 1024;

    private final ServiceSlot<Notifications> notifications;
    private final Clock clock;

    /** Records, oldest first. */
    public record RecordList(List<NotificationRecord> records) {}

    /** The configuration files in force by name, each its JSON text with secrets masked. */
    public record FileList(Map<String, String> files) {}

    public NotificationsResource(ServiceSlot<Notifications> notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    @GET
    @Allow({Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "Every notification sent, failed or skipped since a time, the newest `limit` of them")
    public RecordList records(
            @Parameter(description = "an ISO-8601 time, or a duration back from now such as PT24H")
                    @QueryParam("since")
                    @DefaultValue("PT24H")
                    String since,
            @QueryParam("limit") @DefaultValue("200") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw ProblemException.badRequest("INVALID_REQUEST", "limit must be 1-10000");
        }
        try {
            return new RecordList(notifications.get().records(AuditResource.instant(since, clock.instant()), limit));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("INVALID_REQUEST", e.getMessage());
        }
    }

    @GET
    @Path("files")
    @Allow(Role.ADMIN)
    @Operation(summary = "The channel and rule files in force, with secrets and passwords masked")
    public FileList files() {
        return new FileList(notifications.get().files());
    }

    @PUT
    @Path("files/{name}")
    @Consumes(MediaType.WILDCARD)
    @Allow(Role.ADMIN)
    @Operation(
            summary =
                    "Checks a channel and rule file together with the others and puts it in force; 422 naming every "
                            + "problem by file and field (an unknown channel or group, a bad severity...). A masked secret keeps the one in force")
    public FileList put(@PathParam("name") String name, InputStream body) throws IOException {
        byte[] content = body.readNBytes(MAX_FILE_BYTES + 1);
        if (content.length > MAX_FILE_BYTES) {
            throw new ProblemException(
                    413, "TOO_LARGE", "Too large", "a notification file may have at most " + MAX_FILE_BYTES + " bytes");
        }
        try {
            notifications.get().putFile(name, new String(content, StandardCharsets.UTF_8));
        } catch (NotifyConfigException e) {
            throw ProblemException.unprocessable(
                    "NOTIFY_CONFIG_REFUSED", "the notification file " + name + " was refused", e.problems());
        }
        return files();
    }
}
