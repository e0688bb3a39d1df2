package org.urbis.api.runtime;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Repeats a rehearsal of a code path (commands to stand-in devices, say) until the JVM's JIT compiler
 * has compiled it, so that the city's first real use of the path meets compiled code. A fixed number
 * of rounds is not enough on a small machine: its one optimising compiler thread may still be far
 * behind when the rehearsal stops, and would then compile during the first real use. More rounds at
 * once would only take its processor time; so after each round the warm-up waits, idle, until the
 * JIT is quiet, and rehearses again only while a round still gave it something to compile.
 */
public final class WarmUp {

    /** Compiling time within {@link #QUIET_NANOS} below which the JIT counts as quiet. */
    static final long QUIET_MILLIS = 20;

    /**
     * How long the JIT must have been quiet: longer than most optimising compilations take on a busy
     * small machine, since the compiling time grows only once a compilation ends.
     */
    static final long QUIET_NANOS = 1_500_000_000L;

    /** The longest wait for a quiet JIT after one round: a busy runtime may never be quiet. */
    static final long MAX_WAIT_NANOS = 30_000_000_000L;

    private static final long POLL_MILLIS = 100;

    private WarmUp() {}

    /**
     * Runs a warm-up on a daemon thread of its own, so that what activates it neither waits for it
     * nor gives it a thread of its own pool.
     *
     * @param threadName names the thread, e.g. {@code urbis-command-warm-up}
     * @param warmUp     the warm-up, typically calling {@link #untilCompiled}; returns its count of stand-ins
     *                   that behaved as expected
     * @return completes with what the warm-up returned, or exceptionally when it failed
     */
    public static CompletionStage<Integer> inBackground(String threadName, IntSupplier warmUp) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        PlatformThreads.named(threadName)
                .newThread(() -> {
                    try {
                        done.complete(warmUp.getAsInt());
                    } catch (RuntimeException e) {
                        done.completeExceptionally(e);
                    }
                })
                .start();
        return done;
    }

    /**
     * Runs {@code round} {@code minRounds} times, then waits for the JIT to be quiet; again, round
     * and wait, while the JIT compiled more than a few milliseconds since the round began, at most
     * {@code maxRounds} rounds in all.
     *
     * @param round one rehearsal; returns how many of its stand-ins behaved as expected
     * @return the sum of what the rounds returned
     * @throws IllegalStateException when interrupted while waiting for the JIT
     */
    public static int untilCompiled(int minRounds, int maxRounds, IntSupplier round) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        int total = 0;
        for (int i = 0; i < maxRounds; i++) {
            long before = measurable ? jit.getTotalCompilationTime() : 0;
            total += round.getAsInt();
            if (i + 1 < minRounds) {
                continue;
            }
            if (!measurable || quiet(jit) - before <= QUIET_MILLIS) {
                break;
            }
        }
        return total;
    }

    /**
     * Waits until the JIT has compiled for no more than a few milliseconds in a while, or at most 30 s; returns how
     * long it waited. Returns at once when the JVM does not count compiling time. For whoever must not time what
     * earlier work left the JIT compiling, such as a benchmark after its set-up.
     *
     * @throws IllegalStateException when interrupted while waiting
     * @since 1.5
     */
    public static Duration awaitQuietJit() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        if (jit != null && jit.isCompilationTimeMonitoringSupported()) {
            quiet(jit);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Waits until the JIT compiled for no more than a few milliseconds in a while; returns its compiling time then. */
    private static long quiet(CompilationMXBean jit) {
        long start = System.nanoTime();
        long since = start;
        long compiledThen = jit.getTotalCompilationTime();
        while (true) {
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the JIT", e);
            }
            long compiled = jit.getTotalCompilationTime();
            long now = System.nanoTime();
            if (compiled - compiledThen > QUIET_MILLIS) {
                since = now;
                compiledThen = compiled;
            } else if (now - since >= QUIET_NANOS || now - start >= MAX_WAIT_NANOS) {
                return compiled;
            }
        }
    }
}
