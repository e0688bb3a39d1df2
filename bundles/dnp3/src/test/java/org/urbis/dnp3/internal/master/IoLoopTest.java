package org.urbis.dnp3.internal.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urbis.dnp3.support.Await;

class IoLoopTest {

    private final IoLoop loop = newLoop();

    private static IoLoop newLoop() {
        try {
            return new IoLoop("io-loop-test");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        loop.close();
    }

    /** Runs on the loop thread and returns what it gave. */
    private <T> T onLoop(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> result.complete(action.get()));
        return result.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aTimeoutPushedBackOnEveryMessageKeepsOneTimerQueuedAndFiresOnceWhenTheMessagesStop() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        IoLoop.Timeout timeout = onLoop(() -> loop.timeout(fired::incrementAndGet));
        int queued = onLoop(() -> {
            for (int i = 0; i < 100_000; i++) {
                timeout.start(Duration.ofMillis(50));
            }
            return loop.timersQueued();
        });
        assertEquals(1, queued, "a hundred thousand pushes of the deadline leave one timer in the queue");
        Await.until("the timeout fires", () -> fired.get() == 1);
        onLoop(() -> {
            timeout.start(Duration.ofMillis(10));
            timeout.stop();
            return null;
        });
        LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        assertEquals(1, fired.get(), "a stopped timeout does not fire");
        assertEquals(0, (int) onLoop(loop::timersQueued));
    }

    @Test
    void aShorterTimeoutReplacesALongerOne() throws Exception {
        AtomicInteger fired = new AtomicInteger();
        IoLoop.Timeout timeout = onLoop(() -> loop.timeout(fired::incrementAndGet));
        onLoop(() -> {
            timeout.start(Duration.ofHours(1));
            timeout.start(Duration.ofMillis(10));
            return null;
        });
        Await.until("the shorter timeout fires", () -> fired.get() == 1);
    }

    @Test
    void aFixedRateTimerStaysOnItsGridAndSkipsWhatTheLoopMissedInsteadOfBursting() throws Exception {
        List<Long> runs = new CopyOnWriteArrayList<>();
        long period = Duration.ofMillis(20).toNanos();
        long start = System.nanoTime();
        IoLoop.Timer timer = onLoop(() -> loop.every(Duration.ofMillis(20), Duration.ofMillis(20), () -> {
            runs.add(System.nanoTime());
            if (runs.size() == 2) {
                // holds the loop up for several periods
                LockSupport.parkNanos(5 * period);
            }
        }));
        Await.until("ten runs", () -> runs.size() >= 10);
        assertEquals(1, (int) onLoop(loop::timersQueued), "one timer object serves every run");
        timer.cancel();
        long end = System.nanoTime();
        // never more runs than periods elapsed: what the loop missed is skipped, not made up in a burst
        assertTrue(runs.size() <= (end - start) / period + 1, runs.size() + " runs in " + (end - start) / 1e6 + " ms");
        for (long t : runs) {
            assertTrue(t - start >= period, "no run before its time");
        }
        int count = runs.size();
        LockSupport.parkNanos(5 * period);
        assertEquals(count, runs.size(), "a cancelled timer runs no more");
    }
}
