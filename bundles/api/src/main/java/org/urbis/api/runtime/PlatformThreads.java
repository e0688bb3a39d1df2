package org.urbis.api.runtime;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Thread factories for the platform's own threads: each thread is named after its job, as a thread dump
 * should show it, and is a daemon, so that a thread a bundle failed to stop never holds the runtime up at
 * shutdown.
 */
public final class PlatformThreads {

    private PlatformThreads() {}

    /** Threads all called {@code name}: for an executor of one thread, or a thread of its own ({@code newThread}). */
    public static ThreadFactory named(String name) {
        return r -> daemon(r, name);
    }

    /** Threads called {@code prefix-1}, {@code prefix-2}, ...: for a pool. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> daemon(r, prefix + "-" + n.incrementAndGet());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
