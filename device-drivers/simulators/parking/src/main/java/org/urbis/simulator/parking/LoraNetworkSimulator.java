package org.urbis.simulator.parking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A LoRaWAN network server's MQTT integration with parking sensors behind it: each bay's frames in
 * its vendor's layout, published as ChirpStack v4 events ({@code application/{app}/device/{eui}/event/up},
 * JSON leaving out proto3 defaults such as an fCnt of 0) or The Things Stack v3 events
 * ({@code v3/{app}@{tenant}/devices/{id}/up}). Faults on demand: a lost frame, a duplicate, a restart
 * (counter back to 0 after a join), garbage. Downlinks queued on the server's downlink topic go out
 * with the bay's next uplink, as class A does, and are reported sent and acknowledged.
 */
public final class LoraNetworkSimulator implements AutoCloseable {

    /** Which network server to imitate. */
    public enum Server {
        CHIRPSTACK,
        TTS
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Server server;
    private final String application;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final Map<String, Bay> bays = new ConcurrentHashMap<>();
    private final SplittableRandom random = new SplittableRandom(42);
    private final AtomicLong published = new AtomicLong();
    private final List<String> downlinksReceived = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One simulated sensor. Guarded by itself. */
    private static final class Bay {
        final String devEui;
        final SensorModel model;
        boolean occupied;
        Instant since;
        long fCnt;
        double volts = 3.6;
        double celsius = 28;
        boolean loseNext;
        boolean duplicateNext;
        boolean downlinkPending;

        Bay(String devEui, SensorModel model, Instant now) {
            this.devEui = devEui;
            this.model = model;
            this.since = now;
        }
    }

    /**
     * @param brokerUrl   the broker the driver listens on
     * @param server      whose topics and JSON
     * @param application the ChirpStack application id, or The Things Stack's {@code app@tenant}
     */
    public LoraNetworkSimulator(String brokerUrl, Server server, String application, Clock clock) {
        this.server = server;
        this.application = application;
        this.clock = clock;
        try {
            client = new MqttAsyncClient(
                    brokerUrl, "urbis-lora-sim-" + Long.toHexString(System.nanoTime()), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("cannot use broker " + brokerUrl + ": " + e.getMessage(), e);
        }
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                try {
                    client.subscribe(
                            server == Server.CHIRPSTACK
                                    ? "application/+/device/+/command/down"
                                    : "v3/+/devices/+/down/push",
                            0);
                } catch (MqttException e) {
                    // the next reconnect tries again
                }
            }

            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                onDownlink(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
    }

    /** Connects, waiting up to {@code seconds}; false when the broker cannot be reached (it keeps trying). */
    public boolean start(int seconds) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(true);
        o.setMaxInflight(65_535);
        try {
            client.connect(o).waitForCompletion(TimeUnit.SECONDS.toMillis(seconds));
            return client.isConnected();
        } catch (MqttException e) {
            return false;
        }
    }

    public boolean connected() {
        return client.isConnected();
    }

    /** Adds a sensor, free, with its counter at 0; sends nothing yet. */
    public void add(String devEui, SensorModel model) {
        bays.put(devEui.toUpperCase(Locale.ROOT), new Bay(devEui.toUpperCase(Locale.ROOT), model, clock.instant()));
    }

    public List<String> devEuis() {
        return new ArrayList<>(bays.keySet());
    }

    public boolean occupied(String devEui) {
        Bay b = bay(devEui);
        synchronized (b) {
            return b.occupied;
        }
    }

    /** A car arrives (or leaves): the sensor sends its status frame. */
    public void park(String devEui, boolean occupied) {
        Bay b = bay(devEui);
        synchronized (b) {
            if (b.occupied == occupied) {
                return;
            }
            Instant now = clock.instant();
            long previous = java.time.Duration.between(b.since, now).toMinutes();
            b.occupied = occupied;
            b.since = now;
            send(b, b.model.status(occupied, previous));
        }
    }

    /** The sensor's periodic heartbeat, carrying its occupancy (which reconciles a lost status frame). */
    public void heartbeat(String devEui) {
        Bay b = bay(devEui);
        synchronized (b) {
            send(b, b.model.heartbeat(b.occupied, b.volts, b.celsius));
        }
    }

    /** The battery as the next heartbeats report it. */
    public void battery(String devEui, double volts) {
        Bay b = bay(devEui);
        synchronized (b) {
            b.volts = volts;
        }
    }

    /**
     * The sensor restarts and sends its startup frame with the counter back at 0: after joining again
     * (OTAA, the server reports the join) or without (ABP, only the counter tells).
     */
    public void restart(String devEui, boolean join) {
        Bay b = bay(devEui);
        synchronized (b) {
            b.fCnt = 0;
            if (join) {
                publishEvent(b, "join", null);
            }
            send(b, b.model.startup(b.occupied));
        }
    }

    /** The next frame of this sensor is lost on the air (its counter still advances). */
    public void loseNext(String devEui) {
        Bay b = bay(devEui);
        synchronized (b) {
            b.loseNext = true;
        }
    }

    /** The next frame arrives twice (two integrations, a retransmission). */
    public void duplicateNext(String devEui) {
        Bay b = bay(devEui);
        synchronized (b) {
            b.duplicateNext = true;
        }
    }

    /** A frame no codec of the model accepts. */
    public void garbage(String devEui) {
        Bay b = bay(devEui);
        synchronized (b) {
            send(b, new SensorModel.Frame(9 + random.nextInt(100), new byte[] {(byte) 0xFF, (byte) random.nextInt(256)
            }));
        }
    }

    /** Sends every bay's startup frame: how a street of sensors announces itself. */
    public void startupAll() {
        for (String eui : devEuis()) {
            Bay b = bay(eui);
            synchronized (b) {
                send(b, b.model.startup(b.occupied));
            }
        }
    }

    /** One step of traffic: a random bay changes, with probability {@code changeShare}; else one sends a heartbeat. */
    public void step(double changeShare) {
        List<String> all = devEuis();
        if (all.isEmpty()) {
            return;
        }
        String eui = all.get(random.nextInt(all.size()));
        if (random.nextDouble() < changeShare) {
            park(eui, !occupied(eui));
        } else {
            heartbeat(eui);
        }
    }

    /** Messages published so far. */
    public long published() {
        return published.get();
    }

    /** Downlink topics received so far. */
    public List<String> downlinksReceived() {
        return List.copyOf(downlinksReceived);
    }

    private Bay bay(String devEui) {
        Bay b = bays.get(devEui.toUpperCase(Locale.ROOT));
        if (b == null) {
            throw new IllegalArgumentException("no simulated sensor " + devEui);
        }
        return b;
    }

    private void send(Bay b, SensorModel.Frame frame) {
        long fCnt = b.fCnt;
        b.fCnt = (b.fCnt + 1) & 0xFFFF_FFFFL;
        if (b.loseNext) {
            b.loseNext = false;
            return;
        }
        boolean pending = b.downlinkPending;
        b.downlinkPending = false;
        ObjectNode up = uplink(b, fCnt, frame);
        publishEvent(b, "up", up);
        if (b.duplicateNext) {
            b.duplicateNext = false;
            publishEvent(b, "up", up);
        }
        if (pending) {
            // class A: the queued downlink goes out in this uplink's receive window, and is acknowledged with the next
            publishEvent(b, server == Server.CHIRPSTACK ? "txack" : "down/sent", null);
            publishEvent(b, server == Server.CHIRPSTACK ? "ack" : "down/ack", null);
        }
    }

    private ObjectNode uplink(Bay b, long fCnt, SensorModel.Frame frame) {
        String time = clock.instant().toString();
        double rssi = -70 - random.nextInt(50);
        double snr = Math.round((random.nextDouble() * 20 - 8) * 10) / 10.0;
        String data = Base64.getEncoder().encodeToString(frame.payload());
        if (server == Server.CHIRPSTACK) {
            ObjectNode o = base(b, time);
            o.put("devAddr", b.devEui.substring(8).toLowerCase(Locale.ROOT))
                    .put("adr", true)
                    .put("dr", 5);
            if (fCnt != 0) {
                o.put("fCnt", fCnt); // proto3 JSON leaves out an fCnt of 0
            }
            o.put("fPort", frame.fPort());
            if (frame.payload().length > 0) {
                o.put("data", data);
            }
            ObjectNode rx = o.putArray("rxInfo").addObject();
            rx.put("gatewayId", "0016c001ff10a235")
                    .put("uplinkId", random.nextInt(65_536))
                    .put("rssi", (int) rssi);
            rx.put("snr", snr).put("location", "");
            rx.putObject("context");
            o.putObject("txInfo")
                    .put("frequency", 923_200_000)
                    .putObject("modulation")
                    .putObject("lora")
                    .put("bandwidth", 125_000)
                    .put("spreadingFactor", 7)
                    .put("codeRate", "CR_4_5");
            return o;
        }
        ObjectNode o = base(b, time);
        ObjectNode msg = o.putObject("uplink_message");
        msg.put("session_key_id", "AXA50...");
        if (fCnt != 0) {
            msg.put("f_cnt", fCnt);
        }
        msg.put("f_port", frame.fPort());
        if (frame.payload().length > 0) {
            msg.put("frm_payload", data);
        }
        ObjectNode rx = msg.putArray("rx_metadata").addObject();
        rx.putObject("gateway_ids").put("gateway_id", "gw-phan-thiet-1");
        rx.put("rssi", rssi).put("channel_rssi", rssi).put("snr", snr).put("received_at", time);
        msg.put("received_at", time);
        return o;
    }

    private ObjectNode base(Bay b, String time) {
        ObjectNode o = JSON.createObjectNode();
        if (server == Server.CHIRPSTACK) {
            o.put("deduplicationId", UUID.randomUUID().toString()).put("time", time);
            ObjectNode info = o.putObject("deviceInfo");
            info.put("tenantId", "52f14cd4-c6f1-4fbd-8f87-4025e1d49242").put("tenantName", "Phan Thiết");
            info.put("applicationId", application)
                    .put("applicationName", "parking")
                    .put("deviceProfileName", b.model.id());
            info.put("deviceName", "bay-" + b.devEui.substring(12).toLowerCase(Locale.ROOT));
            info.put("devEui", b.devEui.toLowerCase(Locale.ROOT));
            info.putObject("tags");
        } else {
            ObjectNode ids = o.putObject("end_device_ids");
            ids.put("device_id", deviceId(b))
                    .putObject("application_ids")
                    .put("application_id", application.split("@")[0]);
            ids.put("dev_eui", b.devEui).put("dev_addr", b.devEui.substring(8));
            o.put("received_at", time);
        }
        return o;
    }

    private static String deviceId(Bay b) {
        return "bay-" + b.devEui.toLowerCase(Locale.ROOT);
    }

    private void publishEvent(Bay b, String event, ObjectNode body) {
        ObjectNode o = body != null ? body : base(b, clock.instant().toString());
        if (body == null && server == Server.CHIRPSTACK && event.equals("ack")) {
            o.put("acknowledged", true).put("fCntDown", 1);
        }
        String topic = server == Server.CHIRPSTACK
                ? "application/" + application + "/device/" + b.devEui.toLowerCase(Locale.ROOT) + "/event/" + event
                : "v3/" + application + "/devices/" + deviceId(b) + "/" + event;
        publish(topic, o);
    }

    private void publish(String topic, ObjectNode o) {
        try {
            client.publish(topic, JSON.writeValueAsBytes(o), 0, false);
            published.incrementAndGet();
        } catch (MqttException | IOException e) {
            // QoS 0: a message the broker did not take is a lost frame, as on the air
        }
    }

    /** A raw message on any topic: for tests of what the server might send. */
    public void publishRaw(String topic, byte[] payload) {
        try {
            client.publish(topic, payload, 0, false);
            published.incrementAndGet();
        } catch (MqttException e) {
            // as above
        }
    }

    private void onDownlink(String topic, byte[] payload) {
        String[] t = topic.split("/");
        String eui = server == Server.CHIRPSTACK ? t[3] : t[3].replaceFirst("^bay-", "");
        Bay b = bays.get(eui.toUpperCase(Locale.ROOT));
        if (b != null) {
            synchronized (b) {
                b.downlinkPending = true;
            }
        }
        // recorded only once queued, so a caller that saw it can rely on the next uplink carrying it
        downlinksReceived.add(topic);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // closed
        }
    }
}
