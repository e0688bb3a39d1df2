package org.urbis.driver.streetlight.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The driver's settings as a small typed object.
 *
 * @param brokerUrl        the broker
 * @param username         broker user, empty for none
 * @param password         broker password, empty for none
 * @param clientId         MQTT client id, empty for a generated one
 * @param qos              QoS of the commands the driver publishes
 * @param subscriptionQos  QoS of the driver's subscriptions to the nodes' statuses and acknowledgements
 * @param retryDelay       pause between connection attempts
 * @param silentAfter      silence that makes a node OFFLINE / SILENT
 * @param lampFailureMinW  power under which a lit lamp counts as failed
 * @param dayBurnerMargin  margin inside sunrise..sunset before a lit lamp is a day-burner
 * @param maxPayloadBytes  longest message accepted from a node
 * @param commandsInFlight commands awaiting their node's acknowledgement at once, over all nodes
 */
public record DriverSettings(
        String brokerUrl,
        String username,
        String password,
        String clientId,
        int qos,
        int subscriptionQos,
        Duration retryDelay,
        Duration silentAfter,
        double lampFailureMinW,
        Duration dayBurnerMargin,
        int maxPayloadBytes,
        int commandsInFlight) {

    /** Each command brings back two messages: 480 of them keep within a stock mosquitto's 1,000 waiting per client. */
    static final int COMMANDS_IN_FLIGHT = 480;

    public DriverSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        if (!brokerUrl.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new IllegalArgumentException(
                    "broker.url '" + brokerUrl + "' must be tcp://, ssl://, ws:// or wss://host:port");
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        clientId = clientId == null ? "" : clientId;
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("broker.qos must be 0, 1 or 2, not " + qos);
        }
        if (subscriptionQos < 0 || subscriptionQos > 2) {
            throw new IllegalArgumentException("broker.subscriptionQos must be 0, 1 or 2, not " + subscriptionQos);
        }
        if (retryDelay.isNegative() || retryDelay.isZero() || silentAfter.isNegative() || silentAfter.isZero()) {
            throw new IllegalArgumentException("broker.retrySeconds and silentAfterSeconds must be positive");
        }
        if (dayBurnerMargin.isNegative()) {
            throw new IllegalArgumentException("dayBurner.marginMinutes must not be negative");
        }
        if (maxPayloadBytes < 256) {
            throw new IllegalArgumentException("payload.maxBytes must be at least 256, not " + maxPayloadBytes);
        }
        if (commandsInFlight < 1) {
            throw new IllegalArgumentException("commands.inFlight must be at least 1, not " + commandsInFlight);
        }
    }

    public static DriverSettings from(StreetlightConfig c) {
        return new DriverSettings(
                c.broker_url(),
                c.broker_username(),
                c.broker_password(),
                c.broker_clientId(),
                c.broker_qos(),
                c.broker_subscriptionQos(),
                Duration.ofSeconds(c.broker_retrySeconds()),
                Duration.ofSeconds(c.silentAfterSeconds()),
                c.lampFailure_minPowerW(),
                Duration.ofMinutes(c.dayBurner_marginMinutes()),
                c.payload_maxBytes(),
                c.commands_inFlight());
    }

    /** The defaults of the configuration, on another broker: for tests and tools. */
    public static DriverSettings defaults(String brokerUrl) {
        return new DriverSettings(
                brokerUrl,
                "",
                "",
                "",
                1,
                0,
                Duration.ofSeconds(5),
                Duration.ofSeconds(180),
                1.0,
                Duration.ofMinutes(30),
                4096,
                COMMANDS_IN_FLIGHT);
    }

    public DriverSettings withSilentAfter(Duration d) {
        return new DriverSettings(
                brokerUrl,
                username,
                password,
                clientId,
                qos,
                subscriptionQos,
                retryDelay,
                d,
                lampFailureMinW,
                dayBurnerMargin,
                maxPayloadBytes,
                commandsInFlight);
    }
}
