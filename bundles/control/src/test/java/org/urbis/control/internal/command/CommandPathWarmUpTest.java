package org.urbis.control.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandPathWarmUpTest {

    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newFixedThreadPool(2);

    @AfterEach
    void tearDown() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static ControlSettings settings(int parallelism) {
        // The city's settings: a single operator role and low rates, which the warm-up must not run into.
        return new ControlSettings(
                Set.of("operator"),
                Map.of("ioc", Set.of("operator")),
                Duration.ofHours(1),
                10,
                Duration.ofMinutes(5),
                Duration.ofSeconds(30),
                1,
                1,
                1,
                1,
                Duration.ofSeconds(5),
                Duration.ofSeconds(10),
                Duration.ofMillis(500),
                parallelism);
    }

    @Test
    void everyStandInCommandIsConfirmedAndTheThrowawayAuditLogIsGone() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("warm-up"));

        int confirmed = CommandPathWarmUp.rehearse(settings(16), List::of, executor, 50, 3, 3, folder);

        assertEquals(
                150, confirmed, "every stand-in device confirmed in every command, past the city's low rate limits");
        assertFalse(Files.exists(folder), "the warm-up's own audit log is deleted");
    }

    @Test
    void theActivationWarmUpRunsOnThreadsOfItsOwnAndCompletes() {
        // It takes no executor of the pipeline's: a city's command sent meanwhile never queues behind stand-in work.
        int confirmed = CommandPathWarmUp.start(settings(256), List::of)
                .toCompletableFuture()
                .orTimeout(2, TimeUnit.MINUTES)
                .join();

        assertEquals(0, confirmed % CommandPathWarmUp.DEVICES, "every stand-in confirmed in every command");
        assertTrue(confirmed >= CommandPathWarmUp.DEVICES * CommandPathWarmUp.COMMANDS, "at least the least commands");
        assertTrue(
                confirmed <= CommandPathWarmUp.DEVICES * CommandPathWarmUp.MAX_COMMANDS, "at most the most commands");
    }
}
