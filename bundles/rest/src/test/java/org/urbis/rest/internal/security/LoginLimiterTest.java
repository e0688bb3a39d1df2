package org.urbis.rest.internal.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginLimiterTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theBurstOfFailuresLocksOutThatAddressAndUserUntilATokenGrowsBack() {
        LoginLimiter limiter = new LoginLimiter(3, Duration.ofSeconds(60));
        assertFalse(limiter.failed("10.0.0.1", "ada", T0));
        assertFalse(limiter.failed("10.0.0.1", "ada", T0));
        assertEquals(Optional.empty(), limiter.retryAfter("10.0.0.1", "ada", T0));
        assertTrue(limiter.failed("10.0.0.1", "ada", T0), "the third failure uses the last token");
        assertEquals(Optional.of(Duration.ofSeconds(61)), limiter.retryAfter("10.0.0.1", "ada", T0));
        assertEquals(Optional.of(Duration.ofSeconds(31)), limiter.retryAfter("10.0.0.1", "ada", T0.plusSeconds(30)));
        assertEquals(Optional.empty(), limiter.retryAfter("10.0.0.1", "ada", T0.plusSeconds(60)));
    }

    @Test
    void otherAddressesAndUsersAreNotHeldUp() {
        LoginLimiter limiter = new LoginLimiter(1, Duration.ofSeconds(60));
        assertTrue(limiter.failed("10.0.0.1", "ada", T0));
        assertTrue(limiter.retryAfter("10.0.0.1", "ada", T0).isPresent());
        assertEquals(Optional.empty(), limiter.retryAfter("10.0.0.2", "ada", T0));
        assertEquals(Optional.empty(), limiter.retryAfter("10.0.0.1", "bob", T0));
    }

    @Test
    void aSuccessfulLoginForgetsTheFailures() {
        LoginLimiter limiter = new LoginLimiter(2, Duration.ofSeconds(60));
        limiter.failed("10.0.0.1", "ada", T0);
        limiter.succeeded("10.0.0.1", "ada");
        assertFalse(limiter.failed("10.0.0.1", "ada", T0));
    }
}
