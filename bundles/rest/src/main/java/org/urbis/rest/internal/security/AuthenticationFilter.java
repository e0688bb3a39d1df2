package org.urbis.rest.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.rest.internal.Problem;
import org.urbis.rest.internal.ProblemException;

/**
 * Finds out who sends a request, before anything else runs: HTTP Basic credentials checked against
 * the realm (for tools), or a session cookie with, on requests that change something, its CSRF
 * header (for browsers). A request with neither goes on anonymous, and {@link RoleFeature} lets it
 * reach only what allows {@link Role#ANYONE}. Failed logins are logged, rate-limited per client
 * address and user, and a caller locked out raises the platform alarm {@code rest/LOGIN_FAILURES}.
 */
@PreMatching
public final class AuthenticationFilter implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticationFilter.class);

    /** The platform alarm of a caller locked out by failed logins. */
    public static final String ALARM_SOURCE = "rest";

    public static final String ALARM_TYPE = "LOGIN_FAILURES";

    private final Realm realm;
    private final Sessions sessions;
    private final LoginLimiter limiter;
    private final PlatformAlarms alarms;
    private final Clock clock;

    @Context
    private HttpServletRequest servletRequest;

    public AuthenticationFilter(
            Realm realm, Sessions sessions, LoginLimiter limiter, PlatformAlarms alarms, Clock clock) {
        this.realm = realm;
        this.sessions = sessions;
        this.limiter = limiter;
        this.alarms = alarms;
        this.clock = clock;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        boolean secure = request.getSecurityContext() != null
                && request.getSecurityContext().isSecure();
        Identity basic = basic(address(), request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (basic != null) {
            request.setSecurityContext(context(basic, SecurityContext.BASIC_AUTH, secure));
            return;
        }
        Cookie cookie = request.getCookies().get(Sessions.COOKIE);
        Optional<Sessions.Session> session = sessions.use(cookie == null ? null : cookie.getValue(), clock.instant());
        if (session.isPresent()) {
            if (!Sessions.csrfSatisfied(
                            request.getMethod(), session.get(), request.getHeaderString(Sessions.CSRF_HEADER))
                    && !isLogin(request)) {
                throw new ProblemException(
                        403,
                        "CSRF",
                        "CSRF token missing",
                        "a request that changes something under a "
                                + "session cookie must carry the session's token in the " + Sessions.CSRF_HEADER
                                + " header");
            }
            request.setSecurityContext(context(session.get().identity(), SecurityContext.FORM_AUTH, secure));
            return;
        }
        request.setSecurityContext(context(null, null, secure));
    }

    /** Logging in again under a live session needs no CSRF token: the credentials prove more. */
    private static boolean isLogin(ContainerRequestContext request) {
        return request.getMethod().equals("POST")
                && request.getUriInfo().getPath().replaceAll("^/+|/+$", "").equals("session");
    }

    /**
     * The user of an {@code Authorization: Basic} header, checked as {@link #login} checks; {@code null}
     * when the header is absent or of another scheme.
     */
    public Identity basic(String address, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String[] userPassword = decodeBasic(authorization.substring(6).trim());
        return login(address, userPassword[0], userPassword[1]);
    }

    /**
     * Checks credentials, under the rate limit; the identity, or a problem: 401 for wrong ones, 429
     * with Retry-After while the address and user are locked out.
     */
    public Identity login(String address, String user, String password) {
        Instant now = clock.instant();
        Optional<Duration> wait = limiter.retryAfter(address, user, now);
        if (wait.isPresent()) {
            LOG.warn(
                    "Login of '{}' from {} refused: too many failed attempts; retry after {} s",
                    user,
                    address,
                    wait.get().toSeconds());
            throw new ProblemException(
                    Problem.of(
                            429,
                            "TOO_MANY_LOGINS",
                            "Too many failed logins",
                            "too many failed logins of this user from this address; try again later"),
                    Map.of("Retry-After", Long.toString(wait.get().toSeconds())));
        }
        Optional<Identity> who = user.isEmpty() ? Optional.empty() : realm.login(user, password);
        if (who.isEmpty()) {
            LOG.warn("Login of '{}' from {} failed: wrong user name or password", user, address);
            if (limiter.failed(address, user, now)) {
                alarms.raise(
                        ALARM_SOURCE,
                        ALARM_TYPE,
                        AlarmSeverity.WARNING,
                        "repeated failed logins of user '" + user + "' from " + address
                                + "; further attempts are refused for a while");
            }
            throw new ProblemException(401, "NOT_AUTHENTICATED", "Not authenticated", "wrong user name or password");
        }
        limiter.succeeded(address, user);
        return who.get();
    }

    private String address() {
        return servletRequest == null ? "unknown" : servletRequest.getRemoteAddr();
    }

    private static String[] decodeBasic(String encoded) {
        String text;
        try {
            text = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    401, "NOT_AUTHENTICATED", "Not authenticated", "the Basic credentials are not base64");
        }
        int colon = text.indexOf(':');
        return colon < 0 ? new String[] {text, ""} : new String[] {text.substring(0, colon), text.substring(colon + 1)};
    }

    private static SecurityContext context(Identity who, String scheme, boolean secure) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return who;
            }

            @Override
            public boolean isUserInRole(String role) {
                return who != null && who.roles().contains(role);
            }

            @Override
            public boolean isSecure() {
                return secure;
            }

            @Override
            public String getAuthenticationScheme() {
                return scheme;
            }
        };
    }
}
