package org.urbis.dnp3.internal.outstation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Events per class, oldest first. An event stays until a confirmed response carried it; while a response
 * carries it, it is selected and not reported again. When a class is full the oldest event goes and the
 * overflow indication stays set until the buffer has room.
 */
final class EventBuffer {

    private final int capacity;
    private final List<ArrayDeque<Event>> classes = List.of(new ArrayDeque<>(), new ArrayDeque<>(), new ArrayDeque<>());
    private final Set<Event> selected = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean overflow;

    EventBuffer(int capacity) {
        this.capacity = capacity;
    }

    void add(Event event) {
        ArrayDeque<Event> queue = classes.get(event.eventClass() - 1);
        if (queue.size() == capacity) {
            selected.remove(queue.poll());
            overflow = true;
        }
        queue.add(event);
    }

    boolean overflow() {
        return overflow;
    }

    /** Whether a class has events no response carries yet. */
    boolean waiting(int eventClass) {
        return classes.get(eventClass - 1).stream().anyMatch(e -> !selected.contains(e));
    }

    /** Selects up to {@code limit} unselected events that pass, oldest first within each class. */
    List<Event> select(Predicate<Event> filter, int limit) {
        List<Event> chosen = new ArrayList<>();
        for (ArrayDeque<Event> queue : classes) {
            for (Event e : queue) {
                if (chosen.size() < limit && !selected.contains(e) && filter.test(e)) {
                    chosen.add(e);
                }
            }
        }
        selected.addAll(chosen);
        return chosen;
    }

    /** A response carrying them was not confirmed: report them again. */
    void release(Collection<Event> events) {
        selected.removeAll(events);
    }

    /** A response carrying them was confirmed. */
    void remove(Collection<Event> events) {
        for (Event e : events) {
            classes.get(e.eventClass() - 1).remove(e);
            selected.remove(e);
        }
        if (classes.stream().allMatch(q -> q.size() < capacity)) {
            overflow = false;
        }
    }
}
