package org.urbis.telemetry.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.urbis.testing.Await;
import org.urbis.testing.Paho;

/**
 * The operations centre's side in tests: a Paho client with a persistent session (so that the
 * broker keeps its messages while it is away) collecting everything on a topic filter.
 */
public final class Subscriber implements AutoCloseable {

    /** A message as received; {@code duplicate} is MQTT's DUP flag (a broker's redelivery). */
    public record Received(String topic, byte[] payload, boolean duplicate) {}

    /** How long a connect, subscribe or publish may take on a loaded machine. */
    private static final long WAIT_MILLIS = 30_000;

    private final MqttAsyncClient client;
    public final List<Received> messages = new CopyOnWriteArrayList<>();

    public Subscriber(String url, String clientId, String filter) throws MqttException {
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                if (reconnect) {
                    // Never wait for the SUBACK here, on Paho's callback thread: the broker sends the
                    // session's queued messages first, they fill the callback's inbound queue, and the
                    // SUBACK behind them is never read (the client hangs until its keep-alive runs out).
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
        client.connect(Paho.persistentSession(500, 1000)).waitForCompletion(WAIT_MILLIS);
        client.subscribe(filter, 1).waitForCompletion(WAIT_MILLIS);
    }

    public void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false).waitForCompletion(WAIT_MILLIS);
    }

    /** Publishes a retained message, as a Sparkplug host application publishes its STATE. */
    public void publishRetained(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, true).waitForCompletion(WAIT_MILLIS);
    }

    public List<Received> on(String topic) {
        return messages.stream().filter(m -> m.topic().equals(topic)).toList();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect(1000).waitForCompletion(WAIT_MILLIS);
        }
        // A client reconnecting on its own to a broker that is gone refuses to close in the middle of an
        // attempt: close it between two attempts.
        Await.until("the subscriber " + client.getClientId() + " closed", Duration.ofMillis(WAIT_MILLIS), () -> {
            try {
                client.close(true);
                return true;
            } catch (MqttException e) {
                if (e.getReasonCode() == MqttException.REASON_CODE_CONNECT_IN_PROGRESS) {
                    return false;
                }
                throw new IllegalStateException("closing the subscriber " + client.getClientId(), e);
            }
        });
    }
}
