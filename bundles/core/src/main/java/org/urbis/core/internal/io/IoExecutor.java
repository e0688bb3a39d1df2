package org.urbis.core.internal.io;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.QualityReason;

/**
 * Runs driver calls so that no device can hold up another: calls of one device run one at a time in
 * its {@link Lane}; a fixed number of workers serve all lanes; every call has a deadline.
 *
 * <p>A call that overruns its deadline is abandoned: its future fails with TIMEOUT, its thread is
 * interrupted, and a new worker takes its place, so a hanging driver never reduces the concurrency
 * left to the others. Until the abandoned call returns, its lane refuses further calls at once
 * (BUSY) instead of piling threads onto a device that does not answer. Threads in use are thus at
 * most the worker count plus one per hanging device.
 *
 * <p>An asynchronous call ({@link Lane#submitAsync}) holds a worker only while it is started, and
 * none when its lane is idle: then the caller's thread starts it. Its lane stays busy until the
 * driver completes it, and at the deadline it is failed and its lane freed, as no thread of the
 * platform is stuck in it.
 */
public final class IoExecutor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IoExecutor.class);

    /** Calls a lane queues at most: a poll and a few commands. */
    private static final int LANE_CAPACITY = 16;

    private final ScheduledExecutorService timer;
    private final LinkedBlockingQueue<Lane> ready = new LinkedBlockingQueue<>();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicInteger hanging = new AtomicInteger();
    private volatile boolean closed;
    /** Handed to each worker by {@link #close}: it stops. */
    private final Lane closing = new Lane("");

    /**
     * @param workers calls running at once
     * @param timer   schedules the deadlines; not owned
     */
    public IoExecutor(int workers, ScheduledExecutorService timer) {
        this.timer = timer;
        for (int i = 0; i < workers; i++) {
            startWorker();
        }
    }

    /** A new lane for one device. */
    public Lane lane(String deviceId) {
        return new Lane(deviceId);
    }

    /** Calls abandoned at their deadline so far. */
    public long timeouts() {
        return timeouts.get();
    }

    /** Abandoned calls that have still not returned. */
    public int hanging() {
        return hanging.get();
    }

    private void startWorker() {
        Thread t = new Thread(this::work, "urbis-io-" + threadNumber.incrementAndGet());
        t.setDaemon(true);
        t.start();
    }

    private void work() {
        while (!closed) {
            Lane lane;
            try {
                lane = ready.take();
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (lane == closing) {
                return;
            }
            if (!lane.runNext()) {
                return; // this worker's call was abandoned and a replacement took its place
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        // Wake idle workers; busy ones finish their call and see the flag. Not with empty lanes: a worker would take
        // one for a lane with nothing queued, a path a running city never takes, and the JIT would throw away the
        // compiled worker when a start-up rehearsal's executor closes, leaving it to the city's first command.
        for (int i = 0; i < threadNumber.get(); i++) {
            ready.offer(closing);
        }
    }

    /** The calls of one device, run one at a time in order. */
    public final class Lane {

        private final String deviceId;
        private final ArrayDeque<Task<?>> queue = new ArrayDeque<>();
        private boolean scheduled;
        private Task<?> running;
        private Task<?> hangingTask;

        private Lane(String deviceId) {
            this.deviceId = deviceId;
        }

        /**
         * Queues a call. The future fails with a {@link DriverException}: TIMEOUT when the call
         * overran, {@link DeviceBusyException} when the device is still held by an abandoned call or has too
         * many calls queued, the driver's own exception otherwise.
         *
         * @param what names the call in errors, e.g. "read of 4 points"
         */
        public <T> CompletableFuture<T> submit(String what, Duration timeout, DriverCall<T> call) {
            return enqueue(new Task<>(what, timeout, call, null));
        }

        /** Queues a call that completes on the driver's own thread; fails as {@link #submit} does. */
        public <T> CompletableFuture<T> submitAsync(String what, Duration timeout, AsyncDriverCall<T> call) {
            return enqueue(new Task<>(what, timeout, null, call));
        }

        private <T> CompletableFuture<T> enqueue(Task<T> task) {
            boolean startHere = false;
            synchronized (this) {
                String busy = busyReason();
                if (busy == null && queue.size() >= LANE_CAPACITY) {
                    busy = "device " + deviceId + " already has " + LANE_CAPACITY + " operations queued";
                }
                if (busy != null || closed) {
                    task.future.completeExceptionally(
                            new DeviceBusyException(closed ? "the platform is stopping" : busy));
                    return task.future;
                }
                if (task.asyncCall != null && !scheduled) {
                    // An idle lane starts an asynchronous call on the caller's thread: starting it holds no thread,
                    // and a group command's thousands of calls then need no hand-off to a worker each.
                    scheduled = true;
                    running = task;
                    task.start(this, Thread.currentThread());
                    startHere = true;
                } else {
                    queue.add(task);
                    if (!scheduled) {
                        scheduled = true;
                        ready.add(this);
                    }
                }
            }
            if (startHere) {
                task.runAsync(this);
            }
            return task.future;
        }

        /** Whether nothing is queued or running, i.e. a poll would start at once. */
        public synchronized boolean idle() {
            return queue.isEmpty() && running == null && hangingTask == null;
        }

        private String busyReason() {
            if (hangingTask == null) {
                return null;
            }
            return "device " + deviceId + " is still busy with a " + hangingTask.what + " that overran its "
                    + hangingTask.timeout.toMillis() + " ms timeout at " + hangingTask.deadline;
        }

        /** Runs the next call on the current worker; false when this worker must stop. */
        private boolean runNext() {
            Task<?> task;
            synchronized (this) {
                task = queue.poll();
                if (task == null) {
                    scheduled = false;
                    return true;
                }
                running = task;
                task.start(this, Thread.currentThread());
            }
            if (task.asyncCall != null) {
                task.runAsync(this);
                return true;
            }
            task.run();
            boolean abandoned;
            synchronized (this) {
                running = null;
                abandoned = task.abandoned;
                if (abandoned) {
                    hangingTask = null;
                    hanging.decrementAndGet();
                    LOG.info(
                            "The {} of device {} returned {} ms after its deadline",
                            task.what,
                            deviceId,
                            Duration.between(task.deadline, Instant.now()).toMillis());
                }
                if (queue.isEmpty()) {
                    scheduled = false;
                } else {
                    ready.add(this);
                }
            }
            Thread.interrupted(); // an interrupt meant for the finished call must not hit the next one
            return !abandoned;
        }

        /** An asynchronous call completed: the lane goes on with its next call. */
        private synchronized void finished(Task<?> task) {
            if (running != task) {
                return; // expired before; the lane went on then
            }
            running = null;
            if (queue.isEmpty()) {
                scheduled = false;
            } else {
                ready.add(this);
            }
        }

        /** Called by the timer at a call's deadline; {@code worker} runs a synchronous call, null for an asynchronous one. */
        private void expire(Task<?> task, Thread worker) {
            ArrayDeque<Task<?>> refused;
            synchronized (this) {
                if (running != task || task.future.isDone()) {
                    return;
                }
                if (task.asyncCall != null) {
                    timeouts.incrementAndGet();
                    finished(task);
                    refused = null;
                } else {
                    task.abandoned = true;
                    hangingTask = task;
                    hanging.incrementAndGet();
                    timeouts.incrementAndGet();
                    worker.interrupt();
                    refused = new ArrayDeque<>(queue);
                    queue.clear();
                }
            }
            task.future.completeExceptionally(new DriverException(
                    QualityReason.TIMEOUT,
                    "device " + deviceId + " did not answer the " + task.what + " within " + task.timeout.toMillis()
                            + " ms"));
            if (refused == null) {
                return;
            }
            String reason = busyReason();
            refused.forEach(t -> t.future.completeExceptionally(new DeviceBusyException(reason)));
            if (!closed) {
                startWorker();
            }
        }
    }

    private final class Task<T> {
        final String what;
        final Duration timeout;
        final DriverCall<T> call;
        final AsyncDriverCall<T> asyncCall;
        final CompletableFuture<T> future = new CompletableFuture<>();
        Instant deadline;
        /** Fails the call at its deadline; none for an asynchronous call the driver answered as it started. */
        volatile ScheduledFuture<?> watchdog;

        boolean abandoned; // guarded by the lane

        Task(String what, Duration timeout, DriverCall<T> call, AsyncDriverCall<T> asyncCall) {
            this.what = what;
            this.timeout = timeout;
            this.call = call;
            this.asyncCall = asyncCall;
        }

        void start(Lane lane, Thread worker) {
            deadline = Instant.now().plus(timeout);
            if (asyncCall == null) {
                watchdog = timer.schedule(() -> lane.expire(this, worker), timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        void run() {
            try {
                future.complete(call.call());
            } catch (DriverException e) {
                future.completeExceptionally(e);
            } catch (InterruptedException e) {
                future.completeExceptionally(
                        new DriverException(QualityReason.TIMEOUT, "the " + what + " was interrupted"));
            } catch (RuntimeException | LinkageError e) {
                // A driver bug must not kill the worker; it is reported as the call's failure.
                future.completeExceptionally(e);
            } finally {
                cancelWatchdog();
            }
        }

        void runAsync(Lane lane) {
            CompletionStage<T> stage;
            try {
                stage = asyncCall.start();
            } catch (DriverException | RuntimeException | LinkageError e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((value, error) -> {
                cancelWatchdog();
                if (error == null) {
                    future.complete(value);
                } else {
                    future.completeExceptionally(
                            error instanceof CompletionException && error.getCause() != null
                                    ? error.getCause()
                                    : error);
                }
                lane.finished(this);
            });
            // A readback the driver answers from what the device last reported is done by now: it needs no
            // watchdog, and a group command's thousands of readbacks then schedule and cancel none.
            if (!future.isDone()) {
                watchdog = timer.schedule(() -> lane.expire(this, null), timeout.toNanos(), TimeUnit.NANOSECONDS);
                if (future.isDone()) {
                    cancelWatchdog(); // completed while it was being scheduled
                }
            }
        }

        private void cancelWatchdog() {
            ScheduledFuture<?> w = watchdog;
            if (w != null) {
                w.cancel(false);
            }
        }
    }
}
