package org.urbis.core.internal.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The device I/O warm-up at activation: stand-ins through a runtime of their own, the city's untouched. */
class DeviceIoWarmUpTest extends AbstractDeviceRuntimeTest {

    private static final CoreSettings SETTINGS = new CoreSettings(
            Duration.ofSeconds(5), 4, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(60), 3);

    @Test
    void everyStandInWriteIsReadBackAndNoDeviceOrEventOfTheCityIsTouched() {
        start(2, Duration.ofSeconds(2));
        ScriptedDriver driver = new ScriptedDriver("scripted");
        membership.addDriver(driver);
        membership.apply(devices(1));

        int shown = DeviceIoWarmUp.rehearse(SETTINGS, 50, 3, 3);

        assertEquals(150, shown, "every stand-in showed each level written to it");
        assertTrue(driver.writes.isEmpty(), "no write reached the city's driver: " + driver.writes);
        assertTrue(
                received.stream().allMatch(e -> e.deviceId().equals("SL-1")),
                "no stand-in's event reached the city's event stream");
        assertEquals(1, membership.deviceIds().size(), "no stand-in joined the city's devices");
    }

    @Test
    void theActivationWarmUpRunsOnAThreadOfItsOwnAndCompletes() {
        int shown = DeviceIoWarmUp.start(SETTINGS)
                .toCompletableFuture()
                .orTimeout(2, TimeUnit.MINUTES)
                .join();

        assertTrue(
                shown % DeviceIoWarmUp.DEVICES == 0
                        && shown >= DeviceIoWarmUp.DEVICES * DeviceIoWarmUp.ROUNDS
                        && shown <= DeviceIoWarmUp.DEVICES * DeviceIoWarmUp.MAX_ROUNDS,
                shown + ": every stand-in, in as many rounds as the JIT needed within the bounds");
    }
}
