package org.urbis.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.device.Device;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.event.EventListener;
import org.urbis.api.event.EventStream;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.api.telemetry.TelemetrySource;
import org.urbis.api.value.Value;
import org.urbis.telemetry.internal.link.Uplink;
import org.urbis.telemetry.internal.shell.TelemetryCommand;
import org.urbis.testing.Await;
import org.urbis.testing.Mosquitto;

/** The component as the runtime wires it, with the platform's services stood in for. */
class TelemetryServiceTest {

    @TempDir
    Path tmp;

    static TelemetryConfig config(Map<String, Object> values) {
        return (TelemetryConfig) Proxy.newProxyInstance(
                TelemetryConfig.class.getClassLoader(),
                new Class<?>[] {TelemetryConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return TelemetryConfig.class;
                    }
                    Object v = values.get(method.getName());
                    return v != null ? v : method.getDefaultValue();
                });
    }

    /** Node n1 of group pt on that broker, buffering in this test's folder, with more settings as name, value pairs. */
    private Map<String, Object> node(String brokerUrl, Object... more) {
        Map<String, Object> settings = new java.util.HashMap<>(Map.of(
                "broker_url",
                brokerUrl,
                "group_id",
                "pt",
                "node_id",
                "n1",
                "store_directory",
                tmp.resolve("store").toString()));
        for (int i = 0; i < more.length; i += 2) {
            settings.put((String) more[i], more[i + 1]);
        }
        return settings;
    }

    static final class Stream implements EventStream {
        volatile EventListener listener;
        volatile SubscriptionOptions options;

        @Override
        public Subscription subscribe(String name, EventListener l, SubscriptionOptions o) {
            listener = l;
            options = o;
            return new Subscription() {
                public long delivered() {
                    return 0;
                }

                public long dropped() {
                    return 0;
                }

                public int queued() {
                    return 0;
                }

                public void close() {
                    listener = null;
                }
            };
        }
    }

    static final class Registry implements DeviceRegistry {
        final Map<String, DeviceSnapshot> devices;

        Registry(Device... ds) {
            java.util.Map<String, DeviceSnapshot> m = new java.util.TreeMap<>();
            for (Device d : ds) {
                m.put(
                        d.id(),
                        new DeviceSnapshot(
                                d,
                                new DeviceHealth(
                                        d.id(),
                                        HealthStatus.ONLINE,
                                        HealthDetail.NONE,
                                        "",
                                        Instant.now(),
                                        Instant.now(),
                                        0,
                                        0),
                                Map.of("dim", Value.good("dim", 30.0, Instant.now()))));
            }
            devices = m;
        }

        public Collection<String> deviceIds() {
            return devices.keySet();
        }

        public Optional<DeviceSnapshot> snapshot(String id) {
            return Optional.ofNullable(devices.get(id));
        }

        public List<DeviceSnapshot> find(DeviceQuery q) {
            return List.copyOf(devices.values());
        }

        public List<Alarm> activeAlarms() {
            return List.of();
        }

        public Optional<Alarm> acknowledge(String d, String type, String actor) {
            return Optional.empty();
        }
    }

    @Test
    void eventsReachTheBrokerAndCommandsAreRefusedWhileNoCommandServiceIsThere() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Subscriber ioc = new Subscriber(broker.url(), "ioc", "spBv1.0/#")) {
            Stream stream = new Stream();
            TelemetryService service = new TelemetryService(
                    stream,
                    new Registry(Devices.streetlight("SL-1")),
                    config(node(broker.url(), "integrity_intervalSeconds", 1L)));
            try {
                assertEquals(SubscriptionOptions.lossless(), stream.options, "telemetry must not lose events");
                Await.until(
                        "births",
                        Duration.ofSeconds(10),
                        () -> !ioc.on("spBv1.0/pt/DBIRTH/n1/SL-1").isEmpty());
                stream.listener.onEvents(
                        List.of(new ValueChanged("SL-1", Value.good("dim", 80.0, Instant.now()), null)));
                Await.until(
                        "the value and an integrity report",
                        Duration.ofSeconds(10),
                        () -> ioc.on("spBv1.0/pt/DDATA/n1/SL-1").size() >= 2);

                SparkplugBPayload dcmd = new SparkplugBPayload(
                        new Date(),
                        List.of(new Metric.MetricBuilder("dim", MetricDataType.Double, 10.0).createMetric()),
                        0L);
                ioc.publish("spBv1.0/pt/DCMD/n1/SL-1", new SparkplugBPayloadEncoder().getBytes(dcmd, false));
                Await.until(
                        "the refusal",
                        Duration.ofSeconds(10),
                        () -> ioc.on("spBv1.0/pt/DDATA/n1/SL-1").stream()
                                .anyMatch(m ->
                                        decodeText(m.payload()).contains("REJECTED: command service not available")));

                String shown = shown(service);
                assertTrue(shown.contains("CONNECTED to " + broker.url()), shown);
                assertTrue(shown.contains("Commands      1 received"), shown);
            } finally {
                service.deactivate();
            }
            Await.until(
                    "NDEATH on deactivation",
                    Duration.ofSeconds(10),
                    () -> !ioc.on("spBv1.0/pt/NDEATH/n1").isEmpty());
        }
    }

    @Test
    void aFullBufferRaisesAPlatformAlarmThatClearsWhenTheBrokerDrainsIt() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"))) {
            broker.stop();
            Stream stream = new Stream();
            Alarms platform = new Alarms();
            List<String> alarms = platform.seen;
            TelemetryService service = new TelemetryService(
                    stream,
                    new Registry(Devices.streetlight("SL-1")),
                    config(Map.of(
                            "broker_url",
                            broker.url(),
                            "encoding",
                            "thingsboard",
                            "store_directory",
                            tmp.resolve("store").toString(),
                            "store_maxBytes",
                            8192L,
                            "store_segmentBytes",
                            4096L,
                            "store_overflow",
                            "DROP_NEWEST",
                            "integrity_intervalSeconds",
                            0L)));
            try {
                service.bindAlarms(platform);
                for (int i = 0; i < 500 && !service.status().store().full(); i++) {
                    stream.listener.onEvents(
                            List.of(new ValueChanged("SL-1", Value.good("dim", (double) i, Instant.now()), null)));
                }
                assertTrue(service.status().store().full(), "the buffer filled while the broker was down");
                service.checkStore();
                assertEquals(List.of("raise telemetry STORE_FULL"), alarms);

                broker.start();
                Await.until(
                        "the alarm cleared once the broker drained the buffer",
                        Duration.ofSeconds(30),
                        () -> {
                            service.checkStore();
                            return alarms.size() == 2;
                        },
                        () -> alarms + " " + service.status().store());
                assertEquals("clear telemetry STORE_FULL", alarms.get(1));
            } finally {
                service.deactivate();
            }
        }
    }

    @Test
    void aPrimaryHostIdInTheConfigurationHoldsTheBirthsUntilItsStateSaysOnlineAndTheShellShowsIt() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Subscriber scada = new Subscriber(broker.url(), "scada", "spBv1.0/#")) {
            TelemetryService service = new TelemetryService(
                    new Stream(),
                    new Registry(Devices.streetlight("SL-1")),
                    config(node(broker.url(), "primaryHost_id", "scada", "integrity_intervalSeconds", 0L)));
            try {
                Await.until(
                        "connected",
                        Duration.ofSeconds(10),
                        () -> service.status().link().state() == Uplink.State.CONNECTED);
                assertTrue(
                        shown(service)
                                .contains("Primary host  scada unknown (no STATE yet on this connection), no births"),
                        shown(service));
                scada.publishRetained(
                        "spBv1.0/STATE/scada",
                        ("{\"online\":true,\"timestamp\":" + System.currentTimeMillis() + "}")
                                .getBytes(StandardCharsets.UTF_8));
                Await.until(
                        "births",
                        Duration.ofSeconds(10),
                        () -> !scada.on("spBv1.0/pt/DBIRTH/n1/SL-1").isEmpty());
                Await.until(
                        "the shell showing the host online and the births out",
                        Duration.ofSeconds(10),
                        () -> shown(service).contains("Primary host  scada ONLINE since ")
                                && shown(service).contains("births out, data flowing"),
                        () -> shown(service));
            } finally {
                service.deactivate();
            }
        }
    }

    private static String shown(TelemetryService service) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        TelemetryCommand.print(
                service.status(),
                () -> java.time.ZoneId.of("Asia/Ho_Chi_Minh"),
                new PrintStream(text, true, StandardCharsets.UTF_8));
        return text.toString(StandardCharsets.UTF_8);
    }

    /** Records what a component raises and clears, as the platform's alarm list would. */
    static final class Alarms implements PlatformAlarms {
        final List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void raise(String source, String type, AlarmSeverity severity, String message) {
            seen.add("raise " + source + " " + type);
            messages.add(message);
        }

        @Override
        public void clear(String source, String type, String message) {
            seen.add("clear " + source + " " + type);
        }
    }

    @Test
    void aRuntimeWhoseClientIdIsTakenOverRaisesAnAlarmBacksOffAndClearsItOnceItHoldsTheSessionAgain() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Subscriber ioc = new Subscriber(broker.url(), "ioc", "spBv1.0/#")) {
            // Two runtimes configured with the same node id: the same MQTT client id.
            Map<String, Object> common = Map.of(
                    "broker_url",
                    broker.url(),
                    "group_id",
                    "pt",
                    "node_id",
                    "n1",
                    "reconnect_minMillis",
                    50L,
                    "reconnect_maxMillis",
                    500L,
                    "integrity_intervalSeconds",
                    0L);
            Map<String, Object> first = new java.util.HashMap<>(common);
            first.put("store_directory", tmp.resolve("first").toString());
            Map<String, Object> second = new java.util.HashMap<>(common);
            second.put("store_directory", tmp.resolve("second").toString());
            TelemetryService holder =
                    new TelemetryService(new Stream(), new Registry(Devices.streetlight("SL-1")), config(first));
            Alarms holderAlarms = new Alarms();
            holder.bindAlarms(holderAlarms);
            TelemetryService latecomer = null;
            try {
                // Connected for longer than a stable session (twice reconnect.maxMillis) when the other arrives.
                Await.until("the first runtime's session stable", Duration.ofSeconds(10), () -> {
                    Instant since = holder.status().link().connectedSince();
                    return since != null && since.plusMillis(1500).isBefore(Instant.now());
                });
                latecomer =
                        new TelemetryService(new Stream(), new Registry(Devices.streetlight("SL-2")), config(second));
                Alarms latecomerAlarms = new Alarms();
                latecomer.bindAlarms(latecomerAlarms);
                TelemetryService late = latecomer;
                Await.until(
                        "the session takeover alarm",
                        Duration.ofSeconds(60),
                        () -> !latecomerAlarms.seen.isEmpty(),
                        () -> late.status().link() + " / " + holder.status().link());
                assertEquals("raise telemetry SESSION_TAKEN_OVER", latecomerAlarms.seen.get(0));
                assertTrue(
                        latecomerAlarms.messages.get(0).startsWith("MQTT client id 'n1' is taken over"),
                        latecomerAlarms.messages.get(0));

                // The first runtime keeps the session: it stays connected and holds it for a stable while.
                Await.until(
                        "the holder keeps its session",
                        Duration.ofSeconds(30),
                        () -> holder.status().link().state() == Uplink.State.CONNECTED,
                        () -> holder.status().link().toString());
                assertEquals(
                        0,
                        holder.status().link().takeovers(),
                        holder.status().link().toString());
                assertEquals(List.of(), holderAlarms.seen, "the runtime holding the session raises nothing");
                assertTrue(shown(late).contains("Session       TAKEN OVER"), shown(late));

                // Once the other runtime is gone, the latecomer gets the session, holds it, and the alarm clears.
                holder.deactivate();
                Await.until(
                        "the alarm cleared",
                        Duration.ofSeconds(60),
                        () -> latecomerAlarms.seen.contains("clear telemetry SESSION_TAKEN_OVER"),
                        () -> late.status().link().toString());
                assertEquals(Uplink.State.CONNECTED, late.status().link().state());
            } finally {
                holder.deactivate();
                if (latecomer != null) {
                    latecomer.deactivate();
                }
            }
        }
    }

    @Test
    void sourcesUnboundAsTheServiceStopsAreEndedByTheNodesDeathWithoutWritingToTheClosedBuffer() throws Exception {
        try (Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
                Subscriber ioc = new Subscriber(broker.url(), "ioc", "spBv1.0/#")) {
            TelemetryService service = new TelemetryService(
                    new Stream(), new Registry(Devices.streetlight("SL-1")), config(node(broker.url())));
            List<DeviceSnapshot> site = List.copyOf(new Registry(Devices.streetlight("site:P1")).find(DeviceQuery.ALL));
            TelemetrySource source = new TelemetrySource() {
                public List<DeviceSnapshot> snapshots() {
                    return site;
                }

                public AutoCloseable listen(EventListener listener) {
                    return () -> {};
                }
            };
            service.addSource(source);
            Await.until(
                    "the source's birth",
                    Duration.ofSeconds(10),
                    () -> !ioc.on("spBv1.0/pt/DBIRTH/n1/site:P1").isEmpty());
            // As the component runtime stops it: deactivated first, its dynamic references unbound after.
            service.deactivate();
            service.removeSource(source);
            assertEquals(0, service.status().storeFailures(), service.status().lastStoreError());
            Await.until(
                    "NDEATH on deactivation",
                    Duration.ofSeconds(10),
                    () -> !ioc.on("spBv1.0/pt/NDEATH/n1").isEmpty());
        }
    }

    @Test
    void badSettingsAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> TelemetrySettings.from(config(Map.of("encoding", "xml"))));
        assertTrue(e.getMessage().contains("encoding"));
        e = assertThrows(
                IllegalArgumentException.class, () -> TelemetrySettings.from(config(Map.of("broker_url", "http://x"))));
        assertTrue(e.getMessage().contains("broker.url"));
        e = assertThrows(
                IllegalArgumentException.class,
                () -> TelemetrySettings.from(config(Map.of("store_overflow", "LATER"))));
        assertTrue(e.getMessage().contains("store.overflow"));
        e = assertThrows(
                IllegalArgumentException.class,
                () -> TelemetrySettings.from(config(Map.of("broker_url", "tcp://a:1883, tcp//b:1883"))));
        assertEquals("broker.url entry 2 of 2 ('tcp//b:1883') must start with tcp:// or ssl://", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> TelemetrySettings.from(config(Map.of("broker_url", "tcp://a:1883,ssl://b:8883"))));
        assertTrue(e.getMessage().contains("mixes ssl:// with tcp://"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class, () -> TelemetrySettings.from(config(Map.of("broker_url", "tcp://a"))));
        assertTrue(e.getMessage().contains("'tcp://a'") && e.getMessage().contains("port"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> TelemetrySettings.from(config(Map.of("primaryHost_id", "scada/1"))));
        assertTrue(e.getMessage().startsWith("primaryHost.id 'scada/1'"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> TelemetrySettings.from(config(Map.of("primaryHost_id", "scada", "encoding", "thingsboard"))));
        assertTrue(e.getMessage().contains("Sparkplug setting"), e.getMessage());
        assertEquals(
                List.of("tcp://a:1883", "tcp://b:1884"),
                TelemetrySettings.from(config(Map.of("broker_url", " tcp://a:1883 , tcp://b:1884")))
                        .link()
                        .brokerUrls());
    }

    private static String decodeText(byte[] payload) {
        try {
            return new SparkplugBPayloadDecoder()
                    .buildFromByteArray(payload, null).getMetrics().stream()
                            .map(m -> String.valueOf(m.getValue()))
                            .toList()
                            .toString();
        } catch (Exception e) {
            return "";
        }
    }
}
