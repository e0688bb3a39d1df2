package org.urbis.driver.parking.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * A network-server connection's settings, checked.
 *
 * @param name       what devices name in their {@code connection} option
 * @param server     which server's topics and JSON
 * @param brokerUrl  its MQTT broker
 * @param username   broker user, empty for none
 * @param password   broker password, empty for none
 * @param clientId   MQTT client id, empty for a generated one
 * @param retryDelay pause between connection attempts
 */
public record ConnectionSettings(
        String name,
        NetworkServer server,
        String brokerUrl,
        String username,
        String password,
        String clientId,
        Duration retryDelay) {

    public ConnectionSettings {
        Objects.requireNonNull(server, "server");
        if (name == null || !name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException(
                    "connection name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
        }
        if (brokerUrl == null || !brokerUrl.matches("(tcp|ssl|ws|wss)://.+")) {
            throw new IllegalArgumentException("broker.url '" + brokerUrl + "' of connection " + name
                    + " must be tcp://, ssl://, ws:// or wss://host:port");
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        clientId = clientId == null ? "" : clientId;
        if (retryDelay.isNegative() || retryDelay.isZero()) {
            throw new IllegalArgumentException("broker.retrySeconds of connection " + name + " must be positive");
        }
    }

    static ConnectionSettings from(ConnectionConfig c) {
        return new ConnectionSettings(
                c.name(),
                NetworkServer.of(c.server()),
                c.broker_url(),
                c.broker_username(),
                c.broker_password(),
                c.broker_clientId(),
                Duration.ofSeconds(c.broker_retrySeconds()));
    }

    /** A connection with defaults: for tests and tools. */
    public static ConnectionSettings of(String name, String server, String brokerUrl) {
        return new ConnectionSettings(name, NetworkServer.of(server), brokerUrl, "", "", "", Duration.ofSeconds(2));
    }
}
