package org.urbis.rest.internal.events;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last events, by number and age, from which a client that lost its connection resumes
 * ({@code Last-Event-ID}). A client that was away longer than the ring remembers learns that it
 * missed events and must reload.
 */
public final class EventRing {

    private final LiveEvent[] ring;
    private final Duration maxAge;
    private int start;
    private int size;
    private long lastAdded = -1;

    public EventRing(int capacity, Duration maxAge) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the event ring needs room for at least one event");
        }
        this.ring = new LiveEvent[capacity];
        this.maxAge = maxAge;
    }

    /** Adds an event; ids must increase. */
    public synchronized void add(LiveEvent e) {
        if (e.id() <= lastAdded) {
            throw new IllegalArgumentException("event " + e.id() + " after " + lastAdded);
        }
        ring[(start + size) % ring.length] = e;
        if (size < ring.length) {
            size++;
        } else {
            start = (start + 1) % ring.length;
        }
        lastAdded = e.id();
    }

    /**
     * The events after {@code lastId}, oldest first; empty when events after it are no longer
     * remembered (or the id was never given out), so that the client must start over.
     */
    public synchronized Optional<List<LiveEvent>> after(long lastId, Instant now) {
        Instant oldestKept = now.minus(maxAge);
        while (size > 0 && ring[start].at().isBefore(oldestKept)) {
            ring[start] = null;
            start = (start + 1) % ring.length;
            size--;
        }
        if (lastId > lastAdded || (size == 0 && lastId != lastAdded) || (size > 0 && lastId < ring[start].id() - 1)) {
            return Optional.empty();
        }
        List<LiveEvent> newer = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            LiveEvent e = ring[(start + i) % ring.length];
            if (e.id() > lastId) {
                newer.add(e);
            }
        }
        return Optional.of(newer);
    }
}
