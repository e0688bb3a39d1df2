package org.urbis.control.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FanOutTest {

    /** Tasks the test ends by hand, in an order of its choosing. */
    private final List<CompletableFuture<String>> running = new ArrayList<>();

    private final AtomicInteger handedToExecutor = new AtomicInteger();
    private final Executor countingExecutor = r -> {
        handedToExecutor.incrementAndGet();
        r.run();
    };

    private CompletableFuture<String> start(int item) {
        CompletableFuture<String> f = new CompletableFuture<>();
        running.add(f);
        return f;
    }

    @Test
    void atMostParallelismRunAndLaterItemsStartWhereTheOneBeforeEnded() {
        List<Integer> items = IntStream.range(0, 10).boxed().toList();
        CompletableFuture<List<String>> all =
                FanOut.run(items, 3, countingExecutor, this::start).toCompletableFuture();
        assertEquals(3, running.size(), "the first wave is the parallelism");
        assertEquals(3, handedToExecutor.get());
        // End them out of order: item 2 first, then the rest as they start.
        running.get(2).complete("r2");
        assertEquals(4, running.size(), "one ended, one more started");
        for (int i = 0; i < 10; i++) {
            if (i != 2) {
                running.get(i).complete("r" + i);
            }
        }
        assertEquals(10, running.size());
        assertEquals(3, handedToExecutor.get(), "later items started on the thread that ended the one before");
        assertEquals(IntStream.range(0, 10).mapToObj(i -> "r" + i).toList(), all.join(), "results in item order");
    }

    @Test
    void aFailedTaskFailsTheWholeAndStartsNoMore() {
        CompletableFuture<List<String>> all = FanOut.run(List.of(0, 1, 2, 3), 2, countingExecutor, this::start)
                .toCompletableFuture();
        IllegalStateException boom = new IllegalStateException("boom");
        running.get(0).completeExceptionally(boom);
        assertTrue(all.isCompletedExceptionally());
        assertSame(boom, assertThrows(CompletionException.class, all::join).getCause());
        assertEquals(2, running.size(), "nothing started after the failure");
    }

    @Test
    void anExecutorThatRefusesFailsTheWhole() {
        CompletableFuture<List<String>> all = FanOut.run(
                        List.of(0, 1),
                        2,
                        r -> {
                            throw new RejectedExecutionException("shut down");
                        },
                        this::start)
                .toCompletableFuture();
        assertTrue(all.isCompletedExceptionally());
        assertTrue(running.isEmpty(), "nothing started");
    }

    @Test
    void noItemsIsAnEmptyResult() {
        assertEquals(
                List.of(),
                FanOut.run(List.<Integer>of(), 4, countingExecutor, this::start)
                        .toCompletableFuture()
                        .join());
        assertEquals(0, handedToExecutor.get());
    }
}
