package org.urbis.scaleout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.urbis.testing.Paho;

/**
 * The operations centre as a Sparkplug B primary host application, written with Eclipse Tahu's codec
 * (not the platform's): one persistent session over the broker list (failing over like the runtimes),
 * and its retained {@code STATE} published on every broker node, again after every reconnect, since this
 * broker keeps retained messages per node. It keeps every metric it receives, names resolved from the
 * aliases of the births, and tracks which nodes and devices are online.
 */
final class OperationsCentre implements AutoCloseable {

    /** A metric as received: its node, device ("" for the node), message type and whether it was flagged historical. */
    record Received(
            String node, String device, String type, String name, Object value, boolean historical, long arrival) {}

    private final String group;
    private final String hostId;
    /** The STATE this host says on every node: whether it is online, since when (3.0 compares the timestamps). */
    private volatile boolean hostOnline = true;

    private volatile long stateTimestamp = System.currentTimeMillis();
    private final MqttClient session;
    private final List<MqttClient> statePublishers = new ArrayList<>();
    /** Guarded by itself: a copy-on-write list would copy all of it for every metric, and a benchmark's host falls behind. */
    private final List<Received> received = new ArrayList<>();
    /** Messages the host could not read. */
    private final List<String> problems = new CopyOnWriteArrayList<>();
    /** node + '/' + device -> alias -> metric name, from the latest birth. */
    private final Map<String, Map<Long, String>> aliases = new ConcurrentHashMap<>();

    private final Map<String, Boolean> online = new ConcurrentHashMap<>();
    private final AtomicInteger sessionConnects = new AtomicInteger();
    /**
     * Publishes the STATE, and again every {@value #STATE_REPEAT_SECONDS} s: RabbitMQ with
     * {@code mqtt.sparkplug = true} hands a retained message to a new subscriber as {@code spBv1/0/...}
     * (the dot is lost), so a runtime that subscribes after the host spoke sees the STATE only when it
     * is published again.
     */
    private final ScheduledExecutorService announcer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "STATE announcer");
        t.setDaemon(true);
        return t;
    });

    static final int STATE_REPEAT_SECONDS = 2;

    OperationsCentre(String group, String hostId, List<String> brokerUrls) throws MqttException {
        this.group = group;
        this.hostId = hostId;
        session = new MqttClient(brokerUrls.get(0), hostId + "-session", new MemoryPersistence());
        MqttConnectOptions options = Paho.persistentSession(2_000, 1_000);
        options.setServerURIs(brokerUrls.toArray(String[]::new));
        options.setKeepAliveInterval(10);
        session.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                sessionConnects.incrementAndGet();
                if (reconnect) {
                    // The session and its subscription survive on the cluster; subscribing again costs nothing.
                    // Not on Paho's callback thread: the session's queued messages come first and fill its
                    // inbound queue, and a subscribe waiting there would never read its SUBACK behind them.
                    announcer.execute(OperationsCentre.this::subscribe);
                }
            }

            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                // Paho drops the connection when this throws, and the broker sends the same message again.
                try {
                    arrived(topic, message.getPayload());
                } catch (Exception | LinkageError e) {
                    problems.add(topic + ": " + e);
                    ScaleOutIT.progress("the host could not read a message on " + topic + ": " + e);
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        session.connect(options);
        // Subscribed before it says it is online (Sparkplug 3.0, host application STATE): a runtime births as
        // soon as it sees the STATE, and births sent before the subscription would never reach this host.
        session.subscribe("spBv1.0/" + group + "/#", 1);
        for (int i = 0; i < brokerUrls.size(); i++) {
            statePublishers.add(statePublisher(brokerUrls.get(i), i + 1));
        }
        announcer.scheduleWithFixedDelay(
                () -> statePublishers.forEach(this::publishState),
                STATE_REPEAT_SECONDS,
                STATE_REPEAT_SECONDS,
                TimeUnit.SECONDS);
    }

    private void subscribe() {
        try {
            session.subscribe("spBv1.0/" + group + "/#", 1);
        } catch (MqttException e) {
            // automatic reconnect comes back here
        }
    }

    /** A connection to one broker node that keeps this host's STATE retained there. */
    private MqttClient statePublisher(String url, int index) throws MqttException {
        MqttClient client = new MqttClient(url, hostId + "-state-" + index, new MemoryPersistence());
        client.setTimeToWait(5_000); // a node killed mid-publish must not hold up the others' STATE
        MqttConnectOptions options = Paho.reconnecting(2_000);
        options.setKeepAliveInterval(10);
        options.setWill(stateTopic(), stateMessage(false), 1, true);
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                publishState(client);
            }

            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {}

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        client.connect(options);
        return client;
    }

    /**
     * Says on every node that this host is online or offline, as a host does when it starts or stops
     * listening; the runtimes waiting on it birth again, or end their sessions and keep their data.
     */
    void state(boolean online) {
        hostOnline = online;
        stateTimestamp = Math.max(stateTimestamp + 1, System.currentTimeMillis());
        statePublishers.forEach(this::publishState);
    }

    private void publishState(MqttClient client) {
        // On the announcer's thread: not on Paho's callback thread, which a blocking publish would wait on.
        announcer.execute(() -> {
            if (client.isConnected()) {
                try {
                    client.publish(stateTopic(), stateMessage(hostOnline), 1, true);
                } catch (MqttException e) {
                    // lost again: the next connectComplete publishes it
                }
            }
        });
    }

    private String stateTopic() {
        return "spBv1.0/STATE/" + hostId;
    }

    private byte[] stateMessage(boolean isOnline) {
        return ("{\"online\":" + isOnline + ",\"timestamp\":" + stateTimestamp + "}").getBytes(StandardCharsets.UTF_8);
    }

    private void arrived(String topic, byte[] bytes) throws Exception {
        String[] parts = topic.split("/");
        if (parts.length < 4) {
            return;
        }
        String type = parts[2];
        String node = parts[3];
        String device = parts.length > 4 ? parts[4] : "";
        if (type.endsWith("CMD")) {
            return; // our own commands
        }
        SparkplugBPayload payload = new SparkplugBPayloadDecoder().buildFromByteArray(bytes, null);
        String key = node + '/' + device;
        long now = System.nanoTime();
        switch (type) {
            case "NBIRTH", "DBIRTH" -> {
                Map<Long, String> names = new ConcurrentHashMap<>();
                payload.getMetrics().stream()
                        .filter(m -> m.getAlias() != null)
                        .forEach(m -> names.put(m.getAlias(), m.getName()));
                aliases.put(key, names);
                online.put(key, true);
            }
            case "NDEATH" ->
                online.keySet().stream().filter(k -> k.startsWith(node + '/')).forEach(k -> online.put(k, false));
            case "DDEATH" -> online.put(key, false);
            default -> {}
        }
        List<Received> entries = new ArrayList<>();
        entries.add(new Received(node, device, type, null, null, false, now));
        for (Metric m : payload.getMetrics()) {
            String name = m.getName() != null && !m.getName().isEmpty()
                    ? m.getName()
                    : m.getAlias() == null
                            ? null
                            : aliases.getOrDefault(key, Map.of()).get(m.getAlias());
            entries.add(
                    new Received(node, device, type, name, m.getValue(), Boolean.TRUE.equals(m.isHistorical()), now));
        }
        synchronized (received) {
            received.addAll(entries);
        }
    }

    /** Sends a DCMD setting one metric of a device of a node. */
    void command(String node, String device, String metric, MetricDataType type, Object value) throws Exception {
        SparkplugBPayload payload = new SparkplugBPayload(
                new Date(), List.of(new Metric.MetricBuilder(metric, type, value).createMetric()));
        session.publish(
                "spBv1.0/" + group + "/DCMD/" + node + '/' + device,
                new SparkplugBPayloadEncoder().getBytes(payload, false),
                1,
                false);
    }

    /** The messages of a type (the metric-less entry each message leaves) from a node, or a device of it. */
    long messages(String type, String node, String device) {
        return all().stream()
                .filter(r -> r.name() == null
                        && r.type().equals(type)
                        && r.node().equals(node)
                        && (device == null || r.device().equals(device)))
                .count();
    }

    /** The devices a node has given birth to. */
    List<String> bornDevices(String node) {
        return all().stream()
                .filter(r -> r.name() == null
                        && r.type().equals("DBIRTH")
                        && r.node().equals(node))
                .map(Received::device)
                .distinct()
                .toList();
    }

    /** Every received metric of that name from a device of a node, in arrival order. */
    List<Received> metrics(String node, String device, String name) {
        return all().stream()
                .filter(r -> name.equals(r.name())
                        && r.node().equals(node)
                        && r.device().equals(device))
                .toList();
    }

    /** Every received metric whose name starts with that prefix, from any node. */
    List<Received> metricsNamed(String prefix) {
        return all().stream()
                .filter(r -> r.name() != null && r.name().startsWith(prefix))
                .toList();
    }

    /** Messages the host could not read, with why. */
    List<String> problems() {
        return problems;
    }

    /** How many entries have been received so far: a mark for {@link #since}. */
    int received() {
        synchronized (received) {
            return received.size();
        }
    }

    /** What arrived after a mark of {@link #received()}. */
    List<Received> since(int mark) {
        synchronized (received) {
            return List.copyOf(received.subList(mark, received.size()));
        }
    }

    private List<Received> all() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    boolean online(String node, String device) {
        return Objects.requireNonNullElse(online.get(node + '/' + device), false);
    }

    int sessionConnects() {
        return sessionConnects.get();
    }

    @Override
    public void close() throws MqttException {
        announcer.shutdownNow();
        for (MqttClient c : statePublishers) {
            closeQuietly(c);
        }
        closeQuietly(session);
    }

    private static void closeQuietly(MqttClient c) {
        try {
            if (c.isConnected()) {
                c.disconnect(2_000);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            // closed already
        }
    }
}
