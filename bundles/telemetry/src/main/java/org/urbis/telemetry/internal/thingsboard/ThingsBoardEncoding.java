package org.urbis.telemetry.internal.thingsboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.device.Device;
import org.urbis.telemetry.internal.encoding.Catalogue;
import org.urbis.telemetry.internal.encoding.CommandRequest;
import org.urbis.telemetry.internal.encoding.Downlink;
import org.urbis.telemetry.internal.encoding.Encoding;
import org.urbis.telemetry.internal.encoding.Outbound;
import org.urbis.telemetry.internal.record.RecordCodec;
import org.urbis.telemetry.internal.record.TelemetryRecord;
import org.urbis.telemetry.internal.store.LogEntry;

/**
 * The ThingsBoard gateway MQTT API: {@code v1/gateway/connect} and {@code disconnect} as devices come
 * and go, {@code v1/gateway/telemetry} with source timestamps (many devices and points per message),
 * {@code v1/gateway/attributes} for health, and server-side RPC on {@code v1/gateway/rpc}.
 *
 * <p>RPC: {@code {"device":"SL-1","data":{"id":7,"method":"set","params":{"point":"dim","value":40}}}},
 * or the method named after the point ({@code "method":"dim","params":40}). The reply goes to
 * {@code v1/gateway/rpc} as {@code {"device":"SL-1","id":7,"data":{"success":true,"state":"CONFIRMED"}}}.
 */
public final class ThingsBoardEncoding implements Encoding {

    private static final Logger LOG = LoggerFactory.getLogger(ThingsBoardEncoding.class);
    public static final String CONNECT = "v1/gateway/connect";
    public static final String DISCONNECT = "v1/gateway/disconnect";
    public static final String TELEMETRY = "v1/gateway/telemetry";
    public static final String ATTRIBUTES = "v1/gateway/attributes";
    public static final String RPC = "v1/gateway/rpc";
    private static final int MAX_VALUES = 1000;

    private final ObjectMapper json;

    public ThingsBoardEncoding() {
        json = new ObjectMapper();
        json.getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(64)
                        .maxStringLength(100_000)
                        .maxNumberLength(100)
                        .build());
    }

    @Override
    public String name() {
        return "thingsboard";
    }

    @Override
    public Session newSession(Catalogue catalogue) {
        return new TbSession(catalogue);
    }

    private final class TbSession implements Session {

        private final Catalogue catalogue;
        private final Set<String> connected = new HashSet<>();

        TbSession(Catalogue catalogue) {
            this.catalogue = catalogue;
        }

        @Override
        public Outbound will() {
            return null;
        }

        @Override
        public List<String> subscriptions() {
            return List.of(RPC);
        }

        @Override
        public List<Outbound> births() {
            connected.clear();
            List<Outbound> out = new ArrayList<>();
            for (Device d : catalogue.present()) {
                out.add(connect(d.id(), d.deviceClass().id()));
            }
            return out;
        }

        private Outbound connect(String dev, String type) {
            connected.add(dev);
            ObjectNode n = json.createObjectNode().put("device", dev).put("type", type);
            return Outbound.qos1(CONNECT, bytes(n));
        }

        @Override
        public List<Outbound> goodbye() {
            return List.of();
        }

        @Override
        public List<Outbound> encode(List<LogEntry> entries, long historicalBefore) {
            List<Outbound> out = new ArrayList<>();
            Batch batch = new Batch();
            for (LogEntry entry : entries) {
                TelemetryRecord r;
                try {
                    r = RecordCodec.decode(entry.payload());
                } catch (RuntimeException e) {
                    LOG.error("Telemetry record {} cannot be read and is skipped: {}", entry.index(), e.getMessage());
                    continue;
                }
                String dev = r.deviceId();
                switch (r.kind()) {
                    case BIRTH:
                        batch.flush(out);
                        out.add(connect(dev, r.name()));
                        break;
                    case DEATH:
                        batch.flush(out);
                        connected.remove(dev);
                        out.add(Outbound.qos1(
                                DISCONNECT, bytes(json.createObjectNode().put("device", dev))));
                        break;
                    case VALUE: {
                        ensureConnected(out, batch, dev);
                        ObjectNode values = batch.values(dev, r.timeMillis(), r.name());
                        putValue(values, r.name(), r.value());
                        if (!r.good()) {
                            values.put(r.name() + ".quality", r.a() + ':' + r.b());
                        }
                        batch.count(out);
                        break;
                    }
                    case ALARM: {
                        ensureConnected(out, batch, dev);
                        String key = "alarm." + r.name();
                        ObjectNode values = batch.values(dev, r.timeMillis(), key);
                        values.put(key, r.b()).put(key + ".severity", r.a()).put(key + ".message", r.c());
                        batch.count(out);
                        break;
                    }
                    case HEALTH: {
                        batch.flush(out);
                        ensureConnected(out, batch, dev);
                        ObjectNode attrs = json.createObjectNode();
                        attrs.putObject(dev)
                                .put("health", r.a())
                                .put("healthDetail", r.b())
                                .put("healthMessage", r.c())
                                .put("healthSince", r.timeMillis());
                        out.add(Outbound.qos1(ATTRIBUTES, bytes(attrs)));
                        if ("DRIVER_MISSING".equals(r.a())) {
                            connected.remove(dev);
                            out.add(Outbound.qos1(
                                    DISCONNECT, bytes(json.createObjectNode().put("device", dev))));
                        }
                        break;
                    }
                    case MAINTENANCE: {
                        batch.flush(out);
                        ensureConnected(out, batch, dev);
                        ObjectNode attrs = json.createObjectNode();
                        attrs.putObject(dev)
                                .put("maintenance", "true".equals(r.a()))
                                .put("maintenanceTarget", r.b())
                                .put("maintenanceDetail", r.c())
                                .put("maintenanceSince", r.timeMillis());
                        out.add(Outbound.qos1(ATTRIBUTES, bytes(attrs)));
                        break;
                    }
                    default:
                        throw new AssertionError(r.kind());
                }
            }
            batch.flush(out);
            return out;
        }

        private void ensureConnected(List<Outbound> out, Batch batch, String dev) {
            if (!connected.contains(dev)) {
                // The device has nothing pending yet, so its connect may go before the batch being filled.
                out.add(connect(
                        dev,
                        catalogue.device(dev).map(d -> d.deviceClass().id()).orElse("urbis")));
            }
        }

        /** One telemetry message being filled: per device, entries of one timestamp each. */
        private final class Batch {
            private final Map<String, ArrayNode> devices = new LinkedHashMap<>();
            private final Map<String, ObjectNode> lastEntry = new LinkedHashMap<>();
            private int values;

            /** The values object of the device's entry for {@code ts}, new unless the last one has that ts and lacks the key. */
            ObjectNode values(String dev, long ts, String key) {
                ObjectNode last = lastEntry.get(dev);
                if (last != null
                        && last.get("ts").asLong() == ts
                        && !last.get("values").has(key)) {
                    return (ObjectNode) last.get("values");
                }
                ObjectNode e = json.createObjectNode().put("ts", ts);
                ObjectNode v = e.putObject("values");
                devices.computeIfAbsent(dev, k -> json.createArrayNode()).add(e);
                lastEntry.put(dev, e);
                return v;
            }

            void count(List<Outbound> out) {
                if (++values >= MAX_VALUES) {
                    flush(out);
                }
            }

            void flush(List<Outbound> out) {
                if (devices.isEmpty()) {
                    return;
                }
                ObjectNode root = json.createObjectNode();
                devices.forEach(root::set);
                out.add(Outbound.qos1(TELEMETRY, bytes(root)));
                devices.clear();
                lastEntry.clear();
                values = 0;
            }
        }

        @Override
        public Downlink decode(String topic, byte[] payload) {
            try {
                return decodeChecked(topic, payload);
            } catch (RuntimeException e) {
                return new Downlink.Malformed("RPC cannot be decoded: " + e, null);
            }
        }

        private Downlink decodeChecked(String topic, byte[] payload) {
            if (!RPC.equals(topic)) {
                return new Downlink.Ignored("topic " + topic);
            }
            JsonNode root;
            try {
                root = json.readTree(payload);
            } catch (Exception | StackOverflowError e) {
                return new Downlink.Malformed(
                        "RPC payload of " + payload.length + " bytes is not JSON: " + firstLine(e.getMessage()), null);
            }
            if (root == null || !root.isObject()) {
                return new Downlink.Malformed("RPC payload is not a JSON object", null);
            }
            if (root.has("id") && !root.path("data").has("method")) {
                return new Downlink.Ignored("an RPC reply (ours, echoed by the broker)");
            }
            JsonNode device = root.get("device");
            if (device == null || !device.isTextual() || device.asText().isEmpty()) {
                return new Downlink.Malformed("RPC has no \"device\" text", null);
            }
            String dev = device.asText();
            if (catalogue.device(dev).isEmpty()) {
                // On a broker shared by several runtimes every gateway reads v1/gateway/rpc: the
                // device's own runtime answers, an answer from any other would contradict it.
                return new Downlink.NotOurs("RPC for " + dev + ", a device this runtime does not have");
            }
            JsonNode data = root.get("data");
            if (data == null || !data.isObject()) {
                return new Downlink.Malformed("RPC for " + dev + " has no \"data\" object", null);
            }
            JsonNode id = data.get("id");
            String rpcId = id == null || !id.isValueNode() ? "" : id.asText();
            CommandRequest replyTo = new CommandRequest(dev, "", null, rpcId);
            if (rpcId.isEmpty()) {
                return new Downlink.Malformed("RPC for " + dev + " has no \"id\"", replyTo);
            }
            JsonNode method = data.get("method");
            if (method == null || !method.isTextual() || method.asText().isEmpty()) {
                return new Downlink.Malformed("RPC " + rpcId + " for " + dev + " has no \"method\"", replyTo);
            }
            JsonNode params = data.get("params");
            String point;
            JsonNode value;
            if ("set".equals(method.asText())) {
                if (params == null
                        || !params.isObject()
                        || !params.path("point").isTextual()) {
                    return new Downlink.Malformed(
                            "RPC " + rpcId + " method \"set\" needs params {\"point\":..., \"value\":...}", replyTo);
                }
                point = params.get("point").asText();
                value = params.get("value");
            } else {
                point = method.asText();
                value = params;
            }
            Object v = scalar(value);
            if (v == null) {
                return new Downlink.Malformed(
                        "RPC " + rpcId + " for " + dev + "/" + point + " has no boolean, number or text value",
                        replyTo);
            }
            return new Downlink.Commands(List.of(new CommandRequest(dev, point, v, rpcId)));
        }

        private Object scalar(JsonNode v) {
            if (v == null) {
                return null;
            }
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            if (v.isIntegralNumber() && v.canConvertToLong()) {
                return v.longValue();
            }
            if (v.isNumber()) {
                return v.doubleValue();
            }
            if (v.isTextual()) {
                return v.asText();
            }
            return null;
        }

        @Override
        public List<Outbound> reply(CommandRequest request, CommandResult result) {
            ObjectNode root = json.createObjectNode().put("device", request.deviceId());
            putId(root, request.correlation());
            root.putObject("data")
                    .put("success", result.state() == CommandState.CONFIRMED)
                    .put("state", result.state().name())
                    .put("reason", result.reason());
            return List.of(Outbound.qos1(RPC, bytes(root)));
        }

        @Override
        public List<Outbound> errorReply(Downlink.Malformed malformed) {
            CommandRequest to = malformed.replyTo();
            if (to == null || to.correlation().isEmpty()) {
                return List.of();
            }
            ObjectNode root = json.createObjectNode().put("device", to.deviceId());
            putId(root, to.correlation());
            root.putObject("data").put("success", false).put("error", malformed.problem());
            return List.of(Outbound.qos1(RPC, bytes(root)));
        }

        private void putId(ObjectNode root, String id) {
            try {
                root.put("id", Long.parseLong(id));
            } catch (NumberFormatException e) {
                root.put("id", id);
            }
        }
    }

    private static void putValue(ObjectNode values, String key, Object v) {
        if (v == null) {
            values.putNull(key);
        } else if (v instanceof Boolean b) {
            values.put(key, b);
        } else if (v instanceof Long || v instanceof Integer) {
            values.put(key, ((Number) v).longValue());
        } else if (v instanceof Number n) {
            values.put(key, n.doubleValue());
        } else {
            values.put(key, v.toString());
        }
    }

    private byte[] bytes(JsonNode n) {
        try {
            return json.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
