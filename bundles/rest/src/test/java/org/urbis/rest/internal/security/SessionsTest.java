package org.urbis.rest.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionsTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Identity OTTO = new Identity("otto", Set.of("operator"));

    private final Sessions sessions = new Sessions(Duration.ofMinutes(30), Duration.ofHours(12));

    @Test
    void aSessionLastsWhileUsedUpToItsMaximumAge() {
        Sessions.Session s = sessions.create(OTTO, T0);
        assertNotEquals(s.token(), s.csrfToken());
        assertTrue(sessions.use(s.token(), T0.plus(Duration.ofMinutes(29))).isPresent());
        assertTrue(
                sessions.use(s.token(), T0.plus(Duration.ofMinutes(58))).isPresent(), "use moved the idle timeout on");
        for (int m = 60; m < 12 * 60; m += 20) {
            sessions.use(s.token(), T0.plus(Duration.ofMinutes(m)));
        }
        assertFalse(sessions.use(s.token(), T0.plus(Duration.ofHours(12))).isPresent(), "never beyond its maximum age");
    }

    @Test
    void anIdleSessionEndsAndAnEndedOneIsGone() {
        Sessions.Session s = sessions.create(OTTO, T0);
        assertFalse(sessions.use(s.token(), T0.plus(Duration.ofMinutes(30))).isPresent());
        Sessions.Session t = sessions.create(OTTO, T0);
        sessions.endAll("otto");
        assertFalse(sessions.use(t.token(), T0).isPresent());
        assertFalse(sessions.use("made-up", T0).isPresent());
        assertFalse(sessions.use(null, T0).isPresent());
    }

    @Test
    void changesNeedTheSessionsCsrfTokenReadsDoNot() {
        Sessions.Session s = sessions.create(OTTO, T0);
        assertTrue(Sessions.csrfSatisfied("GET", s, null));
        assertTrue(Sessions.csrfSatisfied("HEAD", s, null));
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            assertFalse(Sessions.csrfSatisfied(method, s, null), method);
            assertFalse(Sessions.csrfSatisfied(method, s, s.token()), method + " with the cookie's token");
            assertTrue(Sessions.csrfSatisfied(method, s, s.csrfToken()), method);
        }
        assertEquals(43, s.csrfToken().length(), "32 random bytes, base64url");
    }
}
