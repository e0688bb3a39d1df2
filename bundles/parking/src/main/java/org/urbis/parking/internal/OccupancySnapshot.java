package org.urbis.parking.internal;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Every site's occupancy, worked out at most once per {@code refresh} however many clients ask: a feed
 * polled by many costs one pass over the bays a second (clients may keep answers longer anyway, by
 * {@code feed.maxAgeSeconds}). Within a refresh every caller gets the same list, which lets the feed
 * keep its rendered answers for it.
 */
final class OccupancySnapshot implements Supplier<List<Occupancy.Site>> {

    private record Computed(long atNanos, List<Occupancy.Site> sites) {}

    private final Supplier<List<Occupancy.Site>> compute;
    private final long refreshNanos;
    private volatile Computed computed;

    OccupancySnapshot(Supplier<List<Occupancy.Site>> compute, Duration refresh) {
        this.compute = compute;
        this.refreshNanos = refresh.toNanos();
    }

    @Override
    public List<Occupancy.Site> get() {
        Computed c = computed;
        if (c != null && System.nanoTime() - c.atNanos() < refreshNanos) {
            return c.sites();
        }
        synchronized (this) {
            // one caller works it out; the others that waited take its result
            c = computed;
            if (c != null && System.nanoTime() - c.atNanos() < refreshNanos) {
                return c.sites();
            }
            List<Occupancy.Site> fresh = List.copyOf(compute.get());
            computed = new Computed(System.nanoTime(), fresh);
            return fresh;
        }
    }
}
