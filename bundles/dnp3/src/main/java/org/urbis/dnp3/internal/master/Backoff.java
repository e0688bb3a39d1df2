package org.urbis.dnp3.internal.master;

import java.time.Duration;

/** Retry delays that double from a first delay up to a longest one, and start over after a success. */
final class Backoff {

    private final Duration min;
    private final Duration max;
    private Duration next;

    Backoff(Duration min, Duration max) {
        this.min = min;
        this.max = max;
        this.next = min;
    }

    Duration next() {
        Duration delay = next;
        next = next.multipliedBy(2).compareTo(max) > 0 ? max : next.multipliedBy(2);
        return delay;
    }

    void reset() {
        next = min;
    }
}
