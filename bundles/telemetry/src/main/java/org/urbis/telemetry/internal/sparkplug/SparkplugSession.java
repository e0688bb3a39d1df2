package org.urbis.telemetry.internal.sparkplug;

import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.BDSEQ;
import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.COMMAND_ERROR;
import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.COMMAND_RESULT;
import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.HEALTH_DETAIL;
import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.HEALTH_MESSAGE;
import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.HEALTH_STATUS;
import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.MAINTENANCE_DETAIL;
import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.MAINTENANCE_STATE;
import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.NAMESPACE;
import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.REBIRTH;
import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.pointsOf;
import static org.urbis.telemetry.internal.sparkplug.SparkplugEncoding.stateTopic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * One connection's Sparkplug B session: the bdSeq of its NBIRTH and Will, the sequence numbers of
 * what it publishes, the births it has sent and the metric aliases they declared. Used from the
 * uplink thread, except {@link #decode}, which hands what arrives to {@link SparkplugDownlink}.
 */
final class SparkplugSession implements Encoding.Session {

    private static final Logger LOG = LoggerFactory.getLogger(SparkplugSession.class);
    private static final int MAX_METRICS = 500;

    private final NodeIdentity node;
    private final String primaryHost;
    private final Catalogue catalogue;
    private final long bdSeq;
    private final SparkplugDownlink downlink;
    private final SparkplugBPayloadEncoder encoder = new SparkplugBPayloadEncoder();
    private long seq;
    private long nextAlias = 1;
    /** device + '\u0000' + metric -> alias; read by decode on the client thread. */
    private final Map<String, Long> aliases = new ConcurrentHashMap<>();

    private final Map<String, String> byAlias = new ConcurrentHashMap<>();
    private final Map<String, Map<String, MetricDataType>> types = new ConcurrentHashMap<>();
    private final Set<String> born = new HashSet<>();
    private final Set<String> dead = new HashSet<>();

    SparkplugSession(NodeIdentity node, String primaryHost, Catalogue catalogue, long bdSeq) {
        this.node = node;
        this.primaryHost = primaryHost;
        this.catalogue = catalogue;
        this.bdSeq = bdSeq;
        this.downlink = new SparkplugDownlink(
                node, primaryHost, catalogue, (dev, alias) -> byAlias.get(dev + '\u0000' + alias));
    }

    @Override
    public Outbound will() {
        SparkplugBPayload payload =
                new SparkplugBPayload(new Date(), List.of(metric(BDSEQ, MetricDataType.Int64, bdSeq)));
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
                LOG.error(
                        "Telemetry record {} of {} cannot be encoded and is skipped: {}",
                        entry.index(),
                        r.deviceId(),
                        e.toString());
            }
        }
        for (String dev : new ArrayList<>(pending.keySet())) {
            flush(out, pending, dev);
        }
        return out;
    }

    private void encodeOne(
            List<Outbound> out, Map<String, List<Metric>> pending, TelemetryRecord r, boolean historical) {
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
                    add(
                            out,
                            pending,
                            null,
                            textMetric(
                                    null,
                                    "Alarms/" + dev + '/' + r.name() + "/State",
                                    r.b() + ' ' + r.a() + ' ' + r.c(),
                                    r.timeMillis(),
                                    historical));
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
                add(
                        out,
                        pending,
                        dev,
                        textMetric(
                                dev,
                                MAINTENANCE_STATE,
                                "true".equals(r.a()) ? "IN_MAINTENANCE" : "NONE",
                                r.timeMillis(),
                                historical));
                add(
                        out,
                        pending,
                        dev,
                        textMetric(dev, MAINTENANCE_DETAIL, r.b() + ": " + r.c(), r.timeMillis(), historical));
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
            Metric.MetricBuilder b =
                    new Metric.MetricBuilder(r.name(), type, value).timestamp(new Date(r.timeMillis()));
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
            Metric.MetricBuilder b =
                    new Metric.MetricBuilder(name, MetricDataType.String, value).timestamp(new Date(time));
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
        return downlink.decode(topic, payload);
    }

    @Override
    public List<Outbound> reply(CommandRequest request, CommandResult result) {
        String text = result.state() + (result.reason().isEmpty() ? "" : ": " + result.reason());
        Metric m = textMetric(
                null, COMMAND_RESULT + request.point(), text, result.time().toEpochMilli(), false);
        if (born.contains(request.deviceId())) {
            return List.of(message("DDATA", request.deviceId(), List.of(m), System.currentTimeMillis()));
        }
        Metric nodeLevel = textMetric(
                null,
                COMMAND_RESULT + request.deviceId() + '/' + request.point(),
                text,
                result.time().toEpochMilli(),
                false);
        return List.of(message("NDATA", null, List.of(nodeLevel), System.currentTimeMillis()));
    }

    @Override
    public List<Outbound> errorReply(Downlink.Malformed malformed) {
        Metric m = textMetric(null, COMMAND_ERROR, malformed.problem(), System.currentTimeMillis(), false);
        return List.of(message("NDATA", null, List.of(m), System.currentTimeMillis()));
    }

    private String topic(String type, String device) {
        return NAMESPACE
                + '/'
                + node.groupId()
                + '/'
                + type
                + '/'
                + node.nodeId()
                + (device == null ? "" : '/' + device);
    }

    static MetricDataType metricType(DataType type) {
        if (type == null) {
            return MetricDataType.String;
        }
        switch (type) {
            case BOOLEAN:
                return MetricDataType.Boolean;
            case INTEGER:
                return MetricDataType.Int64;
            case FLOAT:
                return MetricDataType.Double;
            default:
                return MetricDataType.String;
        }
    }

    private static Metric metric(String name, MetricDataType type, Object value) {
        try {
            return new Metric.MetricBuilder(name, type, value).createMetric();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build metric " + name, e);
        }
    }
}
