package org.urbis.driver.parking.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.urbis.parking.codec.Downlink;

/**
 * The MQTT integration of one kind of LoRaWAN network server: the topics to subscribe, its JSON
 * read into {@link NetworkEvent}s, and its downlink topic and format. Both write JSON that leaves out
 * default values (ChirpStack's proto3 JSON drops an fCnt of 0 and {@code confirmed: false}; The Things
 * Stack drops empty fields): a missing field is read as its default, never as an error.
 */
enum NetworkServer {

    /** ChirpStack v4: {@code application/{application_id}/device/{dev_eui}/event/{up|status|join|log|ack|txack}}. */
    CHIRPSTACK("chirpstack") {
        @Override
        List<String> subscriptions() {
            return List.of("application/+/device/+/event/+");
        }

        @Override
        Parsed parse(String topic, byte[] payload) throws Refused {
            String[] t = topic.split("/", -1);
            if (t.length != 6 || !t[0].equals("application") || !t[2].equals("device") || !t[4].equals("event")) {
                return null;
            }
            String kind = t[5];
            if (!List.of("up", "status", "join", "log", "ack", "txack").contains(kind)) {
                return null;
            }
            JsonNode root = json(payload);
            String topicEui = eui(t[3], "the topic's DevEUI");
            JsonNode info = root.path("deviceInfo");
            if (info.has("devEui")
                    && !eui(text(info, "devEui"), "deviceInfo.devEui").equals(topicEui)) {
                throw new Refused("deviceInfo.devEui " + text(info, "devEui") + " is not the topic's " + t[3]);
            }
            Instant time = time(root, "time");
            String route = "application/" + t[1] + "/device/" + t[3];
            NetworkEvent event;
            switch (kind) {
                case "up": {
                    long fCnt = counter(root, "fCnt");
                    int fPort = port(root, "fPort");
                    byte[] data = base64(root, "data");
                    Double rssi = null;
                    Double snr = null;
                    for (JsonNode rx : root.path("rxInfo")) {
                        // one uplink heard by several gateways: the strongest one's radio figures
                        double r = rx.path("rssi").asDouble(0);
                        if (rssi == null || r > rssi) {
                            rssi = r;
                            snr = rx.path("snr").asDouble(0);
                        }
                    }
                    event = new NetworkEvent.Uplink(topicEui, time, fCnt, fPort, data, rssi, snr);
                    break;
                }
                case "status":
                    event = new NetworkEvent.Status(
                            topicEui,
                            time,
                            root.path("batteryLevelUnavailable").asBoolean(false)
                                            || root.path("externalPowerSource").asBoolean(false)
                                    ? null
                                    : root.path("batteryLevel").asDouble(0));
                    break;
                case "join":
                    event = new NetworkEvent.Joined(topicEui, time);
                    break;
                case "log":
                    event = new NetworkEvent.Logged(
                            topicEui,
                            time,
                            root.path("code").asText("UNKNOWN"),
                            root.path("description").asText(""));
                    break;
                case "ack":
                    event = new NetworkEvent.DownlinkAcknowledged(
                            topicEui, time, root.path("acknowledged").asBoolean(false));
                    break;
                default:
                    event = new NetworkEvent.DownlinkSent(topicEui, time);
                    break;
            }
            return new Parsed(event, route);
        }

        @Override
        Outgoing downlink(String route, String devEui, Downlink downlink) {
            ObjectNode body = MAPPER.createObjectNode()
                    .put("devEui", devEui.toLowerCase(Locale.ROOT))
                    .put("confirmed", true)
                    .put("fPort", downlink.fPort())
                    .put("data", Base64.getEncoder().encodeToString(downlink.payload()));
            return new Outgoing(route + "/command/down", bytes(body));
        }
    },

    /** The Things Stack v3: {@code v3/{application}@{tenant}/devices/{device_id}/{up|join|down/ack|down/sent}}, QoS 0. */
    THINGS_STACK("tts") {
        @Override
        List<String> subscriptions() {
            return List.of(
                    "v3/+/devices/+/up", "v3/+/devices/+/join", "v3/+/devices/+/down/ack", "v3/+/devices/+/down/sent");
        }

        @Override
        Parsed parse(String topic, byte[] payload) throws Refused {
            String[] t = topic.split("/", -1);
            if (t.length < 5 || !t[0].equals("v3") || !t[2].equals("devices")) {
                return null;
            }
            String kind = String.join("/", java.util.Arrays.copyOfRange(t, 4, t.length));
            if (!List.of("up", "join", "down/ack", "down/sent").contains(kind)) {
                return null;
            }
            JsonNode root = json(payload);
            // the topic names the device id, not the DevEUI: take it from the message
            JsonNode ids = root.path("end_device_ids");
            if (!ids.path("device_id").asText(t[3]).equals(t[3])) {
                throw new Refused(
                        "end_device_ids.device_id " + ids.path("device_id").asText() + " is not the topic's " + t[3]);
            }
            String devEui = eui(text(ids, "dev_eui"), "end_device_ids.dev_eui");
            String route = "v3/" + t[1] + "/devices/" + t[3];
            NetworkEvent event;
            switch (kind) {
                case "up": {
                    JsonNode up = root.path("uplink_message");
                    if (!up.isObject()) {
                        throw new Refused("uplink_message is missing");
                    }
                    Instant time = up.has("received_at") ? time(up, "received_at") : time(root, "received_at");
                    Double rssi = null;
                    Double snr = null;
                    for (JsonNode rx : up.path("rx_metadata")) {
                        double r = rx.has("rssi")
                                ? rx.path("rssi").asDouble()
                                : rx.path("channel_rssi").asDouble(0);
                        if (rssi == null || r > rssi) {
                            rssi = r;
                            snr = rx.path("snr").asDouble(0);
                        }
                    }
                    event = new NetworkEvent.Uplink(
                            devEui,
                            time,
                            counter(up, "f_cnt"),
                            port(up, "f_port"),
                            base64(up, "frm_payload"),
                            rssi,
                            snr);
                    break;
                }
                case "join":
                    event = new NetworkEvent.Joined(devEui, time(root, "received_at"));
                    break;
                case "down/ack":
                    event = new NetworkEvent.DownlinkAcknowledged(devEui, time(root, "received_at"), true);
                    break;
                default:
                    event = new NetworkEvent.DownlinkSent(devEui, time(root, "received_at"));
                    break;
            }
            return new Parsed(event, route);
        }

        @Override
        Outgoing downlink(String route, String devEui, Downlink downlink) {
            ObjectNode body = MAPPER.createObjectNode();
            body.putArray("downlinks")
                    .addObject()
                    .put("f_port", downlink.fPort())
                    .put("frm_payload", Base64.getEncoder().encodeToString(downlink.payload()))
                    .put("priority", "NORMAL")
                    .put("confirmed", true);
            return new Outgoing(route + "/down/push", bytes(body));
        }
    };

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_PAYLOAD = 242;

    private final String id;

    NetworkServer(String id) {
        this.id = id;
    }

    /** The name connections give in their {@code server} setting. */
    String id() {
        return id;
    }

    static NetworkServer of(String id) {
        for (NetworkServer s : values()) {
            if (s.id.equalsIgnoreCase(id.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("server '" + id + "' is neither chirpstack nor tts");
    }

    /** The topic filters that carry every event this driver reads. */
    abstract List<String> subscriptions();

    /**
     * Reads one message.
     *
     * @return the event and the device's topic prefix (where its downlinks go), or null for a topic
     *         this driver does not read
     * @throws Refused when the message is not the server's JSON
     */
    abstract Parsed parse(String topic, byte[] payload) throws Refused;

    /** The topic and message that queue a confirmed downlink at the server. */
    abstract Outgoing downlink(String route, String devEui, Downlink downlink);

    /** A message read: the event, and the device's topic prefix at its server. */
    record Parsed(NetworkEvent event, String route) {}

    record Outgoing(String topic, byte[] payload) {}

    /** A message that is not what the server writes, with the reason. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason);
        }
    }

    // ---- reading the JSON, defaults for left-out fields ----

    /** A DevEUI in either case, as 16 upper-case hex digits. */
    static String eui(String raw, String what) throws Refused {
        String s = raw == null ? "" : raw.trim();
        if (!s.matches("[0-9A-Fa-f]{16}")) {
            throw new Refused(what + " '" + abbreviate(s) + "' is not a DevEUI (16 hex digits)");
        }
        return s.toUpperCase(Locale.ROOT);
    }

    private static JsonNode json(byte[] payload) throws Refused {
        if (payload.length > 65_536) {
            throw new Refused("message of " + payload.length + " bytes is too long");
        }
        try {
            JsonNode root = MAPPER.readTree(payload);
            if (root == null || !root.isObject()) {
                throw new Refused("message is not a JSON object");
            }
            return root;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Refused("message is not JSON: " + abbreviate(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Refused("message is not JSON: " + abbreviate(e.getMessage()));
        }
    }

    private static String text(JsonNode node, String field) throws Refused {
        JsonNode v = node.path(field);
        if (!v.isTextual()) {
            throw new Refused(field + " is missing or not a string");
        }
        return v.asText();
    }

    private static Instant time(JsonNode node, String field) throws Refused {
        String s = text(node, field);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new Refused(field + " '" + abbreviate(s) + "' is not an RFC 3339 time");
        }
    }

    private static long counter(JsonNode node, String field) throws Refused {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return 0; // left out: the proto3 default
        }
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > 0xFFFF_FFFFL) {
            throw new Refused(field + " " + abbreviate(v.toString()) + " is not a 32-bit frame counter");
        }
        return v.asLong();
    }

    private static int port(JsonNode node, String field) throws Refused {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            throw new Refused(field + " is missing: a MAC-only frame carries no sensor data");
        }
        if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 223) {
            throw new Refused(field + " " + abbreviate(v.toString()) + " is not an application port (1-223)");
        }
        return v.asInt();
    }

    private static byte[] base64(JsonNode node, String field) throws Refused {
        JsonNode v = node.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return new byte[0]; // left out: empty
        }
        if (!v.isTextual()) {
            throw new Refused(field + " is not a base64 string");
        }
        try {
            byte[] b = Base64.getDecoder().decode(v.asText());
            if (b.length > MAX_PAYLOAD) {
                throw new Refused(field + " of " + b.length + " bytes is longer than any LoRaWAN payload");
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new Refused(field + " is not base64: " + abbreviate(v.asText()));
        }
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
