package org.urbis.rest.internal.resource;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.rest.internal.ProblemException;
import org.urbis.rest.internal.security.Allow;
import org.urbis.rest.internal.security.AuthenticationFilter;
import org.urbis.rest.internal.security.Identity;
import org.urbis.rest.internal.security.Role;
import org.urbis.rest.internal.security.Sessions;

/** Browser logins: a session in an HttpOnly, SameSite=Strict cookie, and the CSRF token the page must send back. */
@Path("session")
@Tag(name = "session")
@Produces(MediaType.APPLICATION_JSON)
public final class SessionResource {

    private static final Logger LOG = LoggerFactory.getLogger(SessionResource.class);

    private final AuthenticationFilter authentication;
    private final Sessions sessions;
    private final boolean secureCookie;
    private final Clock clock;

    /** Who is logged in, and the token for the {@code X-CSRF-Token} header. */
    public record SessionView(String username, List<String> roles, String csrfToken) {}

    /** Credentials of a login. */
    public record Credentials(String username, String password) {}

    public SessionResource(AuthenticationFilter authentication, Sessions sessions, boolean secureCookie, Clock clock) {
        this.authentication = authentication;
        this.sessions = sessions;
        this.secureCookie = secureCookie;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Allow(Role.ANYONE)
    @Operation(summary = "Log in with the realm's user name and password; sets the session cookie")
    public Response login(Credentials credentials, @Context HttpServletRequest request, @Context HttpHeaders headers) {
        if (credentials == null || credentials.username() == null || credentials.password() == null) {
            throw ProblemException.badRequest("INVALID_REQUEST", "give username and password");
        }
        Identity who = authentication.login(request.getRemoteAddr(), credentials.username(), credentials.password());
        Cookie old = headers.getCookies().get(Sessions.COOKIE);
        if (old != null) {
            sessions.end(old.getValue());
        }
        Sessions.Session s = sessions.create(who, clock.instant());
        LOG.info("User '{}' logged in to the REST API from {}", who.user(), request.getRemoteAddr());
        return Response.ok(view(s))
                .header(
                        HttpHeaders.SET_COOKIE,
                        cookie(s.token(), sessions.maxAge().toSeconds()))
                .build();
    }

    @GET
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.VENDOR, Role.ADMIN})
    @Operation(summary = "The session of the cookie sent (or the Basic user), with its CSRF token")
    public SessionView current(@Context HttpHeaders headers, @Context SecurityContext context) {
        Cookie c = headers.getCookies().get(Sessions.COOKIE);
        return sessions.use(c == null ? null : c.getValue(), clock.instant())
                .map(SessionResource::view)
                .orElseGet(() -> new SessionView(
                        Caller.of(context).user(),
                        List.copyOf(Caller.of(context).roles()),
                        null));
    }

    @DELETE
    @Allow({Role.VIEWER, Role.MAINTENANCE, Role.OPERATOR, Role.VENDOR, Role.ADMIN})
    @Operation(summary = "Log out: ends the session and clears the cookie")
    public Response logout(@Context HttpHeaders headers) {
        Cookie c = headers.getCookies().get(Sessions.COOKIE);
        if (c != null) {
            sessions.end(c.getValue());
        }
        return Response.noContent()
                .header(HttpHeaders.SET_COOKIE, cookie("", 0))
                .build();
    }

    private static SessionView view(Sessions.Session s) {
        return new SessionView(
                s.identity().user(), s.identity().roles().stream().sorted().toList(), s.csrfToken());
    }

    private String cookie(String value, long maxAge) {
        return Sessions.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (secureCookie ? "; Secure" : "");
    }
}
