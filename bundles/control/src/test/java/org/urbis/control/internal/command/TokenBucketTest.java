package org.urbis.control.internal.command;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final Instant T0 = Instant.parse("2026-03-01T18:00:00Z");

    @Test
    void aBurstIsTakenThenTokensComeBackAtTheRate() {
        TokenBucket bucket = new TokenBucket(2.0, 3, T0);
        assertTrue(bucket.tryTake(T0));
        assertTrue(bucket.tryTake(T0));
        assertTrue(bucket.tryTake(T0));
        assertFalse(bucket.tryTake(T0), "the burst is spent");
        assertFalse(bucket.tryTake(T0.plusMillis(400)), "0.8 of a token is not one");
        assertTrue(bucket.tryTake(T0.plusMillis(500)), "one token after half a second at two a second");
        assertFalse(bucket.tryTake(T0.plusMillis(500)));
    }

    @Test
    void tokensNeverExceedTheBurstNorComeFromAClockGoingBack() {
        TokenBucket bucket = new TokenBucket(1.0, 2, T0);
        Instant muchLater = T0.plusSeconds(3_600);
        assertTrue(bucket.tryTake(muchLater));
        assertTrue(bucket.tryTake(muchLater));
        assertFalse(bucket.tryTake(muchLater), "an hour's refill stops at the burst of two");
        assertFalse(bucket.tryTake(T0), "an earlier time gives nothing back");
        assertTrue(bucket.tryTake(muchLater.plusSeconds(1)), "and the refill goes on from the latest time seen");
    }
}
