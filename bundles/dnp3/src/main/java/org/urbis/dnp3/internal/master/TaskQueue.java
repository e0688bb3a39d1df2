package org.urbis.dnp3.internal.master;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.Predicate;

/** The tasks waiting for their turn: by kind, then first come first served, without duplicates. */
final class TaskQueue {

    private record Queued(MasterTask task, long order) {}

    private final PriorityQueue<Queued> queue = new PriorityQueue<>(
            Comparator.comparing((Queued q) -> q.task.kind()).thenComparingLong(Queued::order));
    private long added;

    /** Adds the task unless one like it is running or waiting already. */
    void add(MasterTask task, MasterTask running) {
        boolean duplicate =
                running != null && task.sameAs(running) || queue.stream().anyMatch(q -> task.sameAs(q.task));
        if (!duplicate) {
            queue.add(new Queued(task, added++));
        }
    }

    /** The next task, null when none waits. */
    MasterTask next() {
        Queued next = queue.poll();
        return next == null ? null : next.task;
    }

    void removeIf(Predicate<MasterTask> filter) {
        queue.removeIf(q -> filter.test(q.task));
    }

    /** Ends every waiting task with this reason. */
    void failAll(String reason) {
        queue.forEach(q -> q.task.failed(reason));
        queue.clear();
    }
}
