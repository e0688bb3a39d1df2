package org.urbis.core.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.QualityReason;

class IoExecutorTest {

    /** Keeps cancelled tasks in its queue (the default), so a watchdog scheduled and cancelled shows there. */
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    private final IoExecutor io = new IoExecutor(2, timer);

    @AfterEach
    void stop() {
        io.close();
        timer.shutdownNow();
    }

    @Test
    void anAsynchronousCallAnsweredAsItStartsSchedulesNoWatchdog() throws Exception {
        IoExecutor.Lane lane = io.lane("SL-1");

        CompletableFuture<List<String>> read = lane.submitAsync(
                "read of 1 point", Duration.ofSeconds(5), () -> CompletableFuture.completedFuture(List.of("dim")));

        assertEquals(List.of("dim"), read.get(5, TimeUnit.SECONDS));
        assertTrue(timer.getQueue().isEmpty(), "watchdogs scheduled: " + timer.getQueue());
        assertTrue(lane.idle());
    }

    @Test
    void anAsynchronousCallAnsweredLaterStillHasItsDeadline() throws Exception {
        IoExecutor.Lane lane = io.lane("SL-2");
        CompletableFuture<String> never = new CompletableFuture<>();

        CompletableFuture<String> write = lane.submitAsync("write of dim", Duration.ofMillis(50), () -> never);

        ExecutionException e = assertThrows(ExecutionException.class, () -> write.get(30, TimeUnit.SECONDS));
        DriverException timeout = assertInstanceOf(DriverException.class, e.getCause());
        assertEquals(QualityReason.TIMEOUT, timeout.reason());
        assertEquals(1, io.timeouts());
        // the lane went on: the next call runs
        assertEquals(
                "ok",
                lane.submitAsync("write of dim", Duration.ofSeconds(5), () -> CompletableFuture.completedFuture("ok"))
                        .get(5, TimeUnit.SECONDS));
    }

    @Test
    void anAsynchronousCallAnsweredLaterCancelsItsWatchdog() throws Exception {
        IoExecutor.Lane lane = io.lane("SL-3");
        CompletableFuture<String> ack = new CompletableFuture<>();
        CompletableFuture<String> write = lane.submitAsync("write of dim", Duration.ofMinutes(5), () -> ack);
        assertEquals(1, timer.getQueue().size(), "the pending call's watchdog");

        ack.complete("ok");

        assertEquals("ok", write.get(5, TimeUnit.SECONDS));
        assertTrue(timer.getQueue().stream().allMatch(task -> ((Future<?>) task).isCancelled()));
        assertEquals(0, io.timeouts());
    }
}
