package org.urbis.control.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.urbis.api.command.CommandEvent;
import org.urbis.api.command.CommandListener;
import org.urbis.api.command.CommandState;

class CommandEventsTest {

    private static CommandEvent event(int n) {
        return new CommandEvent(
                "c" + n, "group:zone=Z", "SL-" + n, "dim", 40, "otto", CommandState.SENT, "", Instant.EPOCH);
    }

    @Test
    void everyChangeReachesEveryListenerInOrder() throws InterruptedException {
        try (CommandEvents events = new CommandEvents(100)) {
            List<String> seen = new CopyOnWriteArrayList<>();
            CountDownLatch all = new CountDownLatch(10);
            events.add(e -> {
                seen.add(e.commandId());
                all.countDown();
            });
            for (int i = 0; i < 5; i++) {
                events.accept(event(i));
            }
            events.add(e -> all.countDown());
            for (int i = 5; i < 8; i++) {
                events.accept(event(i));
            }
            assertTrue(all.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7"), seen);
        }
    }

    @Test
    void aListenerThatFallsBehindNeverHoldsUpThePipelineItLosesChangesInstead() {
        CountDownLatch release = new CountDownLatch(1);
        try (CommandEvents events = new CommandEvents(10)) {
            CommandListener stuck = e -> {
                try {
                    release.await();
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
            };
            events.add(stuck);
            for (int i = 0; i < 1_000; i++) {
                events.accept(event(i)); // returns at once although nothing is taken
            }
            // at most the queue's 10 and the batch the listener is stuck in got through: that batch is the
            // change first taken plus at most a full queue drained behind it, so 11
            assertTrue(events.dropped() >= 1_000 - (10 + 11), "dropped " + events.dropped());
            release.countDown();
        }
    }

    @Test
    void withoutListenersNothingIsQueued() {
        try (CommandEvents events = new CommandEvents(1)) {
            for (int i = 0; i < 100; i++) {
                events.accept(event(i));
            }
            assertEquals(0, events.dropped());
        }
    }
}
