package org.urbis.testing;

import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Paho clients as tests and benchmarks connect them: sessions kept in memory (Paho's default file
 * persistence would write into the working directory), and a window of unacknowledged QoS 1 messages
 * wide enough for the load they put through.
 */
public final class Paho {

    /** How long an asynchronous client may take to connect on a loaded machine. */
    private static final long CONNECT_MILLIS = 30_000;

    private Paho() {}

    /** A clean session with room for {@code maxInflight} QoS 1 messages not yet acknowledged. */
    public static MqttConnectOptions options(int maxInflight) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMaxInflight(maxInflight);
        return options;
    }

    /** A clean session that reconnects on its own after a broker outage, trying again at most that far apart. */
    public static MqttConnectOptions reconnecting(int maxReconnectDelayMillis) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(maxReconnectDelayMillis);
        return options;
    }

    /**
     * A session the broker keeps across outages (what was published to its subscriptions meanwhile
     * arrives after the reconnect), reconnecting on its own, with room for {@code maxInflight} messages.
     */
    public static MqttConnectOptions persistentSession(int maxReconnectDelayMillis, int maxInflight) {
        MqttConnectOptions options = reconnecting(maxReconnectDelayMillis);
        options.setCleanSession(false);
        options.setMaxInflight(maxInflight);
        return options;
    }

    /** A client connected to the broker at {@code url} with a clean session and {@link #options(int)}. */
    public static MqttClient connect(String url, String clientId, int maxInflight) throws MqttException {
        MqttClient client = new MqttClient(url, clientId, new MemoryPersistence());
        client.connect(options(maxInflight));
        return client;
    }

    /** An asynchronous client, for publishing without waiting for each acknowledgement, connected as {@link #connect}. */
    public static MqttAsyncClient connectAsync(String url, String clientId, int maxInflight) throws MqttException {
        MqttAsyncClient client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        client.connect(options(maxInflight)).waitForCompletion(CONNECT_MILLIS);
        return client;
    }
}
