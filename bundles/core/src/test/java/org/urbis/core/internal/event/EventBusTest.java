package org.urbis.core.internal.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.OverflowPolicy;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.value.Value;

class EventBusTest {

    private final EventBus bus = new EventBus();

    @AfterEach
    void close() {
        bus.close();
    }

    private static ValueChanged event(long n) {
        return new ValueChanged("SL-1", Value.good("power", (double) n, Instant.EPOCH.plusMillis(n)), null);
    }

    private static long number(DeviceEvent e) {
        return ((Double) ((ValueChanged) e).value().value()).longValue();
    }

    @Test
    void deliversEverythingInOrderInBatches() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        bus.subscribe(
                "order",
                batch -> {
                    batchSizes.add(batch.size());
                    batch.forEach(e -> seen.add(number(e)));
                    if (seen.size() == 50_000) {
                        done.countDown();
                    }
                },
                new SubscriptionOptions(1_000, 200, OverflowPolicy.BLOCK, Duration.ofSeconds(30), Set.of()));
        for (long i = 0; i < 50_000; i++) {
            bus.publish(event(i));
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        List<Long> expected = new ArrayList<>();
        for (long i = 0; i < 50_000; i++) {
            expected.add(i);
        }
        assertEquals(expected, seen);
        assertTrue(batchSizes.stream().allMatch(n -> n <= 200));
    }

    @Test
    void aFullBlockingQueueHoldsTheProducerThenDropsAndCounts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        Subscription s = bus.subscribe(
                "stuck",
                batch -> {
                    first.countDown();
                    release.await();
                },
                new SubscriptionOptions(2, 1, OverflowPolicy.BLOCK, Duration.ofMillis(100), Set.of()));
        bus.publish(event(0));
        assertTrue(first.await(10, TimeUnit.SECONDS)); // the listener now holds event 0
        bus.publish(event(1));
        bus.publish(event(2));
        long before = System.nanoTime();
        bus.publish(event(3)); // queue full: waits maxBlock, then drops
        assertTrue(System.nanoTime() - before >= TimeUnit.MILLISECONDS.toNanos(100), "the producer was held back");
        assertEquals(1, s.dropped());
        assertEquals(2, s.queued());
        release.countDown();
    }

    @Test
    void dropOldestKeepsTheLatestEvents() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        List<Long> seen = new CopyOnWriteArrayList<>();
        Subscription s = bus.subscribe(
                "view",
                batch -> {
                    first.countDown();
                    release.await();
                    batch.forEach(e -> seen.add(number(e)));
                },
                new SubscriptionOptions(3, 10, OverflowPolicy.DROP_OLDEST, Duration.ZERO, Set.of()));
        bus.publish(event(0));
        assertTrue(first.await(10, TimeUnit.SECONDS));
        for (long i = 1; i <= 10; i++) {
            bus.publish(event(i));
        }
        assertEquals(7, s.dropped());
        release.countDown();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (seen.size() < 4 && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        assertEquals(List.of(0L, 8L, 9L, 10L), seen);
    }
}
