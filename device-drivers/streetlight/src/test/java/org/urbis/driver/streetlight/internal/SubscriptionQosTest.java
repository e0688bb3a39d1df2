package org.urbis.driver.streetlight.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.testing.Await;
import org.urbis.testing.Mosquitto;
import org.urbis.testkit.DriverRuntime;

/** What the broker itself logs of the driver's subscriptions: the QoS the driver asked for each node topic. */
class SubscriptionQosTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void theDriverSubscribesToStatusesAndAcknowledgementsAtQos0UnlessConfiguredOtherwise() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir.resolve("broker"), List.of("log_type subscribe"))) {
            DriverSettings defaults = DriverSettings.defaults(broker.url());
            awaitSubscriptions(named(defaults, "qos-default", defaults.subscriptionQos()), 0);
            awaitSubscriptions(named(defaults, "qos-one", 1), 1);
        }
    }

    /** Starts a driver with one luminaire and waits until the broker logs its two subscriptions at {@code qos}. */
    private void awaitSubscriptions(DriverSettings settings, int qos) {
        String client = settings.clientId();
        StreetlightDriver driver = new StreetlightDriver(settings, Clock.systemUTC());
        try (DriverRuntime runtime = DriverRuntime.start()) {
            Await.until(client + " connected", WAIT, driver::connected);
            runtime.add(driver).apply(Luminaires.device("SL-Q-1", client + "/SL-Q-1"));
            for (String topic : List.of(client + "/SL-Q-1/status", client + "/SL-Q-1/ack")) {
                String line = client + " " + qos + " " + topic;
                Await.until("the broker logs '" + line + "'", WAIT, () -> log().contains(line));
            }
        } finally {
            driver.close();
        }
    }

    /** The settings with a client id of their own and the given subscription QoS. */
    private static DriverSettings named(DriverSettings s, String clientId, int qos) {
        return new DriverSettings(
                s.brokerUrl(),
                s.username(),
                s.password(),
                clientId,
                s.qos(),
                qos,
                s.retryDelay(),
                s.silentAfter(),
                s.lampFailureMinW(),
                s.dayBurnerMargin(),
                s.maxPayloadBytes(),
                s.commandsInFlight());
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("broker/mosquitto.log"));
        } catch (IOException e) {
            return "";
        }
    }
}
