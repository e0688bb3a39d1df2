package org.urbis.telemetry.internal.sparkplug;

import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.NAMESPACE;
import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.REBIRTH;
import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.STATE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.telemetry.internal.encoding.Catalogue;
import org.urbis.telemetry.internal.encoding.CommandRequest;
import org.urbis.telemetry.internal.encoding.Downlink;
import org.urbis.telemetry.internal.encoding.NodeIdentity;

/**
 * Reads what a Sparkplug B node receives: the primary host's STATE, NCMD (rebirth) and DCMD (commands
 * to this runtime's devices, by metric name or by the alias their DBIRTH declared). Runs on the MQTT
 * client's thread; anything it cannot read becomes a {@link Downlink.Malformed}, never an exception.
 */
final class SparkplugDownlink {

    private static final Logger LOG = LoggerFactory.getLogger(SparkplugDownlink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeIdentity node;
    private final String primaryHost;
    private final Catalogue catalogue;
    /** (device, alias) -> the metric name the device's birth gave that alias, or null. */
    private final BiFunction<String, Long, String> aliasName;

    SparkplugDownlink(
            NodeIdentity node, String primaryHost, Catalogue catalogue, BiFunction<String, Long, String> aliasName) {
        this.node = node;
        this.primaryHost = primaryHost;
        this.catalogue = catalogue;
        this.aliasName = aliasName;
    }

    /** What arrived on one of the session's subscriptions; a problem with it is a {@link Downlink.Malformed}. */
    Downlink decode(String topic, byte[] payload) {
        try {
            return decodeChecked(topic, payload);
        } catch (RuntimeException e) {
            return new Downlink.Malformed("command on " + topic + " cannot be decoded: " + e, null);
        }
    }

    /**
     * The host whose STATE the topic carries, or null. RabbitMQ's MQTT plugin (with
     * {@code mqtt.sparkplug = true}) hands a retained {@code spBv1.0/STATE/<host>} to a new
     * subscriber as {@code spBv1/0/STATE/<host>}, so that form is the same STATE.
     */
    private static String stateHost(String[] parts) {
        if (parts.length == 3 && NAMESPACE.equals(parts[0]) && STATE.equals(parts[1])) {
            return parts[2];
        }
        if (parts.length == 4 && NAMESPACE.equals(parts[0] + '.' + parts[1]) && STATE.equals(parts[2])) {
            return parts[3];
        }
        return null;
    }

    private Downlink decodeChecked(String topic, byte[] payload) {
        String[] parts = topic.split("/", -1);
        String stateOf = stateHost(parts);
        if (stateOf != null) {
            // 3.0 phid-wait-id: only the configured host's STATE counts.
            if (!stateOf.equals(primaryHost)) {
                return new Downlink.Ignored("STATE of " + stateOf + ", not our primary host");
            }
            try {
                return hostState(stateOf, payload);
            } catch (IllegalArgumentException e) {
                LOG.warn("Telemetry: {}; the primary host's state stays as it was", e.getMessage());
                return new Downlink.Ignored(e.getMessage());
            }
        }
        if (parts.length < 4 || !NAMESPACE.equals(parts[0])) {
            return new Downlink.Malformed("topic '" + topic + "' is not a Sparkplug B topic", null);
        }
        if (!node.groupId().equals(parts[1]) || !node.nodeId().equals(parts[3])) {
            return new Downlink.Ignored("addressed to " + parts[1] + '/' + parts[3]);
        }
        String type = parts[2];
        boolean deviceCommand = "DCMD".equals(type) && parts.length == 5 && !parts[4].isEmpty();
        if (!deviceCommand && !("NCMD".equals(type) && parts.length == 4)) {
            return new Downlink.Malformed("topic '" + topic + "' is neither NCMD nor DCMD of this node", null);
        }
        String dev = deviceCommand ? parts[4] : null;
        if (dev != null && catalogue.device(dev).isEmpty()) {
            // Another runtime's device, or one this runtime no longer has: its owner answers, not us.
            return new Downlink.NotOurs("DCMD for " + dev + ", a device this runtime does not have");
        }
        CommandRequest replyTo = dev == null ? null : new CommandRequest(dev, "", null, "");
        SparkplugBPayload decoded;
        try {
            decoded = new SparkplugBPayloadDecoder().buildFromByteArray(payload, null);
        } catch (Exception | LinkageError e) {
            return new Downlink.Malformed(
                    type + " payload of " + payload.length + " bytes is not Sparkplug B protobuf: "
                            + e.getClass().getSimpleName(),
                    replyTo);
        } catch (StackOverflowError e) {
            return new Downlink.Malformed(type + " payload nests too deeply", replyTo);
        }
        List<Metric> metrics = decoded == null || decoded.getMetrics() == null ? List.of() : decoded.getMetrics();
        if (metrics.isEmpty()) {
            return new Downlink.Malformed(type + " carries no metric", replyTo);
        }
        if (metrics.contains(null)) {
            return new Downlink.Malformed(type + " carries a metric that cannot be read", replyTo);
        }
        if (dev == null) {
            for (Metric m : metrics) {
                if (REBIRTH.equals(m.getName()) && Boolean.TRUE.equals(m.getValue())) {
                    return new Downlink.Rebirth();
                }
            }
            return new Downlink.Malformed(
                    "NCMD has no '" + REBIRTH + "' = true metric, and this node takes no other", null);
        }
        String uuid = decoded.getUuid() == null ? UUID.randomUUID().toString() : decoded.getUuid();
        List<CommandRequest> requests = new ArrayList<>();
        for (Metric m : metrics) {
            String name = m.getName();
            if ((name == null || name.isEmpty()) && m.getAlias() != null) {
                name = aliasName.apply(dev, m.getAlias());
                if (name == null) {
                    return new Downlink.Malformed("DCMD for " + dev + " names unknown alias " + m.getAlias(), replyTo);
                }
            }
            if (name == null || name.isEmpty()) {
                return new Downlink.Malformed("DCMD for " + dev + " has a metric with neither name nor alias", replyTo);
            }
            Object value = m.getValue();
            if (value == null || !(value instanceof Boolean || value instanceof Number || value instanceof String)) {
                return new Downlink.Malformed(
                        "DCMD metric '" + name + "' for " + dev + " has no usable value"
                                + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")"),
                        replyTo);
            }
            requests.add(new CommandRequest(dev, name, value, uuid + '/' + name));
        }
        return new Downlink.Commands(requests);
    }

    /**
     * Reads a STATE payload: 3.0's {@code {"online":true,"timestamp":1668114759262}}, or 2.x's plain
     * {@code ONLINE} / {@code OFFLINE} (no timestamp: -1).
     */
    static Downlink.HostState hostState(String host, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        if (text.equalsIgnoreCase("ONLINE") || text.equalsIgnoreCase("OFFLINE")) {
            return new Downlink.HostState(host, text.equalsIgnoreCase("ONLINE"), -1);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("STATE of " + host + " is neither JSON nor ONLINE/OFFLINE");
        }
        if (root == null || !root.path("online").isBoolean()) {
            throw new IllegalArgumentException("STATE of " + host + " has no boolean \"online\"");
        }
        JsonNode ts = root.path("timestamp");
        return new Downlink.HostState(
                host, root.get("online").booleanValue(), ts.canConvertToLong() ? ts.longValue() : -1);
    }
}
