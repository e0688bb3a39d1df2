package org.urbis.driver.parking.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.driver.DriverException;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.value.QualityReason;
import org.urbis.parking.codec.Downlink;

/**
 * One network server's MQTT integration: subscribes its event topics (again after every reconnect,
 * as a clean session forgets them), hands each event read to the driver, remembers each device's
 * topic prefix for its downlinks, and queues downlinks. QoS 0 throughout: The Things Stack offers
 * nothing else, and a lost uplink is reconciled by the sensor's next heartbeat.
 */
@Component(
        service = NetworkServerConnection.class,
        configurationPid = ConnectionConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ConnectionConfig.class, factory = true)
public final class NetworkServerConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkServerConnection.class);

    private final ConnectionSettings settings;
    private final ScheduledExecutorService timer;
    private final MqttAsyncClient client;
    /** DevEUI → the device's topic prefix at the server, learnt from its events. */
    private final Map<String, String> routes = new ConcurrentHashMap<>();

    private final AtomicLong refused = new AtomicLong();
    private volatile BiConsumer<NetworkServerConnection, NetworkEvent> receiver = (c, e) -> {};
    /** Whether the event topics are subscribed on the current connection. */
    private volatile boolean subscribed;

    private volatile boolean closed;

    @Activate
    public NetworkServerConnection(ConnectionConfig config) {
        this(ConnectionSettings.from(config));
    }

    public NetworkServerConnection(ConnectionSettings settings) {
        this.settings = settings;
        this.timer =
                Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("urbis-parking-" + settings.name()));
        String clientId = settings.clientId().isEmpty()
                ? "urbis-parking-" + settings.name() + "-" + Long.toHexString(System.nanoTime())
                : settings.clientId();
        try {
            client = new MqttAsyncClient(settings.brokerUrl(), clientId, new MemoryPersistence());
        } catch (MqttException e) {
            timer.shutdownNow();
            throw new IllegalArgumentException(
                    "cannot use broker.url " + settings.brokerUrl() + ": " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
        connect();
    }

    public String name() {
        return settings.name();
    }

    NetworkServer server() {
        return settings.server();
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Whether the server's event topics are subscribed on the current connection: until then no event is heard. */
    public boolean subscribed() {
        return subscribed && client.isConnected();
    }

    /** Messages refused as not the server's JSON so far. */
    public long refused() {
        return refused.get();
    }

    /** Where events go; the driver sets itself when it binds the connection. */
    void receiver(BiConsumer<NetworkServerConnection, NetworkEvent> receiver) {
        this.receiver = receiver;
    }

    /** Whether a device has been heard here, so that a downlink has somewhere to go. */
    boolean knows(String devEui) {
        return routes.containsKey(devEui);
    }

    /** Queues a confirmed downlink at the server. */
    void send(String devEui, Downlink downlink) throws DriverException {
        String route = routes.get(devEui);
        if (route == null) {
            throw new DriverException(
                    QualityReason.COMM_ERROR,
                    "device " + devEui + " has not been heard on connection " + settings.name()
                            + " yet: its downlink topic is not known");
        }
        if (!client.isConnected()) {
            throw new DriverException(
                    QualityReason.COMM_ERROR,
                    "connection " + settings.name() + " to " + settings.brokerUrl() + " is down");
        }
        NetworkServer.Outgoing out = settings.server().downlink(route, devEui, downlink);
        try {
            client.publish(out.topic(), out.payload(), 0, false);
        } catch (MqttException e) {
            throw new DriverException(
                    QualityReason.COMM_ERROR, "publishing on " + out.topic() + " failed: " + e.getMessage(), e);
        }
    }

    private void connect() {
        if (closed || client.isConnected()) {
            return;
        }
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxInflight(1_000);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
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
                "Parking connection {} cannot connect to {}: {}; next attempt in {} s",
                settings.name(),
                settings.brokerUrl(),
                e == null ? "" : e.getMessage(),
                settings.retryDelay().toSeconds());
        try {
            timer.schedule(this::connect, settings.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) {
            // shutting down
        }
    }

    /** Reads one message as the broker delivered it: for the connection's callback and for tests. */
    void deliver(String topic, byte[] payload) {
        NetworkServer.Parsed parsed;
        try {
            parsed = settings.server().parse(topic, payload);
        } catch (NetworkServer.Refused e) {
            long n = refused.incrementAndGet();
            if (n <= 100 || n % 1_000 == 0) {
                LOG.warn(
                        "Connection {} refused a message on {}: {} ({} so far)",
                        settings.name(),
                        topic,
                        e.getMessage(),
                        n);
            }
            return;
        }
        if (parsed == null) {
            return;
        }
        routes.put(parsed.event().devEui(), parsed.route());
        receiver.accept(this, parsed.event());
    }

    @Deactivate
    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.debug("Disconnecting {}: {}", settings.name(), e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("Closing {}: {}", settings.name(), e.getMessage());
        }
    }

    private final class Callback implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            String[] topics = settings.server().subscriptions().toArray(new String[0]);
            LOG.info(
                    "Parking connection {} {} to {} ({})",
                    settings.name(),
                    reconnect ? "reconnected" : "connected",
                    serverURI,
                    settings.server().id());
            subscribed = false;
            try {
                client.subscribe(topics, new int[topics.length], null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        subscribed = true;
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        LOG.error(
                                "Parking connection {}: the broker refused the subscriptions to {}: {}",
                                settings.name(),
                                String.join(", ", topics),
                                e == null ? "" : e.getMessage());
                    }
                });
            } catch (MqttException e) {
                LOG.error(
                        "Parking connection {} could not subscribe to {}: {}",
                        settings.name(),
                        String.join(", ", topics),
                        e.getMessage());
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            subscribed = false;
            LOG.warn(
                    "Parking connection {} lost {}: {}; reconnecting",
                    settings.name(),
                    settings.brokerUrl(),
                    cause == null ? "" : cause.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                deliver(topic, message.getPayload());
            } catch (RuntimeException e) {
                // one device's message never takes the connection down
                LOG.error("Handling a message on {} failed", topic, e);
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
    }
}
