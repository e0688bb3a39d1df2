package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.ws.rs.Consumes;
import javax.ws.rs.DefaultValue;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.api.command.CommandState;
import org.urbis.rest.internal.CommandTracker;
import org.urbis.rest.internal.Problem;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.Identity;
import org.urbis.rest.internal.security.Role;

/**
 * Commands to a device or a group, through the command pipeline with the logged-in user as issuer;
 * and the recent commands of every source with each device's state.
 */
@Path("commands")
@Tag(name = "commands")
@Produces(MediaType.APPLICATION_JSON)
public final class CommandsResource {

    private static final long MAX_EXPIRY_SECONDS = 86_400;

    private final CommandService commands;
    private final CommandTracker tracker;
    private final Duration wait;
    private final Clock clock;

    /**
     * A command to send.
     *
     * @param target        a device id, or {@code group:<key=value>}
     * @param point         the point to set
     * @param value         a number, true/false or a string
     * @param reason        why, for the audit log
     * @param id            the command's id, to make a retry safe (a repeated id is never executed twice); default a new one
     * @param expirySeconds after this many seconds it is never sent (default 60)
     * @param force         send also to devices in maintenance; audited as forced (default false)
     */
    public record CommandRequest(
            String target, String point, Object value, String reason, String id, Long expirySeconds, Boolean force) {

        public CommandRequest(String target, String point, Object value, String reason, String id, Long expirySeconds) {
            this(target, point, value, reason, id, expirySeconds, null);
        }
    }

    /** Where a command submitted is; {@code state} final when it finished within the wait, else where it is now. */
    public record Submitted(
            String id,
            String target,
            String state,
            String reason,
            String location,
            List<Map<String, String>> devices) {}

    /** The latest commands. */
    public record CommandList(List<CommandTracker.CommandView> commands) {}

    public CommandsResource(CommandService commands, CommandTracker tracker, Duration wait, Clock clock) {
        this.commands = commands;
        this.tracker = tracker;
        this.wait = wait;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow({Role.OPERATOR, Role.ADMIN})
    @Operation(
            summary = "Sends a command; 200 with the result when it ends within the wait, 202 while it runs, "
                    + "a problem with the pipeline's reason code when it is refused")
    public Response submit(CommandRequest request, @Context SecurityContext context) {
        Identity who = Caller.of(context);
        Command command = command(request, who.user(), clock.instant());
        CommandResult result;
        try {
            result = commands.submit(command, who.roles())
                    .toCompletableFuture()
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            String state = tracker.find(command.id())
                    .map(CommandTracker.CommandView::state)
                    .orElse(CommandState.RECEIVED.name());
            return Response.accepted(
                            new Submitted(command.id(), command.target(), state, "", location(command.id()), null))
                    .location(java.net.URI.create(location(command.id())))
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(503, "INTERRUPTED", "Interrupted", "the platform is stopping");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the command pipeline failed", e.getCause());
        }
        if (result.state() == CommandState.REJECTED && result.perDevice().isEmpty()) {
            throw refused(result.reason());
        }
        List<Map<String, String>> devices = result.perDevice().stream()
                .map(r -> Map.of("deviceId", r.deviceId(), "state", r.state().name(), "reason", r.reason()))
                .toList();
        return Response.ok(new Submitted(
                        command.id(),
                        command.target(),
                        result.state().name(),
                        result.reason(),
                        location(command.id()),
                        devices.isEmpty() ? null : devices))
                .build();
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "The latest commands of every source, newest first")
    public CommandList recent(@QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ProblemException.badRequest("INVALID_REQUEST", "limit must be 1-1000");
        }
        return new CommandList(tracker.recent(limit));
    }

    @GET
    @Path("{id: .+}")
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.ADMIN})
    @Operation(summary = "One recent command with each device's latest state")
    public CommandTracker.CommandView command(@PathParam("id") String id) {
        return tracker.find(id)
                .orElseThrow(() -> ProblemException.notFound(
                        "UNKNOWN_COMMAND", "no recent command '" + id + "' (older ones are in the audit log)"));
    }

    /** The pipeline's command for a request, checked; a problem when the request is incomplete. */
    static Command command(CommandRequest r, String issuer, Instant now) {
        if (r == null
                || r.target() == null
                || r.target().isBlank()
                || r.point() == null
                || r.point().isBlank()) {
            throw ProblemException.badRequest("INVALID_REQUEST", "a command needs a target and a point");
        }
        if (!(r.value() instanceof Number || r.value() instanceof Boolean || r.value() instanceof String)) {
            throw ProblemException.badRequest("INVALID_REQUEST", "value must be a number, true/false or a string");
        }
        long expiry = r.expirySeconds() == null ? 60 : r.expirySeconds();
        if (expiry < 1 || expiry > MAX_EXPIRY_SECONDS) {
            throw ProblemException.badRequest("INVALID_REQUEST", "expirySeconds must be 1-" + MAX_EXPIRY_SECONDS);
        }
        String id = r.id() == null || r.id().isBlank() ? "rest-" + UUID.randomUUID() : r.id();
        return new Command(
                id,
                r.target().trim(),
                r.point().trim(),
                r.value(),
                issuer,
                r.reason(),
                now.plusSeconds(expiry),
                Command.Operation.DIRECT,
                Boolean.TRUE.equals(r.force()));
    }

    /** The problem of a refused command: its reason code, with the status that fits it. */
    static ProblemException refused(String reason) {
        String code = Problem.codeOf(reason, "REJECTED");
        int status = switch (code) {
            case "NOT_AUTHORISED" -> 403;
            case "DUPLICATE" -> 409;
            case "RATE_LIMITED", "TOO_MANY_COMMANDS" -> 429;
            default -> 422;
        };
        return new ProblemException(status, code, "Command refused", reason);
    }

    private static String location(String id) {
        return "/api/v1/commands/"
                + java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20");
    }
}
