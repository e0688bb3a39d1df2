package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.urbis.api.audit.AuditCheck;
import org.urbis.api.audit.AuditEntry;
import org.urbis.api.audit.AuditQuery;
import org.urbis.api.audit.AuditTrail;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.ServiceSlot;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Role;

/** The tamper-evident audit log of commands: query it, and check its hash chain. */
@Path("audit")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
public final class AuditResource {

    private final ServiceSlot<AuditTrail> audit;
    private final Clock clock;

    /** Audit records, oldest first. */
    public record AuditList(List<AuditEntry> records) {}

    public AuditResource(ServiceSlot<AuditTrail> audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @GET
    @Allow({Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "Audit records of a command, a device and a time span, the newest `limit` of them")
    public AuditList query(
            @QueryParam("command") String command,
            @QueryParam("device") String device,
            @Parameter(description = "an ISO-8601 time, or a duration back from now such as PT1H")
                    @QueryParam("since")
                    @DefaultValue("PT1H")
                    String since,
            @Parameter(description = "an ISO-8601 time") @QueryParam("until") String until,
            @QueryParam("limit") @DefaultValue("200") int limit)
            throws IOException {
        Instant now = clock.instant();
        AuditQuery q;
        try {
            q = new AuditQuery(
                    blankToNull(command),
                    blankToNull(device),
                    instant(since, now),
                    until == null || until.isBlank() ? null : instant(until, now),
                    limit);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("INVALID_REQUEST", e.getMessage());
        }
        return new AuditList(audit.get().query(q));
    }

    @GET
    @Path("verify")
    @Allow({Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "Checks the hash chain of every segment and names the first bad record")
    public AuditCheck verify() throws IOException {
        return audit.get().verify();
    }

    /** An ISO-8601 instant, or a duration back from now. */
    static Instant instant(String text, Instant now) {
        String t = text.trim();
        try {
            return t.startsWith("P") || t.startsWith("p") ? now.minus(Duration.parse(t)) : Instant.parse(t);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + t + "' is neither an ISO-8601 time nor a duration such as PT1H");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
