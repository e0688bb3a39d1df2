package org.urbis.driver.gridmeter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;
import org.urbis.core.internal.device.CoreSettings;
import org.urbis.core.internal.device.StandaloneDeviceRuntime;
import org.urbis.core.internal.event.EventBus;
import org.urbis.simulator.gridmeter.Dnp3Meter;
import org.urbis.telemetry.internal.TelemetryConfig;
import org.urbis.telemetry.internal.TelemetryService;
import org.urbis.testing.Await;
import org.urbis.testing.Mosquitto;

/**
 * Interval energy of a simulated DNP3 meter reaches the operations centre: the driver in the device runtime, the
 * event stream, the telemetry's Sparkplug B uplink and a real mosquitto, read back with Tahu's decoder as the
 * operations centre reads it. The meter is fast-forwarded five minutes at a time, so intervals complete at once.
 */
class IntervalEnergyTelemetryTest {

    private static final String DEVICE = "GM-T-31";
    private static final String SPARKPLUG = "spBv1.0/grid/";
    /** The outstation's clock runs an hour ahead, so its readings come after the startup poll's time of receipt. */
    private static final Duration AHEAD = Duration.ofHours(1);

    @TempDir
    Path tmp;

    private final List<Received> ioc = new CopyOnWriteArrayList<>();
    private Mosquitto broker;
    private MqttClient subscriber;
    private Dnp3Meter meter;
    private EventBus events;
    private StandaloneDeviceRuntime manager;
    private GridMeterDriver driver;
    private TelemetryService telemetry;

    private record Received(String topic, SparkplugBPayload payload) {}

    @BeforeEach
    void start() throws Exception {
        Mosquitto.assumeInstalled();
        broker = Mosquitto.start(tmp.resolve("broker"));
        subscriber = new MqttClient(broker.url(), "ioc", new MemoryPersistence());
        subscriber.connect();
        IMqttMessageListener listener = (topic, message) -> ioc.add(
                new Received(topic, new SparkplugBPayloadDecoder().buildFromByteArray(message.getPayload(), null)));
        subscriber.subscribe(SPARKPLUG + "#", 1, listener);
        meter = Dnp3Meter.listen(new InetSocketAddress("127.0.0.1", 0), 10, 1, Clock.offset(Clock.systemUTC(), AHEAD));
        events = new EventBus();
        manager = new StandaloneDeviceRuntime(
                events,
                new CoreSettings(
                        Duration.ofSeconds(1),
                        4,
                        Duration.ofSeconds(3),
                        Duration.ofMillis(200),
                        Duration.ofSeconds(1),
                        3),
                Set.of(GridMeterDriver.ID));
        driver = Meters.driver(ZoneOffset.UTC, Duration.ofHours(1)); // values from the outstation's events only
        manager.addDriver(driver);
        telemetry = new TelemetryService(
                events,
                manager,
                config(Map.of(
                        "broker_url",
                        broker.url(),
                        "group_id",
                        "grid",
                        "node_id",
                        "node-1",
                        "store_directory",
                        tmp.resolve("store").toString())));
    }

    @AfterEach
    void stop() throws Exception {
        if (telemetry != null) {
            telemetry.deactivate();
        }
        if (manager != null) {
            manager.deactivate();
            driver.deactivate();
            events.close();
        }
        if (meter != null) {
            meter.close();
        }
        if (subscriber != null) {
            subscriber.disconnect();
            subscriber.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** The component's configuration: these values, the defaults for the rest. */
    private static TelemetryConfig config(Map<String, Object> values) {
        InvocationHandler settings = (proxy, method, args) -> method.getName().equals("annotationType")
                ? TelemetryConfig.class
                : values.getOrDefault(method.getName(), method.getDefaultValue());
        return (TelemetryConfig) Proxy.newProxyInstance(
                TelemetryConfig.class.getClassLoader(), new Class<?>[] {TelemetryConfig.class}, settings);
    }

    private Optional<Value> value(String point) {
        return manager.snapshot(DEVICE).map(s -> s.values().get(point));
    }

    private List<SparkplugBPayload> on(String kind) {
        return ioc.stream()
                .filter(r -> r.topic().equals(SPARKPLUG + kind + "/node-1/" + DEVICE))
                .map(Received::payload)
                .toList();
    }

    @Test
    void intervalEnergyArrivesAsSparkplugMetricsWithTheIntervalsEnd() {
        manager.apply(List.of(Meters.dnp3(DEVICE, "dnp3", "127.0.0.1:" + meter.port(), 10, Meters.feeder())));
        Await.until(
                "the meter ONLINE with its import counter",
                Duration.ofSeconds(30),
                () -> manager.snapshot(DEVICE)
                                .map(s -> s.health().status() == HealthStatus.ONLINE)
                                .orElse(false)
                        && value("energyImport").isPresent());
        // Five-minute readings for 35 minutes: at least one whole quarter hour lies between the first and the last.
        for (int step = 1; step <= 7; step++) {
            Instant before = value("energyImport").orElseThrow().timestamp();
            meter.fastForward(Duration.ofMinutes(5));
            Await.until(
                    "the counter read five minutes on",
                    Duration.ofSeconds(30),
                    () -> value("energyImport")
                            .map(v -> !v.timestamp().isBefore(before.plus(Duration.ofMinutes(5))))
                            .orElse(false));
        }
        Value interval = value("intervalImport").orElseThrow();
        assertEquals(Quality.GOOD, interval.quality());
        Instant end = interval.timestamp();
        assertEquals(end, end.truncatedTo(ChronoUnit.MINUTES), "on a whole minute");
        assertEquals(0, end.atZone(ZoneOffset.UTC).getMinute() % 15, "stamped with the end of a quarter hour: " + end);
        assertTrue(end.isAfter(Instant.now().plus(AHEAD)), "in the outstation's time, not the time of receipt: " + end);
        double kwh = (Double) interval.value();
        assertTrue(kwh > 5 && kwh < 20, "a quarter hour at 20-60 kW: " + kwh);

        Await.until(
                "DBIRTH and DDATA of " + DEVICE,
                Duration.ofSeconds(30),
                () -> alias("intervalImport").isPresent()
                        && dataOf("intervalImport").stream()
                                .anyMatch(m -> m.getTimestamp().equals(Date.from(end))),
                ioc::toString);
        Metric birth = metric(on("DBIRTH").get(0), "intervalImport").orElseThrow();
        assertEquals(MetricDataType.Double, birth.getDataType());
        Metric data = dataOf("intervalImport").stream()
                .filter(m -> m.getTimestamp().equals(Date.from(end)))
                .findFirst()
                .orElseThrow();
        assertEquals(kwh, (Double) data.getValue(), 1e-9, "the value the runtime holds, unchanged");
        Metric demand = dataOf("demand").stream()
                .filter(m -> m.getTimestamp().equals(Date.from(end)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no demand metric for the interval: " + ioc));
        assertEquals(kwh * 4, (Double) demand.getValue(), 0.01, "demand = the interval's energy × 4, in kW");
    }

    private static Optional<Metric> metric(SparkplugBPayload payload, String name) {
        return payload.getMetrics().stream()
                .filter(m -> name.equals(m.getName()))
                .findFirst();
    }

    private Optional<Long> alias(String name) {
        return on("DBIRTH").stream()
                .flatMap(p -> metric(p, name).stream())
                .map(Metric::getAlias)
                .findFirst();
    }

    /** The metrics of the device's DDATA messages for a point, by the alias its birth declared. */
    private List<Metric> dataOf(String name) {
        Optional<Long> alias = alias(name);
        List<Metric> out = new ArrayList<>();
        if (alias.isPresent()) {
            for (SparkplugBPayload p : on("DDATA")) {
                p.getMetrics().stream()
                        .filter(m -> alias.get().equals(m.getAlias()) || name.equals(m.getName()))
                        .forEach(out::add);
            }
        }
        return out;
    }
}
