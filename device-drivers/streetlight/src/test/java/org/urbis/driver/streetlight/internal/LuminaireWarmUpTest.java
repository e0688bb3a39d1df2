package org.urbis.driver.streetlight.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.urbis.testing.Await;
import org.urbis.testing.MosquittoPerClass;
import org.urbis.testing.Paho;

/** The driver's warm-up at activation: real sessions of stand-in luminaires, nothing on the broker. */
class LuminaireWarmUpTest {

    @RegisterExtension
    static final MosquittoPerClass broker = new MosquittoPerClass();

    private StreetlightDriver driver;
    private MqttClient watcher;

    @AfterEach
    void tearDown() throws Exception {
        if (driver != null) {
            driver.close();
        }
        if (watcher != null) {
            watcher.disconnect();
            watcher.close();
        }
    }

    @Test
    void everyStandInIsDimmedAndReadBackWithoutAMessageOnTheBrokerOrInTheDriversCounts() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        watcher = Paho.connect(broker.url(), "warm-up-watcher", 100);
        watcher.subscribe("#", 1, (topic, message) -> heard.add(topic));
        driver = new StreetlightDriver(DriverSettings.defaults(broker.url()), Clock.systemUTC());
        Await.until("the driver's connection", Duration.ofSeconds(15), driver::connected);

        int shown =
                LuminaireWarmUp.rehearse(driver, DriverSettings.defaults(broker.url()), Clock.systemUTC(), 40, 3, 3);

        assertEquals(120, shown, "every stand-in showed each level it was dimmed to");
        // A marker sent after the warm-up: once it is heard, anything the warm-up had published was heard before it.
        watcher.publish("marker", "after the warm-up".getBytes(StandardCharsets.UTF_8), 1, false);
        Await.until("the marker", Duration.ofSeconds(15), () -> heard.contains("marker"));
        assertEquals(List.of("marker"), heard, "the warm-up published nothing");
        assertEquals(
                new StreetlightDriver.Statistics(0, 0, 0, 0),
                driver.statistics(),
                "the stand-ins' statuses and acknowledgements are not counted as the city's");
        assertEquals(0, driver.sessions(), "no stand-in is left among the driver's sessions");
    }

    @Test
    void theActivationWarmUpRunsOnAThreadOfItsOwnAndCompletes() {
        driver = new StreetlightDriver(DriverSettings.defaults(broker.url()), Clock.systemUTC());

        int shown = driver.warmUp()
                .toCompletableFuture()
                .orTimeout(2, TimeUnit.MINUTES)
                .join();

        assertEquals(0, shown % LuminaireWarmUp.NODES, "every stand-in showed each level it was dimmed to");
        assertTrue(shown >= LuminaireWarmUp.NODES * LuminaireWarmUp.ROUNDS, shown + " readbacks");
        assertTrue(shown <= LuminaireWarmUp.NODES * LuminaireWarmUp.MAX_ROUNDS, shown + " readbacks");
    }
}
