package org.urbis.control.internal.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs an asynchronous task per item with at most {@code parallelism} running at once; results in item order.
 *
 * <p>The first tasks start on the executor; each later one starts on the thread that finished the task before it,
 * which has just been handed that task's end: a hand-over to the executor per item would only wake another thread
 * to do what this one is about to do.
 */
final class FanOut {

    private FanOut() {}

    static <T, R> CompletionStage<List<R>> run(
            List<T> items, int parallelism, Executor executor, Function<T, CompletionStage<R>> task) {
        int n = items.size();
        List<R> results = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(n, null)));
        CompletableFuture<List<R>> done = new CompletableFuture<>();
        if (n == 0) {
            done.complete(List.of());
            return done;
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        Runnable[] launch = new Runnable[1];
        launch[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= n) {
                return;
            }
            CompletionStage<R> stage;
            try {
                stage = task.apply(items.get(i));
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((r, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                    return;
                }
                results.set(i, r);
                if (finished.incrementAndGet() == n) {
                    done.complete(new ArrayList<>(results));
                } else {
                    launch[0].run();
                }
            });
        };
        try {
            for (int k = 0; k < Math.min(parallelism, n); k++) {
                executor.execute(launch[0]);
            }
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }
}
