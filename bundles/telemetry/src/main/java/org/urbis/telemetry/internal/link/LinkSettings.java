package org.urbis.telemetry.internal.link;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the uplink reaches the broker.
 *
 * @param brokerUrl          {@code tcp://host:port} or {@code ssl://host:port}, or several separated by commas
 *                           (the nodes of a clustered broker, or brokers to fail over to), tried in order
 * @param clientId           MQTT client id
 * @param username           empty for none
 * @param password           empty for none
 * @param trustStore         with ssl://, a trust store file for the broker's certificate; empty for the JVM's
 * @param trustStorePassword its password
 * @param keepAlive          MQTT keep-alive
 * @param connectTimeout     longest a connect may take
 * @param reconnectMin       first delay after a failed or lost connection
 * @param reconnectMax       longest delay between attempts (while no other client takes the session over)
 * @param maxBatch           log records encoded per round
 * @param maxInflight        QoS 1 messages awaiting PUBACK at most
 * @param publishTimeout     longest wait for a PUBACK before the connection is considered lost
 * @param stableAfter        a connection that stays up this long holds its session: it ends a suspected
 *                           session takeover
 */
public record LinkSettings(
        String brokerUrl,
        String clientId,
        String username,
        String password,
        String trustStore,
        String trustStorePassword,
        Duration keepAlive,
        Duration connectTimeout,
        Duration reconnectMin,
        Duration reconnectMax,
        int maxBatch,
        int maxInflight,
        Duration publishTimeout,
        Duration stableAfter) {

    /** A connection shorter than this, lost right after a good connect, counts towards a suspected takeover. */
    public static final Duration STABLE_AFTER = Duration.ofSeconds(60);

    public LinkSettings {
        brokerUrls(brokerUrl);
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
        stableAfter = stableAfter == null ? STABLE_AFTER : stableAfter;
    }

    public LinkSettings(
            String brokerUrl,
            String clientId,
            String username,
            String password,
            String trustStore,
            String trustStorePassword,
            Duration keepAlive,
            Duration connectTimeout,
            Duration reconnectMin,
            Duration reconnectMax,
            int maxBatch,
            int maxInflight,
            Duration publishTimeout) {
        this(
                brokerUrl,
                clientId,
                username,
                password,
                trustStore,
                trustStorePassword,
                keepAlive,
                connectTimeout,
                reconnectMin,
                reconnectMax,
                maxBatch,
                maxInflight,
                publishTimeout,
                STABLE_AFTER);
    }

    /** Settings for a plain connection with defaults suited to tests. */
    public static LinkSettings plain(String brokerUrl, String clientId) {
        return new LinkSettings(
                brokerUrl,
                clientId,
                "",
                "",
                "",
                "",
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofMillis(100),
                Duration.ofSeconds(2),
                2000,
                200,
                Duration.ofSeconds(10));
    }

    /** The brokers to try, in order. */
    public List<String> brokerUrls() {
        return brokerUrls(brokerUrl);
    }

    public boolean tls() {
        return brokerUrl.trim().startsWith("ssl://");
    }

    /** Splits and checks {@code broker.url}, naming the entry that is wrong. */
    static List<String> brokerUrls(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("broker.url must not be empty");
        }
        String[] parts = value.split(",", -1);
        List<String> out = new ArrayList<>();
        String scheme = null;
        for (int i = 0; i < parts.length; i++) {
            String url = parts[i].trim();
            String which = parts.length == 1
                    ? "broker.url '" + url + "'"
                    : "broker.url entry " + (i + 1) + " of " + parts.length + " ('" + url + "')";
            if (!(url.startsWith("tcp://") || url.startsWith("ssl://"))) {
                throw new IllegalArgumentException(which + " must start with tcp:// or ssl://");
            }
            try {
                URI uri = new URI(url);
                if (uri.getHost() == null
                        || uri.getPort() < 1
                        || uri.getPort() > 65535
                        || !(uri.getPath() == null || uri.getPath().isEmpty())) {
                    throw new IllegalArgumentException(which + " must be scheme://host:port with a port of 1-65535");
                }
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(which + " is not a URL: " + e.getMessage());
            }
            String s = url.substring(0, 6);
            if (scheme != null && !scheme.equals(s)) {
                // Paho uses one socket factory for every server of the list.
                throw new IllegalArgumentException(
                        which + " mixes " + s + " with " + scheme + ": use one of them for all");
            }
            scheme = s;
            if (out.contains(url)) {
                throw new IllegalArgumentException(which + " is listed twice");
            }
            out.add(url);
        }
        return List.copyOf(out);
    }
}
