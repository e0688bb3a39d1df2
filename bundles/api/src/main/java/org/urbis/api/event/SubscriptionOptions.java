package org.urbis.api.event;

import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a subscription is fed.
 *
 * @param capacity   queued events at most
 * @param maxBatch   events per {@link EventListener#onEvents} call at most
 * @param overflow   what happens when the queue is full
 * @param maxBlock   with {@link OverflowPolicy#BLOCK}, how long a producer waits at most
 * @param types      the event types wanted; empty for all
 */
public record SubscriptionOptions(
        int capacity,
        int maxBatch,
        OverflowPolicy overflow,
        Duration maxBlock,
        Set<Class<? extends DeviceEvent>> types) {

    public SubscriptionOptions {
        if (capacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("capacity and maxBatch must be positive");
        }
        Objects.requireNonNull(overflow, "overflow");
        maxBlock = maxBlock == null ? Duration.ofSeconds(10) : maxBlock;
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    /** Lossless delivery of all events: 10,000 queued, batches of 500, producers wait up to 10 s. */
    public static SubscriptionOptions lossless() {
        return new SubscriptionOptions(10_000, 500, OverflowPolicy.BLOCK, Duration.ofSeconds(10), Set.of());
    }

    /** Latest-wins delivery for views: 1,000 queued, the oldest dropped. */
    public static SubscriptionOptions latest() {
        return new SubscriptionOptions(1_000, 100, OverflowPolicy.DROP_OLDEST, Duration.ZERO, Set.of());
    }

    /** The same options limited to some event types. */
    @SafeVarargs
    public final SubscriptionOptions only(Class<? extends DeviceEvent>... wanted) {
        Set<Class<? extends DeviceEvent>> types = new HashSet<>();
        for (Class<? extends DeviceEvent> type : wanted) {
            types.add(type);
        }
        return new SubscriptionOptions(capacity, maxBatch, overflow, maxBlock, Set.copyOf(types));
    }

    /** Whether an event is of a wanted type. */
    public boolean wants(DeviceEvent event) {
        return types.isEmpty() || types.contains(event.getClass());
    }
}
