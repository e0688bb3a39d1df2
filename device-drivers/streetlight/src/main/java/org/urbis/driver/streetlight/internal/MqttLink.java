package org.urbis.driver.streetlight.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
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
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.QualityReason;

/**
 * The one broker connection every node's session shares. Keeps the topics subscribed across
 * reconnections (a clean session forgets them) and retries a failed first connection, which Paho
 * does not do by itself. Messages are handed to the handler of their exact topic.
 */
final class MqttLink implements NodeLink, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttLink.class);
    private static final int SUBSCRIBE_BATCH = 200;

    private final DriverSettings settings;
    private final ScheduledExecutorService timer;
    private final MqttAsyncClient client;
    private final Map<String, BiConsumer<String, byte[]>> handlers = new ConcurrentHashMap<>();
    private final CommandWindow commands;
    /** What to do once a topic's subscription is granted (ask the node for its status). */
    private final Map<String, Runnable> onSubscribed = new ConcurrentHashMap<>();

    private volatile boolean closed;

    MqttLink(DriverSettings settings, ScheduledExecutorService timer) {
        this.settings = settings;
        this.timer = timer;
        this.commands = new CommandWindow(settings.commandsInFlight());
        String clientId = settings.clientId().isEmpty()
                ? "urbis-streetlight-" + Long.toHexString(System.nanoTime())
                : settings.clientId();
        try {
            client = new MqttAsyncClient(settings.brokerUrl(), clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException(
                    "cannot use broker.url " + settings.brokerUrl() + ": " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
    }

    /** Starts connecting in the background. */
    void start() {
        connect();
    }

    boolean connected() {
        return client.isConnected();
    }

    private void connect() {
        if (closed || client.isConnected()) {
            return;
        }
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxInflight(65_535);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        if (settings.brokerUrl().startsWith("tcp://")) {
            options.setSocketFactory(new BufferedSocketFactory());
        }
        if (!settings.username().isEmpty()) {
            options.setUserName(settings.username());
            options.setPassword(settings.password().toCharArray());
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // connectComplete subscribes
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    retry(e);
                }
            });
        } catch (MqttException e) {
            retry(e);
        }
    }

    private void retry(Throwable e) {
        if (closed) {
            return;
        }
        LOG.warn(
                "Street-lighting driver cannot connect to {}: {}; next attempt in {} s",
                settings.brokerUrl(),
                e == null ? "" : e.getMessage(),
                settings.retryDelay().toSeconds());
        try {
            timer.schedule(this::connect, settings.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) {
            // shutting down
        }
    }

    /** Subscribes now when connected, else on connecting. */
    @Override
    public void subscribe(String topic, BiConsumer<String, byte[]> handler, Runnable subscribed) {
        handlers.put(topic, handler);
        if (subscribed != null) {
            onSubscribed.put(topic, subscribed);
        }
        if (client.isConnected()) {
            subscribeAll(List.of(topic));
        }
    }

    @Override
    public void unsubscribe(String topic) {
        onSubscribed.remove(topic);
        if (handlers.remove(topic) != null && client.isConnected()) {
            try {
                client.unsubscribe(topic);
            } catch (MqttException e) {
                LOG.debug("Unsubscribing {}: {}", topic, e.getMessage());
            }
        }
    }

    private void subscribeAll(List<String> topics) {
        for (int i = 0; i < topics.size(); i += SUBSCRIBE_BATCH) {
            String[] batch = topics.subList(i, Math.min(topics.size(), i + SUBSCRIBE_BATCH))
                    .toArray(new String[0]);
            int[] qos = new int[batch.length];
            Arrays.fill(qos, settings.subscriptionQos());
            try {
                client.subscribe(batch, qos, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        for (String t : batch) {
                            Runnable r = onSubscribed.get(t);
                            if (r != null) {
                                try {
                                    r.run();
                                } catch (RuntimeException e) {
                                    LOG.warn("After subscribing {}: {}", t, e.toString());
                                }
                            }
                        }
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        LOG.error(
                                "Broker refused subscriptions to {} topics (first {}): {}",
                                batch.length,
                                batch[0],
                                e == null ? "" : e.getMessage());
                    }
                });
            } catch (MqttException e) {
                LOG.warn("Could not subscribe to {} topics (first {}): {}", batch.length, batch[0], e.getMessage());
            }
        }
    }

    @Override
    public void publish(String topic, byte[] payload) throws DriverException {
        if (!client.isConnected()) {
            throw new DriverException(QualityReason.COMM_ERROR, "not connected to the broker " + settings.brokerUrl());
        }
        MqttMessage m = new MqttMessage(payload);
        m.setQos(settings.qos());
        try {
            client.publish(topic, m);
        } catch (MqttException e) {
            throw new DriverException(
                    QualityReason.COMM_ERROR, "publishing on " + topic + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public CommandWindow commands() {
        return commands;
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.debug("Disconnecting from {}: {}", settings.brokerUrl(), e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("Closing the client of {}: {}", settings.brokerUrl(), e.getMessage());
        }
    }

    private final class Callback implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            LOG.info(
                    "Street-lighting driver {} to {}; subscribing {} topics",
                    reconnect ? "reconnected" : "connected",
                    serverURI,
                    handlers.size());
            subscribeAll(new ArrayList<>(handlers.keySet()));
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.warn(
                    "Street-lighting driver lost the broker {}: {}; reconnecting",
                    settings.brokerUrl(),
                    cause == null ? "" : cause.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            BiConsumer<String, byte[]> handler = handlers.get(topic);
            if (handler == null) {
                return;
            }
            try {
                handler.accept(topic, message.getPayload());
            } catch (RuntimeException e) {
                // never let one node's message take the connection down
                LOG.error("Handling a message on {} failed", topic, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
    }
}
