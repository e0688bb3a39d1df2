package org.urbis.dnp3.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waits for a condition until a deadline; the deadline only bounds a failing test, it asserts nothing about time. */
public final class Await {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private Await() {}

    public static void until(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + DEADLINE + ": " + what);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }

    public static <T> T until(String what, Supplier<T> value, Predicate<T> condition) {
        until(what, () -> condition.test(value.get()));
        return value.get();
    }
}
