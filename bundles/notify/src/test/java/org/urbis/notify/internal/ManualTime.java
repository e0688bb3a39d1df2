package org.urbis.notify.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.urbis.notify.internal.delivery.Timer;

/** The test's time: a clock that moves only when told, and a timer whose tasks run as it passes them. */
final class ManualTime extends Clock implements Timer {

    private record Task(Instant due, long order, Runnable run) {}

    private final List<Task> tasks = new ArrayList<>();
    private Instant now;
    private long order;

    ManualTime(Instant start) {
        now = start;
    }

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        tasks.add(new Task(now.plus(delay), order++, task));
    }

    /** Moves the clock on, running every task that falls due on the way at its own time. */
    void advance(Duration d) {
        Instant end = instant().plus(d);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream()
                        .filter(t -> !t.due().isAfter(end))
                        .min(Comparator.comparing(Task::due).thenComparing(Task::order))
                        .orElse(null);
                if (next == null) {
                    now = end;
                    return;
                }
                tasks.remove(next);
                if (next.due().isAfter(now)) {
                    now = next.due();
                }
            }
            next.run().run();
        }
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A snapshot in another zone: the router and courier only read instants. */
    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(instant(), zone);
    }
}
