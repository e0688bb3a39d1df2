package org.urbis.testing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/**
 * What an operations centre receives from one Sparkplug B node: every message of its group, decoded
 * with Eclipse Tahu's decoder (the reference implementation, not the platform's own code).
 */
public final class SparkplugInbox implements AutoCloseable {

    private record Received(String topic, SparkplugBPayload payload) {}

    private final String prefix;
    private final String node;
    private final MqttClient client;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private SparkplugInbox(String brokerUrl, String group, String node) throws MqttException {
        this.prefix = "spBv1.0/" + group + "/";
        this.node = node;
        this.client = new MqttClient(brokerUrl, "ioc-" + System.nanoTime(), new MemoryPersistence());
        client.connect();
        client.subscribe(
                prefix + "#",
                1,
                (topic, message) -> received.add(new Received(
                        topic, new SparkplugBPayloadDecoder().buildFromByteArray(message.getPayload(), null))));
    }

    /** Subscribes to {@code spBv1.0/<group>/#} and keeps what the node sends. */
    public static SparkplugInbox subscribe(String brokerUrl, String group, String node) throws MqttException {
        return new SparkplugInbox(brokerUrl, group, node);
    }

    /** The payloads of one kind (DBIRTH, DDATA, DDEATH, ...) about a device, in the order received. */
    public List<SparkplugBPayload> on(String kind, String device) {
        String topic = prefix + kind + "/" + node + "/" + device;
        return received.stream()
                .filter(r -> r.topic().equals(topic))
                .map(Received::payload)
                .toList();
    }

    /** The metric a device's first birth declares under that name. */
    public Optional<Metric> birthMetric(String device, String name) {
        return on("DBIRTH", device).stream()
                .flatMap(p -> metric(p, name).stream())
                .findFirst();
    }

    /** The metrics of a device's DDATA for a point, found by name or by the alias its birth declared. */
    public List<Metric> data(String device, String name) {
        Optional<Long> alias = birthMetric(device, name).map(Metric::getAlias);
        return on("DDATA", device).stream()
                .flatMap(p -> p.getMetrics().stream())
                .filter(m -> name.equals(m.getName())
                        || alias.isPresent() && alias.get().equals(m.getAlias()))
                .toList();
    }

    /** The last value of a device's point received so far. */
    public Optional<Object> latest(String device, String name) {
        List<Metric> data = data(device, name);
        return data.isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(data.get(data.size() - 1).getValue());
    }

    private static Optional<Metric> metric(SparkplugBPayload payload, String name) {
        return payload.getMetrics().stream()
                .filter(m -> name.equals(m.getName()))
                .findFirst();
    }

    @Override
    public String toString() {
        return received.toString();
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
