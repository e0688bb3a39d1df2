package org.urbis.telemetry.internal.encoding;

/**
 * One MQTT message to publish.
 *
 * @param topic    where
 * @param payload  what
 * @param qos      0 or 1
 * @param retained whether the broker keeps it for later subscribers
 */
public record Outbound(String topic, byte[] payload, int qos, boolean retained) {

    public static Outbound qos1(String topic, byte[] payload) {
        return new Outbound(topic, payload, 1, false);
    }
}
