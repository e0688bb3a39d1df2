package org.urbis.control.internal.command;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The command ids seen, each remembered until a given instant (at least the de-duplication
 * window, and never less than the command's expiry, after which a repeat is refused as expired
 * anyway). Bounded: when full of live ids it refuses new ones rather than forget one early.
 */
final class IdWindow {

    enum Outcome {
        NEW,
        DUPLICATE,
        FULL
    }

    private record Entry(String id, Instant until) {}

    private final int maxIds;
    private final Map<String, Instant> ids = new HashMap<>();
    private final PriorityQueue<Entry> byExpiry =
            new PriorityQueue<>((a, b) -> a.until().compareTo(b.until()));

    IdWindow(int maxIds) {
        this.maxIds = maxIds;
    }

    synchronized Outcome remember(String id, Instant until, Instant now) {
        purge(now);
        Instant known = ids.get(id);
        if (known != null) {
            return Outcome.DUPLICATE;
        }
        if (ids.size() >= maxIds) {
            return Outcome.FULL;
        }
        ids.put(id, until);
        byExpiry.add(new Entry(id, until));
        return Outcome.NEW;
    }

    synchronized int size() {
        return ids.size();
    }

    private void purge(Instant now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().until().isBefore(now)) {
            Entry e = byExpiry.poll();
            ids.remove(e.id(), e.until());
        }
    }

    /** For tests: whether an id is remembered. */
    synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }
}
