package org.urbis.parking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientLimiterTest {

    @Test
    void aNamedClientHasItsOwnRateAndTheOthersTheDefault() {
        ClientLimiter limiter = new ClientLimiter(
                new ClientLimiter.Rate(20, 60),
                ClientLimiter.Rate.parse(new String[] {"203.0.113.7=1000/2000, 127.0.0.1=1000000/1000000"}));
        long now = 0;
        for (int i = 0; i < 2000; i++) {
            assertEquals(0, limiter.take("203.0.113.7", now), "request " + i + " of the aggregator");
        }
        assertTrue(limiter.take("203.0.113.7", now) > 0, "its own burst is spent");
        for (int i = 0; i < 60; i++) {
            assertEquals(0, limiter.take("198.51.100.1", now));
        }
        long wait = limiter.take("198.51.100.1", now);
        assertEquals(1, wait, "the default: 60 at once, then 20 a second");
        assertEquals(0, limiter.take("198.51.100.1", now + 50_000_000L), "a token after 1/20 s");
    }

    @Test
    void aBadEntryIsNamed() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> ClientLimiter.Rate.parse(new String[] {"203.0.113.7=fast"}));
        assertTrue(e.getMessage().contains("'203.0.113.7=fast'"), e.getMessage());
    }
}
