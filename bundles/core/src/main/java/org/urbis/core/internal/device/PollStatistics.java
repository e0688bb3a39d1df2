package org.urbis.core.internal.device;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/** Counters of the polling engine, for the console and for benchmarks. */
public final class PollStatistics {

    private final AtomicLong started = new AtomicLong();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong overruns = new AtomicLong();
    private final AtomicLong totalLatenessMicros = new AtomicLong();
    private final LongAccumulator maxLatenessMicros = new LongAccumulator(Math::max, 0);

    void recordStart(Duration lateness) {
        long micros = Math.max(0, lateness.toNanos() / 1000);
        started.incrementAndGet();
        totalLatenessMicros.addAndGet(micros);
        maxLatenessMicros.accumulate(micros);
    }

    void recordSuccess() {
        succeeded.incrementAndGet();
    }

    void recordFailure() {
        failed.incrementAndGet();
    }

    void recordOverrun() {
        overruns.incrementAndGet();
    }

    public long polls() {
        return started.get();
    }

    public long successes() {
        return succeeded.get();
    }

    public long failures() {
        return failed.get();
    }

    /** Poll slots skipped because the device was still busy. */
    public long overruns() {
        return overruns.get();
    }

    public Duration meanLateness() {
        long n = started.get();
        return n == 0 ? Duration.ZERO : Duration.ofNanos(totalLatenessMicros.get() * 1000 / n);
    }

    public Duration maxLateness() {
        return Duration.ofNanos(maxLatenessMicros.get() * 1000);
    }
}
