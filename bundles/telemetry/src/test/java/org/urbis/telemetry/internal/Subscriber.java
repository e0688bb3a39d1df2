package org.urbis.telemetry.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.urbis.testing.Paho;

/**
 * The operations centre's side in tests: a Paho client with a persistent session (so that the
 * broker keeps its messages while it is away) collecting everything on a topic filter.
 */
public final class Subscriber implements AutoCloseable {

    /** A message as received; {@code duplicate} is MQTT's DUP flag (a broker's redelivery). */
    public record Received(String topic, byte[] payload, boolean duplicate) {}

    private final MqttClient client;
    private final String filter;
    public final List<Received> messages = new CopyOnWriteArrayList<>();

    public Subscriber(String url, String clientId, String filter) throws MqttException {
        this.filter = filter;
        client = new MqttClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect) {
                    try {
                        client.subscribe(filter, 1);
                    } catch (MqttException e) {
                        // the next reconnect tries again
                    }
                }
            }

            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                messages.add(new Received(topic, message.getPayload(), message.isDuplicate()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        client.connect(Paho.persistentSession(500, 1000));
        client.subscribe(filter, 1);
    }

    public void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    /** Publishes a retained message, as a Sparkplug host application publishes its STATE. */
    public void publishRetained(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, true);
    }

    public List<Received> on(String topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).toList();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(1000);
        }
        client.close(true);
    }
}
