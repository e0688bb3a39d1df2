package org.urbis.rest.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Browser sessions: a random token in an HttpOnly cookie names the session, and a second random
 * token, which the page reads from the login answer, must come back in a header with every request
 * that changes something (the browser sends the cookie by itself, a forged request cannot know the
 * header). Sessions end after an idle time and in any case after a maximum age.
 */
public final class Sessions {

    /** The cookie that carries the session token. */
    public static final String COOKIE = "URBIS_SESSION";
    /** The header that must carry the CSRF token on requests that change something. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final int MAX_SESSIONS = 10_000;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration maxAge;

    /**
     * A logged-in browser.
     *
     * @param token     what the cookie holds
     * @param identity  who logged in
     * @param csrfToken what the header must hold
     * @param created   when
     * @param lastUsed  when it was last used
     */
    public record Session(String token, Identity identity, String csrfToken, Instant created, Instant lastUsed) {}

    public Sessions(Duration idle, Duration maxAge) {
        this.idle = idle;
        this.maxAge = maxAge;
    }

    public Duration maxAge() {
        return maxAge;
    }

    /** Starts a session for a user who just logged in. */
    public Session create(Identity identity, Instant now) {
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> expired(s, now));
            if (sessions.size() >= MAX_SESSIONS) {
                sessions.values().stream()
                        .min(Comparator.comparing(Session::lastUsed))
                        .ifPresent(oldest -> sessions.remove(oldest.token()));
            }
        }
        Session s = new Session(token(), identity, token(), now, now);
        sessions.put(s.token(), s);
        return s;
    }

    /** The live session of a token, marked used now; empty when unknown or expired. */
    public Optional<Session> use(String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        Session s = sessions.get(token);
        if (s == null) {
            return Optional.empty();
        }
        if (expired(s, now)) {
            sessions.remove(token, s);
            return Optional.empty();
        }
        Session used = new Session(s.token(), s.identity(), s.csrfToken(), s.created(), now);
        sessions.replace(token, s, used);
        return Optional.of(used);
    }

    /** Ends a session. */
    public void end(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }

    /** Ends every session of a user (their password or roles changed, or they were removed). */
    public void endAll(String user) {
        sessions.values().removeIf(s -> s.identity().user().equals(user));
    }

    /**
     * Whether a request may go ahead under a session: reading always, changing only with the
     * session's CSRF token in {@link #CSRF_HEADER}, compared in constant time.
     */
    public static boolean csrfSatisfied(String method, Session session, String header) {
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")) {
            return true;
        }
        return header != null
                && MessageDigest.isEqual(
                        header.getBytes(StandardCharsets.UTF_8),
                        session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastUsed().plus(idle))
                || !now.isBefore(s.created().plus(maxAge));
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
