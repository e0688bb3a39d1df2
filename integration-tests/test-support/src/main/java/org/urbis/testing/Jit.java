package org.urbis.testing;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/** The JIT compiler of this JVM, for benchmarks that must not time what set-up code left it compiling. */
public final class Jit {

    /** Compiling time within {@link #QUIET} below which the JIT counts as quiet. */
    private static final long QUIET_MILLIS = 20;

    private static final Duration QUIET = Duration.ofMillis(1_500);
    private static final Duration POLL = Duration.ofMillis(100);

    private Jit() {}

    /**
     * Waits until the JIT has compiled for no more than 20 ms over 1.5 s, at most {@code atMost}; returns how long it
     * waited. Returns at once when the JVM does not count compiling time.
     */
    public static Duration awaitQuiet(Duration atMost) throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long start = System.nanoTime();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return Duration.ZERO;
        }
        long since = start;
        long compiledThen = jit.getTotalCompilationTime();
        while (true) {
            Thread.sleep(POLL.toMillis());
            long compiled = jit.getTotalCompilationTime();
            long now = System.nanoTime();
            if (compiled - compiledThen > QUIET_MILLIS) {
                since = now;
                compiledThen = compiled;
            } else if (now - since >= QUIET.toNanos() || now - start >= atMost.toNanos()) {
                return Duration.ofNanos(now - start);
            }
        }
    }
}
