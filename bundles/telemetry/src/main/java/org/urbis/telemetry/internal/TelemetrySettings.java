package org.urbis.telemetry.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.urbis.telemetry.internal.encoding.NodeIdentity;
import org.urbis.telemetry.internal.link.LinkSettings;
import org.urbis.telemetry.internal.store.LogSettings;

/**
 * The telemetry configuration as small typed settings, checked once.
 *
 * @param node        identity towards the operations centre
 * @param encoding    {@code sparkplug} or {@code thingsboard}
 * @param link        how to reach the broker
 * @param storeDir    where the buffer lives
 * @param store       bounds of the buffer
 * @param integrity   integrity report period, zero for none
 * @param commandExpiry how long a command from the operations centre stays valid
 * @param issuer      identity of commands from the operations centre
 * @param primaryHost Sparkplug primary host application id, empty for none
 */
public record TelemetrySettings(
        NodeIdentity node,
        String encoding,
        LinkSettings link,
        Path storeDir,
        LogSettings store,
        Duration integrity,
        Duration commandExpiry,
        String issuer,
        String primaryHost) {

    public static TelemetrySettings from(TelemetryConfig c) {
        NodeIdentity node = new NodeIdentity(c.group_id().trim(), c.node_id().trim());
        String encoding = c.encoding().trim().toLowerCase(Locale.ROOT);
        if (!encoding.equals("sparkplug") && !encoding.equals("thingsboard")) {
            throw new IllegalArgumentException("encoding '" + c.encoding() + "' must be sparkplug or thingsboard");
        }
        String primaryHost = c.primaryHost_id().trim();
        if (!primaryHost.isEmpty()) {
            if (!encoding.equals("sparkplug")) {
                throw new IllegalArgumentException("primaryHost.id '" + primaryHost
                        + "' is a Sparkplug setting, but encoding is " + encoding + ": leave it empty");
            }
            NodeIdentity.checkTopicSafe("primaryHost.id", primaryHost);
        }
        String clientId =
                c.client_id().isBlank() ? node.nodeId() : c.client_id().trim();
        LinkSettings link = new LinkSettings(
                c.broker_url().trim(),
                clientId,
                c.username(),
                c.password(),
                c.tls_trustStore().trim(),
                c.tls_trustStorePassword(),
                Duration.ofSeconds(c.keepAliveSeconds()),
                Duration.ofSeconds(10),
                Duration.ofMillis(c.reconnect_minMillis()),
                Duration.ofMillis(c.reconnect_maxMillis()),
                c.publish_maxBatch(),
                c.publish_maxInflight(),
                Duration.ofMillis(c.publish_timeoutMillis()),
                // Longer than anyone's reconnect delay: a client fighting for the same id would be back by then.
                Duration.ofMillis(c.reconnect_maxMillis()).multipliedBy(2));
        Path dir = c.store_directory().isBlank()
                ? Path.of(System.getProperty("karaf.data", "data"), "urbis", "telemetry")
                : Path.of(c.store_directory().trim());
        LogSettings.Overflow overflow;
        try {
            overflow = LogSettings.Overflow.valueOf(c.store_overflow().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "store.overflow '" + c.store_overflow() + "' must be BLOCK, DROP_OLDEST or DROP_NEWEST");
        }
        LogSettings store = new LogSettings(
                c.store_maxBytes(),
                c.store_segmentBytes(),
                overflow,
                Duration.ofMillis(c.store_blockMillis()),
                Duration.ofMillis(c.store_syncMillis()));
        return new TelemetrySettings(
                node,
                encoding,
                link,
                dir,
                store,
                Duration.ofSeconds(Math.max(0, c.integrity_intervalSeconds())),
                Duration.ofSeconds(c.command_expirySeconds()),
                c.command_issuer(),
                primaryHost);
    }
}
