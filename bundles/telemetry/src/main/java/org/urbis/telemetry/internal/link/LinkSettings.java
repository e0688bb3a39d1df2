package org.urbis.telemetry.internal.link;

import java.time.Duration;

/**
 * How the uplink reaches the broker.
 *
 * @param brokerUrl          {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId           MQTT client id
 * @param username           empty for none
 * @param password           empty for none
 * @param trustStore         with ssl://, a trust store file for the broker's certificate; empty for the JVM's
 * @param trustStorePassword its password
 * @param keepAlive          MQTT keep-alive
 * @param connectTimeout     longest a connect may take
 * @param reconnectMin       first delay after a failed or lost connection
 * @param reconnectMax       longest delay between attempts
 * @param maxBatch           log records encoded per round
 * @param maxInflight        QoS 1 messages awaiting PUBACK at most
 * @param publishTimeout     longest wait for a PUBACK before the connection is considered lost
 */
public record LinkSettings(String brokerUrl, String clientId, String username, String password, String trustStore,
        String trustStorePassword, Duration keepAlive, Duration connectTimeout, Duration reconnectMin,
        Duration reconnectMax, int maxBatch, int maxInflight, Duration publishTimeout) {

    public LinkSettings {
        if (brokerUrl == null || !(brokerUrl.startsWith("tcp://") || brokerUrl.startsWith("ssl://"))) {
            throw new IllegalArgumentException("broker.url '" + brokerUrl + "' must start with tcp:// or ssl://");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("client id must not be empty");
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        trustStore = trustStore == null ? "" : trustStore;
        trustStorePassword = trustStorePassword == null ? "" : trustStorePassword;
        if (maxBatch < 1 || maxInflight < 1) {
            throw new IllegalArgumentException("publish.maxBatch and publish.maxInflight must be positive");
        }
    }

    /** Settings for a plain connection with defaults suited to tests. */
    public static LinkSettings plain(String brokerUrl, String clientId) {
        return new LinkSettings(brokerUrl, clientId, "", "", "", "", Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofSeconds(2), 2000, 200, Duration.ofSeconds(10));
    }
}
