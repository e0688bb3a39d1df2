package org.urbis.api.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    @Test
    void runsTheLeastRoundsThenStopsByTheMostAndAddsWhatTheyReturned() {
        AtomicInteger rounds = new AtomicInteger();

        int total = WarmUp.untilCompiled(3, 3, () -> {
            rounds.incrementAndGet();
            return 5;
        });

        assertEquals(3, rounds.get());
        assertEquals(15, total);
    }
}
