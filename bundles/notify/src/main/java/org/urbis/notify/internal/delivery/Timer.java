package org.urbis.notify.internal.delivery;

import java.time.Duration;

/** Runs a task after a delay; tests run the tasks themselves when they move their clock. */
@FunctionalInterface
public interface Timer {
    void schedule(Duration delay, Runnable task);
}
