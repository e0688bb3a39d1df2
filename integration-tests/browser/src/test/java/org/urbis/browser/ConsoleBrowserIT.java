package org.urbis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.urbis.testing.DemoRuntime;

/**
 * Runs the console's browser scenarios (scripts/console.test.mjs, playwright-core driving Debian's
 * Chromium) against the demo distribution, and keeps their screenshots in target/screenshots.
 */
class ConsoleBrowserIT {

    private static final Path SCRIPTS = Path.of(System.getProperty("urbis.browser.scripts", "."));
    private static final Path WORK = Path.of(System.getProperty("urbis.browser.work", "target"));
    private static final List<String> SCREENSHOTS = List.of(
            "map.png",
            "map-parking.png",
            "devices.png",
            "device.png",
            "command-confirmed.png",
            "history-chart.png",
            "alarm-acknowledged.png",
            "schedule.png",
            "audit.png",
            "devices-vi.png",
            "crew-phone.png",
            "viewer-no-command.png",
            "maintenance-badge.png",
            "notifications.png");

    private static DemoRuntime demo;

    @BeforeAll
    static void startDemo() throws IOException {
        demo = BrowserDemo.create("demo-runtime");
        demo.start(Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopDemo() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void everyConsoleScenarioPasses() throws Exception {
        Path shots = WORK.resolve("screenshots");
        Path log = WORK.resolve("browser-tests.log");
        Process node = new ProcessBuilder("node", "scripts/console.test.mjs", demo.baseUrl(), shots.toString())
                .directory(SCRIPTS.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = node.waitFor(6, TimeUnit.MINUTES);
        if (!finished) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
        }
        String output = Files.readString(log);
        assertTrue(finished, "the browser scenarios did not finish in 6 minutes:\n" + output);
        assertEquals(0, node.exitValue(), "browser scenarios failed:\n" + output);
        for (String shot : SCREENSHOTS) {
            assertTrue(Files.size(shots.resolve(shot)) > 0, shot + " was not written");
        }
    }
}
