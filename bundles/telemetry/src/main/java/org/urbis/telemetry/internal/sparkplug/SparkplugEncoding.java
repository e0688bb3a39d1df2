package org.urbis.telemetry.internal.sparkplug;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.PropertyDataType;
import org.eclipse.tahu.message.model.PropertySet;
import org.eclipse.tahu.message.model.PropertyValue;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.command.CommandResult;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.telemetry.internal.encoding.Catalogue;
import org.urbis.telemetry.internal.encoding.CommandRequest;
import org.urbis.telemetry.internal.encoding.Downlink;
import org.urbis.telemetry.internal.encoding.Encoding;
import org.urbis.telemetry.internal.encoding.NodeIdentity;
import org.urbis.telemetry.internal.encoding.Outbound;
import org.urbis.telemetry.internal.record.RecordCodec;
import org.urbis.telemetry.internal.record.TelemetryRecord;
import org.urbis.telemetry.internal.record.TelemetryRecord.Kind;
import org.urbis.telemetry.internal.record.TelemetryRecord.PointInfo;
import org.urbis.telemetry.internal.store.LogEntry;

/**
 * Sparkplug B through Eclipse Tahu: NBIRTH with bdSeq and NDEATH as the MQTT Will, DBIRTH/DDEATH as
 * devices come and go, NDATA/DDATA with sequence numbers 0-255, metric aliases after birth,
 * {@code historical} on replayed data, rebirth on {@code Node Control/Rebirth}, DCMD to commands.
 *
 * <p>With a primary host application configured, the session also subscribes to its
 * {@code spBv1.0/STATE/<host id>} and decodes it ({@link Downlink.HostState}); the uplink holds the
 * births and data back until the host is online.
 */
public final class SparkplugEncoding implements Encoding {

    private static final Logger LOG = LoggerFactory.getLogger(SparkplugEncoding.class);
    public static final String NAMESPACE = "spBv1.0";
    public static final String REBIRTH = "Node Control/Rebirth";
    public static final String BDSEQ = "bdSeq";
    public static final String HEALTH_STATUS = "Health/Status";
    public static final String HEALTH_DETAIL = "Health/Detail";
    public static final String HEALTH_MESSAGE = "Health/Message";
    /** IN_MAINTENANCE while a maintenance window covers the device, NONE once it ends. */
    public static final String MAINTENANCE_STATE = "Maintenance/State";
    public static final String MAINTENANCE_DETAIL = "Maintenance/Detail";
    public static final String COMMAND_RESULT = "Command Result/";
    public static final String COMMAND_ERROR = "Command Error";
    private static final int MAX_METRICS = 500;

    public static final String STATE = "STATE";

    private final NodeIdentity node;
    private final String primaryHost;
    private final LongSupplier nextBdSeq;

    /** A node without a primary host application: it publishes whenever it is connected. */
    public SparkplugEncoding(NodeIdentity node, LongSupplier nextBdSeq) {
        this(node, "", nextBdSeq);
    }

    /**
     * @param primaryHost the primary host application id whose STATE gates births and data, or empty
     * @param nextBdSeq   gives the birth/death sequence number of each new connection (0-255, kept
     *                    across restarts by the caller)
     */
    public SparkplugEncoding(NodeIdentity node, String primaryHost, LongSupplier nextBdSeq) {
        this.node = node;
        this.primaryHost = primaryHost == null ? "" : primaryHost;
        this.nextBdSeq = nextBdSeq;
    }

    @Override
    public String name() {
        return "sparkplug";
    }

    @Override
    public String primaryHost() {
        return primaryHost;
    }

    /** Where the primary host application publishes its STATE (3.0: under the namespace). */
    public static String stateTopic(String hostId) {
        return NAMESPACE + '/' + STATE + '/' + hostId;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads a STATE payload: 3.0's {@code {"online":true,"timestamp":1668114759262}}, or 2.x's plain
     * {@code ONLINE} / {@code OFFLINE} (no timestamp: -1).
     */
    static Downlink.HostState hostState(String host, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8).trim();
        if (text.equalsIgnoreCase("ONLINE") || text.equalsIgnoreCase("OFFLINE")) {
            return new Downlink.HostState(host, text.equalsIgnoreCase("ONLINE"), -1);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("STATE of " + host + " is neither JSON nor ONLINE/OFFLINE");
        }
        if (root == null || !root.path("online").isBoolean()) {
            throw new IllegalArgumentException("STATE of " + host + " has no boolean \"online\"");
        }
        JsonNode ts = root.path("timestamp");
        return new Downlink.HostState(host, root.get("online").booleanValue(), ts.canConvertToLong() ? ts.longValue() : -1);
    }

    @Override
    public Session newSession(Catalogue catalogue) {
        return new SparkplugSession(catalogue, nextBdSeq.getAsLong() & 0xFF);
    }

    String topic(String type, String device) {
        return NAMESPACE + '/' + node.groupId() + '/' + type + '/' + node.nodeId() + (device == null ? "" : '/' + device);
    }

    static MetricDataType metricType(DataType type) {
        if (type == null) {
            return MetricDataType.String;
        }
        switch (type) {
            case BOOLEAN: return MetricDataType.Boolean;
            case INTEGER: return MetricDataType.Int64;
            case FLOAT: return MetricDataType.Double;
            default: return MetricDataType.String;
        }
    }

    private final class SparkplugSession implements Session {

        private final Catalogue catalogue;
        private final long bdSeq;
        private final SparkplugBPayloadEncoder encoder = new SparkplugBPayloadEncoder();
        private long seq;
        private long nextAlias = 1;
        /** device + '\u0000' + metric -> alias; read by decode on the client thread. */
        private final Map<String, Long> aliases = new ConcurrentHashMap<>();
        private final Map<String, String> byAlias = new ConcurrentHashMap<>();
        private final Map<String, Map<String, MetricDataType>> types = new ConcurrentHashMap<>();
        private final Set<String> born = new HashSet<>();
        private final Set<String> dead = new HashSet<>();

        SparkplugSession(Catalogue catalogue, long bdSeq) {
            this.catalogue = catalogue;
            this.bdSeq = bdSeq;
        }

        @Override
        public Outbound will() {
            SparkplugBPayload payload = new SparkplugBPayload(new Date(), List.of(metric(BDSEQ, MetricDataType.Int64, bdSeq)));
            return Outbound.qos1(topic("NDEATH", null), bytes(payload));
        }

        @Override
        public List<String> subscriptions() {
            if (primaryHost.isEmpty()) {
                return List.of(topic("NCMD", null), topic("DCMD", null) + "/+");
            }
            // 3.0 message-flow-edge-node-birth-publish-phid-wait: the node learns the host's state
            // from its retained STATE, so it subscribes to it before any birth.
            return List.of(stateTopic(primaryHost), topic("NCMD", null), topic("DCMD", null) + "/+");
        }

        @Override
        public List<Outbound> births() {
            seq = 0;
            born.clear();
            dead.clear();
            List<Outbound> out = new ArrayList<>();
            List<Metric> metrics = new ArrayList<>();
            metrics.add(metric(BDSEQ, MetricDataType.Int64, bdSeq));
            metrics.add(metric(REBIRTH, MetricDataType.Boolean, false));
            metrics.add(metric(COMMAND_ERROR, MetricDataType.String, ""));
            out.add(message("NBIRTH", null, metrics, System.currentTimeMillis()));
            for (Device d : catalogue.present()) {
                out.add(deviceBirth(d.id(), d.deviceClass().id(), pointsOf(d), System.currentTimeMillis()));
            }
            return out;
        }

        @Override
        public List<Outbound> goodbye() {
            return List.of(will());
        }

        @Override
        public List<Outbound> encode(List<LogEntry> entries, long historicalBefore) {
            List<Outbound> out = new ArrayList<>();
            Map<String, List<Metric>> pending = new LinkedHashMap<>();
            for (LogEntry entry : entries) {
                TelemetryRecord r;
                try {
                    r = RecordCodec.decode(entry.payload());
                } catch (RuntimeException e) {
                    LOG.error("Telemetry record {} cannot be read and is skipped: {}", entry.index(), e.getMessage());
                    continue;
                }
                try {
                    encodeOne(out, pending, r, entry.index() < historicalBefore);
                } catch (RuntimeException e) {
                    // One record that cannot be put into Sparkplug (a value that does not fit its
                    // declared type) must not block every record behind it.
                    LOG.error("Telemetry record {} of {} cannot be encoded and is skipped: {}", entry.index(),
                            r.deviceId(), e.toString());
                }
            }
            for (String dev : new ArrayList<>(pending.keySet())) {
                flush(out, pending, dev);
            }
            return out;
        }

        private void encodeOne(List<Outbound> out, Map<String, List<Metric>> pending, TelemetryRecord r,
                boolean historical) {
            String dev = r.deviceId();
            switch (r.kind()) {
                case BIRTH:
                    flush(out, pending, dev);
                    out.add(deviceBirth(dev, r.name(), r.points(), r.timeMillis()));
                    break;
                case DEATH:
                    flush(out, pending, dev);
                    if (born.remove(dev)) {
                        out.add(message("DDEATH", dev, List.of(), r.timeMillis()));
                    }
                    dead.add(dev);
                    break;
                case VALUE:
                    if (dead.contains(dev) && !r.good()) {
                        // After DDEATH every metric of the device is stale for the host already.
                        break;
                    }
                    ensureBorn(out, dev, r);
                    add(out, pending, dev, valueMetric(dev, r, historical));
                    break;
                case HEALTH:
                    if (dead.contains(dev)) {
                        break;
                    }
                    ensureBorn(out, dev, r);
                    add(out, pending, dev, textMetric(dev, HEALTH_STATUS, r.a(), r.timeMillis(), historical));
                    add(out, pending, dev, textMetric(dev, HEALTH_DETAIL, r.b(), r.timeMillis(), historical));
                    add(out, pending, dev, textMetric(dev, HEALTH_MESSAGE, r.c(), r.timeMillis(), historical));
                    break;
                case ALARM:
                    if (dead.contains(dev)) {
                        // An alarm of a device without a driver still matters: report it on the node.
                        add(out, pending, null, textMetric(null, "Alarms/" + dev + '/' + r.name() + "/State",
                                r.b() + ' ' + r.a() + ' ' + r.c(), r.timeMillis(), historical));
                        break;
                    }
                    ensureBorn(out, dev, r);
                    String prefix = "Alarms/" + r.name() + '/';
                    add(out, pending, dev, textMetric(dev, prefix + "State", r.b(), r.timeMillis(), historical));
                    add(out, pending, dev, textMetric(dev, prefix + "Severity", r.a(), r.timeMillis(), historical));
                    add(out, pending, dev, textMetric(dev, prefix + "Message", r.c(), r.timeMillis(), historical));
                    break;
                case MAINTENANCE:
                    if (dead.contains(dev)) {
                        break;
                    }
                    ensureBorn(out, dev, r);
                    add(out, pending, dev, textMetric(dev, MAINTENANCE_STATE, "true".equals(r.a()) ? "IN_MAINTENANCE" : "NONE",
                            r.timeMillis(), historical));
                    add(out, pending, dev, textMetric(dev, MAINTENANCE_DETAIL, r.b() + ": " + r.c(), r.timeMillis(), historical));
                    break;
                default:
                    throw new AssertionError(r.kind());
            }
        }

        private void add(List<Outbound> out, Map<String, List<Metric>> pending, String dev, Metric m) {
            String key = dev == null ? "" : dev;
            List<Metric> list = pending.computeIfAbsent(key, k -> new ArrayList<>());
            list.add(m);
            if (list.size() >= MAX_METRICS) {
                flush(out, pending, key);
            }
        }

        private void flush(List<Outbound> out, Map<String, List<Metric>> pending, String dev) {
            List<Metric> list = pending.remove(dev);
            if (list != null && !list.isEmpty()) {
                boolean nodeLevel = dev.isEmpty();
                out.add(message(nodeLevel ? "NDATA" : "DDATA", nodeLevel ? null : dev, list, System.currentTimeMillis()));
            }
        }

        private void ensureBorn(List<Outbound> out, String dev, TelemetryRecord r) {
            if (born.contains(dev)) {
                return;
            }
            Optional<Device> known = catalogue.device(dev);
            if (known.isPresent()) {
                out.add(deviceBirth(dev, known.get().deviceClass().id(), pointsOf(known.get()), r.timeMillis()));
            } else {
                List<PointInfo> points = r.kind() == Kind.VALUE
                        ? List.of(new PointInfo(r.name(), r.type() == null ? DataType.STRING : r.type(), "", false))
                        : List.of();
                out.add(deviceBirth(dev, "UNKNOWN", points, r.timeMillis()));
            }
        }

        private Outbound deviceBirth(String dev, String deviceClass, List<PointInfo> points, long time) {
            born.add(dev);
            dead.remove(dev);
            List<Metric> metrics = new ArrayList<>();
            Map<String, MetricDataType> declared = new ConcurrentHashMap<>();
            for (PointInfo p : points) {
                MetricDataType t = metricType(p.type());
                declared.put(p.name(), t);
                metrics.add(birthMetric(dev, p.name(), t, p.unit(), p.writable()));
            }
            for (String name : List.of(HEALTH_STATUS, HEALTH_DETAIL, HEALTH_MESSAGE)) {
                declared.put(name, MetricDataType.String);
                metrics.add(birthMetric(dev, name, MetricDataType.String, "", false));
            }
            metrics.add(metric("Device/Class", MetricDataType.String, deviceClass));
            types.put(dev, declared);
            return message("DBIRTH", dev, metrics, time);
        }

        private Metric birthMetric(String dev, String name, MetricDataType type, String unit, boolean writable) {
            long alias = aliases.computeIfAbsent(dev + '\u0000' + name, k -> {
                long a = nextAlias++;
                byAlias.put(dev + '\u0000' + a, name);
                return a;
            });
            try {
                Metric.MetricBuilder b = new Metric.MetricBuilder(name, type, null).alias(alias);
                PropertySet.PropertySetBuilder props = new PropertySet.PropertySetBuilder();
                if (!unit.isEmpty()) {
                    props.addProperty("engUnit", new PropertyValue<>(PropertyDataType.String, unit));
                }
                props.addProperty("writable", new PropertyValue<>(PropertyDataType.Boolean, writable));
                return b.properties(props.createPropertySet()).createMetric();
            } catch (Exception e) {
                throw new IllegalStateException("cannot build birth metric " + name, e);
            }
        }

        private Metric valueMetric(String dev, TelemetryRecord r, boolean historical) {
            MetricDataType declared = types.getOrDefault(dev, Map.of()).get(r.name());
            MetricDataType type = metricType(r.type());
            Object value = r.value();
            if (value != null) {
                type = declared != null ? declared : type;
                value = convert(value, type);
            }
            try {
                Metric.MetricBuilder b = new Metric.MetricBuilder(r.name(), type, value)
                        .timestamp(new Date(r.timeMillis()));
                Long alias = declared == null ? null : aliases.get(dev + '\u0000' + r.name());
                if (alias != null) {
                    b.alias(alias).name(null);
                }
                if (historical) {
                    b.isHistorical(true);
                }
                if (!r.good()) {
                    b.properties(new PropertySet.PropertySetBuilder()
                            .addProperty("Quality", new PropertyValue<>(PropertyDataType.String, r.a() + ':' + r.b()))
                            .addProperty("QualityDetail", new PropertyValue<>(PropertyDataType.String, r.c()))
                            .createPropertySet());
                }
                return b.createMetric();
            } catch (Exception e) {
                throw new IllegalStateException("cannot build metric " + r.name() + " of " + dev, e);
            }
        }

        private Object convert(Object value, MetricDataType type) {
            if (type == MetricDataType.Boolean) {
                return value instanceof Boolean ? value : Boolean.valueOf(value.toString());
            }
            if (type == MetricDataType.Int64) {
                return value instanceof Number n ? n.longValue() : value;
            }
            if (type == MetricDataType.Double) {
                return value instanceof Number n ? n.doubleValue() : value;
            }
            return value.toString();
        }

        private Metric textMetric(String dev, String name, String value, long time, boolean historical) {
            try {
                Metric.MetricBuilder b = new Metric.MetricBuilder(name, MetricDataType.String, value)
                        .timestamp(new Date(time));
                Long alias = dev == null ? null : aliases.get(dev + '\u0000' + name);
                if (alias != null) {
                    b.alias(alias).name(null);
                }
                if (historical) {
                    b.isHistorical(true);
                }
                return b.createMetric();
            } catch (Exception e) {
                throw new IllegalStateException("cannot build metric " + name, e);
            }
        }

        private Outbound message(String type, String device, List<Metric> metrics, long time) {
            SparkplugBPayload payload = new SparkplugBPayload(new Date(time), metrics, seq);
            seq = (seq + 1) & 0xFF;
            return Outbound.qos1(topic(type, device), bytes(payload));
        }

        private byte[] bytes(SparkplugBPayload payload) {
            try {
                return encoder.getBytes(payload, false);
            } catch (IOException e) {
                throw new IllegalStateException("Sparkplug payload cannot be encoded", e);
            }
        }

        @Override
        public Downlink decode(String topic, byte[] payload) {
            try {
                return decodeChecked(topic, payload);
            } catch (RuntimeException e) {
                return new Downlink.Malformed("command on " + topic + " cannot be decoded: " + e, null);
            }
        }

        /**
         * The host whose STATE the topic carries, or null. RabbitMQ's MQTT plugin (with
         * {@code mqtt.sparkplug = true}) hands a retained {@code spBv1.0/STATE/<host>} to a new
         * subscriber as {@code spBv1/0/STATE/<host>}, so that form is the same STATE.
         */
        private static String stateHost(String[] parts) {
            if (parts.length == 3 && NAMESPACE.equals(parts[0]) && STATE.equals(parts[1])) {
                return parts[2];
            }
            if (parts.length == 4 && NAMESPACE.equals(parts[0] + '.' + parts[1]) && STATE.equals(parts[2])) {
                return parts[3];
            }
            return null;
        }

        private Downlink decodeChecked(String topic, byte[] payload) {
            String[] parts = topic.split("/", -1);
            String stateOf = stateHost(parts);
            if (stateOf != null) {
                // 3.0 phid-wait-id: only the configured host's STATE counts.
                if (!stateOf.equals(primaryHost)) {
                    return new Downlink.Ignored("STATE of " + stateOf + ", not our primary host");
                }
                try {
                    return hostState(stateOf, payload);
                } catch (IllegalArgumentException e) {
                    LOG.warn("Telemetry: {}; the primary host's state stays as it was", e.getMessage());
                    return new Downlink.Ignored(e.getMessage());
                }
            }
            if (parts.length < 4 || !NAMESPACE.equals(parts[0])) {
                return new Downlink.Malformed("topic '" + topic + "' is not a Sparkplug B topic", null);
            }
            if (!node.groupId().equals(parts[1]) || !node.nodeId().equals(parts[3])) {
                return new Downlink.Ignored("addressed to " + parts[1] + '/' + parts[3]);
            }
            String type = parts[2];
            boolean deviceCommand = "DCMD".equals(type) && parts.length == 5 && !parts[4].isEmpty();
            if (!deviceCommand && !("NCMD".equals(type) && parts.length == 4)) {
                return new Downlink.Malformed("topic '" + topic + "' is neither NCMD nor DCMD of this node", null);
            }
            String dev = deviceCommand ? parts[4] : null;
            if (dev != null && catalogue.device(dev).isEmpty()) {
                // Another runtime's device, or one this runtime no longer has: its owner answers, not us.
                return new Downlink.NotOurs("DCMD for " + dev + ", a device this runtime does not have");
            }
            CommandRequest replyTo = dev == null ? null : new CommandRequest(dev, "", null, "");
            SparkplugBPayload decoded;
            try {
                decoded = new SparkplugBPayloadDecoder().buildFromByteArray(payload, null);
            } catch (Exception | LinkageError e) {
                return new Downlink.Malformed(type + " payload of " + payload.length + " bytes is not Sparkplug B protobuf: "
                        + e.getClass().getSimpleName(), replyTo);
            } catch (StackOverflowError e) {
                return new Downlink.Malformed(type + " payload nests too deeply", replyTo);
            }
            List<Metric> metrics = decoded == null || decoded.getMetrics() == null ? List.of() : decoded.getMetrics();
            if (metrics.isEmpty()) {
                return new Downlink.Malformed(type + " carries no metric", replyTo);
            }
            if (metrics.contains(null)) {
                return new Downlink.Malformed(type + " carries a metric that cannot be read", replyTo);
            }
            if (dev == null) {
                for (Metric m : metrics) {
                    if (REBIRTH.equals(m.getName()) && Boolean.TRUE.equals(m.getValue())) {
                        return new Downlink.Rebirth();
                    }
                }
                return new Downlink.Malformed("NCMD has no '" + REBIRTH + "' = true metric, and this node takes no other", null);
            }
            String uuid = decoded.getUuid() == null ? UUID.randomUUID().toString() : decoded.getUuid();
            List<CommandRequest> requests = new ArrayList<>();
            for (Metric m : metrics) {
                String name = m.getName();
                if ((name == null || name.isEmpty()) && m.getAlias() != null) {
                    name = byAlias.get(dev + '\u0000' + m.getAlias());
                    if (name == null) {
                        return new Downlink.Malformed("DCMD for " + dev + " names unknown alias " + m.getAlias(), replyTo);
                    }
                }
                if (name == null || name.isEmpty()) {
                    return new Downlink.Malformed("DCMD for " + dev + " has a metric with neither name nor alias", replyTo);
                }
                Object value = m.getValue();
                if (value == null || !(value instanceof Boolean || value instanceof Number || value instanceof String)) {
                    return new Downlink.Malformed("DCMD metric '" + name + "' for " + dev + " has no usable value"
                            + (value == null ? "" : " (" + value.getClass().getSimpleName() + ")"), replyTo);
                }
                requests.add(new CommandRequest(dev, name, value, uuid + '/' + name));
            }
            return new Downlink.Commands(requests);
        }

        @Override
        public List<Outbound> reply(CommandRequest request, CommandResult result) {
            String text = result.state() + (result.reason().isEmpty() ? "" : ": " + result.reason());
            Metric m = textMetric(null, COMMAND_RESULT + request.point(), text, result.time().toEpochMilli(), false);
            if (born.contains(request.deviceId())) {
                return List.of(message("DDATA", request.deviceId(), List.of(m), System.currentTimeMillis()));
            }
            Metric nodeLevel = textMetric(null, COMMAND_RESULT + request.deviceId() + '/' + request.point(), text,
                    result.time().toEpochMilli(), false);
            return List.of(message("NDATA", null, List.of(nodeLevel), System.currentTimeMillis()));
        }

        @Override
        public List<Outbound> errorReply(Downlink.Malformed malformed) {
            Metric m = textMetric(null, COMMAND_ERROR, malformed.problem(), System.currentTimeMillis(), false);
            return List.of(message("NDATA", null, List.of(m), System.currentTimeMillis()));
        }
    }

    private static Metric metric(String name, MetricDataType type, Object value) {
        try {
            return new Metric.MetricBuilder(name, type, value).createMetric();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build metric " + name, e);
        }
    }

    static List<PointInfo> pointsOf(Device d) {
        List<PointInfo> out = new ArrayList<>();
        for (Point p : d.points()) {
            out.add(new PointInfo(p.name(), p.type(), p.unit(), p.access().writable()));
        }
        return out;
    }
}
