package org.urbis.simulator.streetlight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fleet of simulated luminaire nodes sharing one MQTT connection. Each node keeps its relay, dim
 * level, meters and program; answers {@code <root>/<id>/cmd} with a status on {@code <root>/<id>/status}
 * and an acknowledgement on {@code <root>/<id>/ack}; publishes its status every status interval;
 * runs its program when no command overrides it; and takes injected {@link Fault faults}.
 *
 * <p>Thread-safe. {@link #start} connects; the connection then reconnects on its own.
 */
public final class LuminaireFleet implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LuminaireFleet.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int QOS = 1;

    private final FleetSettings settings;
    private final Map<String, Luminaire> nodes = new LinkedHashMap<>();
    private final AtomicLong commandsReceived = new AtomicLong();
    private final AtomicLong publishFailures = new AtomicLong();
    private final AtomicLong garbageSent = new AtomicLong();
    private volatile ScheduledExecutorService timer;
    private volatile MqttAsyncClient client;
    private volatile long lastTickNanos;

    public FleetSettings settings() {
        return settings;
    }

    public LuminaireFleet(FleetSettings settings) {
        this.settings = settings;
    }

    /**
     * Creates {@code n} nodes, connects to the broker and starts them. Returns whether the first
     * connection succeeded; when it did not, the fleet keeps trying in the background.
     */
    public synchronized boolean start(int n) {
        if (client != null) {
            throw new IllegalStateException("the fleet is running already");
        }
        if (n < 1) {
            throw new IllegalArgumentException("a fleet needs at least one node, not " + n);
        }
        long now = System.nanoTime();
        long spread = settings.statusInterval().toNanos();
        for (int i = 1; i <= n; i++) {
            String id = settings.nodeId(i, n);
            // first statuses spread over one interval, so that a large fleet does not report all at once
            long first = now + (n == 1 ? 0 : spread / n * (i - 1));
            nodes.put(id, new Luminaire(id, settings.topicRoot() + "/" + id, settings.ratedPowerW(), 230.0, first));
        }
        timer = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "streetlight-simulator");
            t.setDaemon(true);
            return t;
        });
        try {
            client = new MqttAsyncClient(
                    settings.brokerUrl(), "urbis-sim-" + Long.toHexString(System.nanoTime()), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException(
                    "cannot use broker URL " + settings.brokerUrl() + ": " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
        lastTickNanos = System.nanoTime();
        long tick = settings.tick().toMillis();
        timer.scheduleAtFixedRate(this::tick, tick, tick, TimeUnit.MILLISECONDS);
        boolean connected = connect();
        LOG.info(
                "Simulated fleet of {} luminaires on {} under {}/ ({})",
                n,
                settings.brokerUrl(),
                settings.topicRoot(),
                connected ? "connected" : "not connected yet, retrying");
        return connected;
    }

    private boolean connect() {
        MqttAsyncClient c = client;
        if (c == null || c.isConnected()) {
            return c != null;
        }
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(true);
        options.setMaxInflight(65_535);
        options.setKeepAliveInterval(30);
        options.setConnectionTimeout(10);
        if (!settings.username().isEmpty()) {
            options.setUserName(settings.username());
            options.setPassword(settings.password().toCharArray());
        }
        try {
            c.connect(options).waitForCompletion(15_000);
            c.subscribe(settings.topicRoot() + "/+/cmd", QOS).waitForCompletion(15_000);
            for (Luminaire node : nodes.values()) {
                if (!node.has(Fault.OFFLINE)) {
                    publishStatus(node);
                }
            }
            return true;
        } catch (MqttException e) {
            // Paho does not retry a failed first connection by itself.
            LOG.warn("Simulated fleet cannot connect to {}: {}; retrying in 5 s", settings.brokerUrl(), e.getMessage());
            ScheduledExecutorService t = timer;
            if (t != null && !t.isShutdown()) {
                t.schedule(this::connect, 5, TimeUnit.SECONDS);
            }
            return false;
        }
    }

    /** Whether the fleet's connection is up. */
    public boolean connected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    /** Stops every node and disconnects. */
    public synchronized void stop() {
        ScheduledExecutorService t = timer;
        timer = null;
        if (t != null) {
            t.shutdownNow();
        }
        MqttAsyncClient c = client;
        client = null;
        if (c != null) {
            try {
                if (c.isConnected()) {
                    c.disconnect(2_000).waitForCompletion(3_000);
                }
            } catch (MqttException e) {
                LOG.debug("Simulated fleet disconnect: {}", e.getMessage());
            }
            try {
                c.close(true);
            } catch (MqttException e) {
                LOG.debug("Simulated fleet close: {}", e.getMessage());
            }
        }
        nodes.clear();
    }

    @Override
    public void close() {
        stop();
    }

    // ---- the test and console API ----

    /** The nodes' ids, in order. */
    public synchronized List<String> nodeIds() {
        return new ArrayList<>(nodes.keySet());
    }

    /** The topic prefix of a node, the address an inventory entry gives it. */
    public String address(String nodeId) {
        return node(nodeId).topic;
    }

    public NodeState state(String nodeId) {
        return node(nodeId).snapshot();
    }

    /**
     * Switches a fault on or off. A node coming back from OFFLINE publishes its status at once, as a
     * real node does when it rejoins.
     */
    public void fault(String nodeId, Fault fault, boolean on) {
        Luminaire node = node(nodeId);
        node.fault(fault, on);
        if (fault == Fault.OFFLINE && !on || fault == Fault.LAMP_FAILED) {
            publishStatus(node);
        }
    }

    /** Delays the node's acknowledgements (a slow radio link); zero for none. */
    public void ackDelay(String nodeId, Duration delay) {
        node(nodeId).ackDelay(delay);
    }

    /** Makes the node publish its status now. */
    public void publishStatus(String nodeId) {
        publishStatus(node(nodeId));
    }

    /** Publishes any bytes on the node's status topic: a garbage payload of the test's choosing. */
    public void publishRaw(String nodeId, byte[] payload) {
        publish(node(nodeId).topic + "/status", payload);
    }

    /** Commands the fleet received, all nodes together. */
    public long commandsReceived() {
        return commandsReceived.get();
    }

    /** Garbage payloads nodes with the GARBAGE fault published. */
    public long garbageSent() {
        return garbageSent.get();
    }

    private Luminaire node(String nodeId) {
        Luminaire node;
        synchronized (this) {
            node = nodes.get(nodeId);
        }
        if (node == null) {
            throw new IllegalArgumentException("no simulated node " + nodeId);
        }
        return node;
    }

    // ---- the nodes at work ----

    private void tick() {
        try {
            long nowNanos = System.nanoTime();
            Duration dt = Duration.ofNanos(nowNanos - lastTickNanos);
            lastTickNanos = nowNanos;
            Instant now = settings.clock().instant();
            List<Luminaire> all;
            synchronized (this) {
                all = new ArrayList<>(nodes.values());
            }
            for (Luminaire node : all) {
                node.advance(dt);
                boolean changed = node.runProgram(now, settings.latitude(), settings.longitude());
                if (node.has(Fault.OFFLINE)) {
                    continue;
                }
                if (changed || nowNanos - node.nextStatusNanos >= 0) {
                    node.nextStatusNanos = nowNanos + settings.statusInterval().toNanos();
                    publishStatus(node);
                }
            }
        } catch (RuntimeException e) {
            LOG.error("Simulated fleet tick failed", e);
        }
    }

    private static final String[] GARBAGE = {
        "this is not JSON {",
        "[1, 2, 3]",
        "{\"relay\": \"maybe\", \"dim\": \"bright\", \"power\": -5}",
        "{\"relay\": true, \"dim\": 40, \"colour\": \"blue\", \"firmware\": {\"bug\": true}}",
        "{\"relay\": true, \"dim\": 40, \"power\": 48.0, ",
    };

    private void publishStatus(Luminaire node) {
        if (node.has(Fault.OFFLINE)) {
            return;
        }
        // Taken and queued under the node's lock, as one radio would: a status of the state before a
        // command can never leave after that command's own status and acknowledgement.
        synchronized (node) {
            byte[] payload;
            if (node.has(Fault.GARBAGE)) {
                long k = garbageSent.getAndIncrement();
                payload = k % 6 == 5
                        ? "x".repeat(100_000).getBytes(StandardCharsets.US_ASCII)
                        : GARBAGE[(int) (k % 6)].getBytes(StandardCharsets.UTF_8);
            } else {
                try {
                    payload =
                            JSON.writeValueAsBytes(node.status(settings.clock().instant()));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot encode a status", e);
                }
            }
            publish(node.topic + "/status", payload);
        }
    }

    private void publish(String topic, byte[] payload) {
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            publishFailures.incrementAndGet();
            return;
        }
        try {
            MqttMessage m = new MqttMessage(payload);
            m.setQos(QOS);
            c.publish(topic, m);
        } catch (MqttException e) {
            publishFailures.incrementAndGet();
            LOG.debug("Simulated node could not publish on {}: {}", topic, e.getMessage());
        }
    }

    private void command(Luminaire node, byte[] payload) {
        commandsReceived.incrementAndGet();
        if (node.has(Fault.OFFLINE)) {
            return;
        }
        String id = "";
        String error = null;
        try {
            JsonNode cmd = JSON.readTree(payload);
            id = cmd.path("id").asText("");
            JsonNode value = cmd.get("value");
            Instant now = settings.clock().instant();
            switch (cmd.path("op").asText("")) {
                case "switch":
                    if (value == null || !value.isBoolean()) {
                        error = "switch needs a boolean value";
                    } else {
                        node.commanded(now);
                        node.relay(value.booleanValue());
                    }
                    break;
                case "dim":
                    if (value == null || !value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > 100) {
                        error = "dim needs a number from 0 to 100";
                    } else {
                        node.commanded(now);
                        node.dim(value.doubleValue());
                    }
                    break;
                case "program":
                    node.program(Program.parse(value));
                    node.runProgram(now, settings.latitude(), settings.longitude());
                    break;
                case "status":
                    break;
                default:
                    error = "unknown op '" + cmd.path("op").asText("") + "'";
            }
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        } catch (Exception e) {
            error = "unreadable command: " + e.getMessage();
        }
        if (error == null && !id.isEmpty()) {
            node.lastCommandId(id);
        }
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("id", id);
        ack.put("ok", error == null);
        if (error != null) {
            ack.put("error", error);
        }
        Duration delay = node.ackDelay();
        Runnable answer = () -> {
            publishStatus(node);
            if (!node.has(Fault.LOST_ACKS) && !node.has(Fault.OFFLINE)) {
                try {
                    publish(node.topic + "/ack", JSON.writeValueAsBytes(ack));
                } catch (Exception e) {
                    LOG.error("Simulated node {} cannot encode an acknowledgement", node.id, e);
                }
            }
        };
        ScheduledExecutorService t = timer;
        if (delay.isZero() || t == null) {
            answer.run();
        } else {
            t.schedule(answer, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private final class Callback implements MqttCallbackExtended {

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (reconnect) {
                // a clean session lost the subscription: subscribe again
                MqttAsyncClient c = client;
                try {
                    if (c != null) {
                        c.subscribe(settings.topicRoot() + "/+/cmd", QOS);
                    }
                } catch (MqttException e) {
                    LOG.warn("Simulated fleet could not subscribe again after reconnecting: {}", e.getMessage());
                }
            }
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.warn("Simulated fleet lost its broker connection: {}", cause == null ? "" : cause.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // <root>/<id>/cmd
            String rest = topic.substring(settings.topicRoot().length() + 1);
            int slash = rest.indexOf('/');
            Luminaire node;
            synchronized (LuminaireFleet.this) {
                node = slash > 0 ? nodes.get(rest.substring(0, slash)) : null;
            }
            if (node != null) {
                try {
                    command(node, message.getPayload());
                } catch (RuntimeException e) {
                    LOG.error("Simulated node {} failed on a command", node.id, e);
                }
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {}
    }
}
