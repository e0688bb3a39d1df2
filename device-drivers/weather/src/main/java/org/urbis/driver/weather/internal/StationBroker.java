package org.urbis.driver.weather.internal;

import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's one subscription-only connection to the broker its stations publish to: topics are
 * subscribed again on every (re)connection (a clean session forgets them), and a failed first
 * connection is retried, which Paho does not do by itself.
 */
final class StationBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StationBroker.class);

    private final String url;
    private final MqttAsyncClient client;
    private final ScheduledExecutorService timer;
    private final Map<String, Consumer<byte[]>> handlers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    StationBroker(String url, String username, String password, ScheduledExecutorService timer) {
        this.url = url;
        this.timer = timer;
        try {
            client = new MqttAsyncClient(
                    url, "urbis-weather-" + Long.toHexString(System.nanoTime()), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot use mqtt.brokerUrl " + url + ": " + e.getMessage(), e);
        }
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                LOG.info("Weather driver {} to {}", reconnect ? "reconnected" : "connected", serverURI);
                new ArrayList<>(handlers.keySet()).forEach(StationBroker.this::subscribe);
            }

            @Override
            public void connectionLost(Throwable cause) {
                LOG.warn("Weather driver lost the broker {}: {}", url, cause == null ? "" : cause.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                Consumer<byte[]> h = handlers.get(topic);
                if (h != null) {
                    try {
                        h.accept(message.getPayload());
                    } catch (RuntimeException e) {
                        LOG.error("Handling a reading on {} failed", topic, e);
                    }
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setConnectionTimeout(10);
        if (!username.isEmpty()) {
            options.setUserName(username);
            options.setPassword(password.toCharArray());
        }
        connect(options);
    }

    private void connect(MqttConnectOptions options) {
        if (closed || client.isConnected()) {
            return;
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete subscribes
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    retry(options, e);
                }
            });
        } catch (MqttException e) {
            retry(options, e);
        }
    }

    private void retry(MqttConnectOptions options, Throwable e) {
        if (closed) {
            return;
        }
        LOG.warn("Weather driver cannot connect to {}: {}; next attempt in 5 s", url, e == null ? "" : e.getMessage());
        try {
            timer.schedule(() -> connect(options), 5, TimeUnit.SECONDS);
        } catch (RuntimeException rejected) {
            // stopping
        }
    }

    boolean connected() {
        return client.isConnected();
    }

    void subscribe(String topic, Consumer<byte[]> handler) {
        handlers.put(topic, handler);
        if (client.isConnected()) {
            subscribe(topic);
        }
    }

    private void subscribe(String topic) {
        try {
            client.subscribe(topic, 0);
        } catch (MqttException e) {
            LOG.warn("Could not subscribe to {}: {}", topic, e.getMessage());
        }
    }

    void unsubscribe(String topic) {
        if (handlers.remove(topic) != null && client.isConnected()) {
            try {
                client.unsubscribe(topic);
            } catch (MqttException e) {
                LOG.debug("Unsubscribing {}: {}", topic, e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.debug("Disconnecting from {}: {}", url, e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("Closing the client of {}: {}", url, e.getMessage());
        }
    }
}
