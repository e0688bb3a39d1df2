package org.urbis.parking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.event.DeviceChanged;
import org.urbis.api.event.HealthChanged;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.core.internal.device.DeviceManager;
import org.urbis.core.internal.device.RuntimeSettings;
import org.urbis.core.internal.event.EventBus;
import org.urbis.driver.parking.internal.ConnectionSettings;
import org.urbis.driver.parking.internal.DriverSettings;
import org.urbis.driver.parking.internal.NetworkServerConnection;
import org.urbis.driver.parking.internal.ParkingDriver;
import org.urbis.parking.codec.internal.NwaveNps405Codec;
import org.urbis.simulator.parking.LoraNetworkSimulator;
import org.urbis.simulator.parking.SensorModel;
import org.urbis.simulator.parking.StreetOfBays;
import org.urbis.telemetry.internal.TelemetryConfig;
import org.urbis.telemetry.internal.TelemetryService;
import org.urbis.testing.Await;
import org.urbis.testing.Mosquitto;
import org.urbis.testkit.DeviceBuilder;
import org.urbis.testkit.Profiles;

/**
 * A site's counts reach the operations centre like every value: simulated bays through a real
 * mosquitto, the parking driver, the device runtime and its event stream, the site counts, the
 * telemetry's Sparkplug B uplink to the same mosquitto, read back with Tahu's decoder as the
 * operations centre reads it.
 */
class SiteTelemetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SPARKPLUG = "spBv1.0/city/";
    private static final String SITE = "site:PT-TRAN-HUNG-DAO";

    @TempDir
    Path tmp;

    private record Received(String topic, SparkplugBPayload payload) {
    }

    private final List<Received> ioc = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void siteCountsArriveAsSparkplugMetricsAndMoveAsCarsPark() throws Exception {
        Mosquitto.assumeInstalled();
        Mosquitto broker = Mosquitto.start(tmp.resolve("broker"));
        open.add(broker);
        MqttClient subscriber = new MqttClient(broker.url(), "ioc", new MemoryPersistence());
        subscriber.connect();
        open.add(() -> {
            subscriber.disconnect();
            subscriber.close();
        });
        subscriber.subscribe(SPARKPLUG + "#", 1, (topic, message) ->
                ioc.add(new Received(topic, new SparkplugBPayloadDecoder().buildFromByteArray(message.getPayload(), null))));

        Map<String, ParkingSite> sites = new java.util.TreeMap<>();
        List<String> problems = new ArrayList<>();
        SiteFiles.read("street.parking.json", SiteFilesTest.STREET.getBytes(StandardCharsets.UTF_8), sites, problems);
        assertEquals(List.of(), problems);
        LoraNetworkSimulator sim = new LoraNetworkSimulator(broker.url(), LoraNetworkSimulator.Server.CHIRPSTACK, "street",
                Clock.systemUTC());
        open.add(sim);
        List<Device> bays = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sim.add(StreetOfBays.devEui(i), SensorModel.NWAVE_NPS405);
            bays.add(DeviceBuilder.device("PK-" + i, DeviceClass.PARKING, "parking", "eui:" + StreetOfBays.devEui(i))
                    .points(Profiles.fromClasspath("URBIS-INF/profiles/parking.profiles.json").points("parking-bay"))
                    .option("model", "nwave-nps405").option("connection", "ns").tag("parking-site", "PT-TRAN-HUNG-DAO").build());
        }
        assertTrue(sim.start(10));
        NetworkServerConnection connection = new NetworkServerConnection(ConnectionSettings.of("ns", "chirpstack", broker.url()));
        open.add(connection::close);
        ParkingDriver driver = new ParkingDriver(DriverSettings.defaults(), Clock.systemUTC());
        open.add(driver::close);
        driver.addCodec(new NwaveNps405Codec());
        driver.addConnection(connection);
        Await.until("the connection", WAIT, connection::connected);

        EventBus events = new EventBus();
        open.add(events::close);
        DeviceManager manager = new DeviceManager(events, new RuntimeSettings(Duration.ofSeconds(1), 4, Duration.ofSeconds(3),
                Duration.ofMillis(200), Duration.ofSeconds(1), 3), Set.of(ParkingDriver.ID));
        open.add(manager::deactivate);
        manager.addDriver(driver);
        manager.apply(bays);

        // as the parking service wires them
        SiteCounts counts = new SiteCounts();
        Subscription occupancy = events.subscribe("parking-occupancy", e -> counts.onEvents(e, manager),
                SubscriptionOptions.lossless().only(ValueChanged.class, HealthChanged.class, DeviceChanged.class));
        open.add(occupancy);
        counts.recount(sites, manager.find(new DeviceQuery(DeviceClass.PARKING, null, null)), Instant.now());
        TelemetryService telemetry = new TelemetryService(events, manager, config(Map.of("broker_url", broker.url(),
                "group_id", "city", "node_id", "node-1", "store_directory", tmp.resolve("store").toString())));
        open.add(telemetry::deactivate);
        telemetry.addSource(counts);

        Await.until("the site's birth with its counts", WAIT, () -> alias("free").isPresent(), ioc::toString);
        Metric capacity = metric(on("DBIRTH").get(0), "capacity").orElseThrow();
        assertEquals(MetricDataType.Int64, capacity.getDataType());
        Await.until("the capacity of the site file", WAIT, () -> latest("capacity").equals(Optional.of(3L)), ioc::toString);
        for (String point : List.of("free", "occupied", "unknown")) {
            assertTrue(metric(on("DBIRTH").get(0), point).isPresent(), point + " declared");
        }

        sim.startupAll();
        Await.until("three bays free at the operations centre", WAIT, () -> latest("free").equals(Optional.of(3L)),
                ioc::toString);
        sim.park(StreetOfBays.devEui(1), true);
        sim.park(StreetOfBays.devEui(2), true);
        Await.until("two occupied and one free", WAIT, () -> latest("occupied").equals(Optional.of(2L))
                && latest("free").equals(Optional.of(1L)), ioc::toString);
        assertEquals(Optional.of(0L), latest("unknown"));
        sim.park(StreetOfBays.devEui(1), false);
        Await.until("one car left", WAIT, () -> latest("occupied").equals(Optional.of(1L))
                && latest("free").equals(Optional.of(2L)), ioc::toString);

        manager.removeDriver(driver); // the bays' driver goes: their state is unknown, never free
        Await.until("every bay unknown", WAIT, () -> latest("unknown").equals(Optional.of(3L))
                && latest("free").equals(Optional.of(0L)), ioc::toString);
    }

    private static TelemetryConfig config(Map<String, Object> values) {
        InvocationHandler settings = (proxy, method, args) -> method.getName().equals("annotationType")
                ? TelemetryConfig.class : values.getOrDefault(method.getName(), method.getDefaultValue());
        return (TelemetryConfig) Proxy.newProxyInstance(TelemetryConfig.class.getClassLoader(),
                new Class<?>[] {TelemetryConfig.class}, settings);
    }

    private List<SparkplugBPayload> on(String kind) {
        return ioc.stream().filter(r -> r.topic().equals(SPARKPLUG + kind + "/node-1/" + SITE)).map(Received::payload).toList();
    }

    private static Optional<Metric> metric(SparkplugBPayload payload, String name) {
        return payload.getMetrics().stream().filter(m -> name.equals(m.getName())).findFirst();
    }

    private Optional<Long> alias(String name) {
        return on("DBIRTH").stream().flatMap(p -> metric(p, name).stream()).map(Metric::getAlias).findFirst();
    }

    /** The last value of a count the operations centre received, from the birth or a DDATA by its alias. */
    private Optional<Object> latest(String name) {
        Optional<Long> alias = alias(name);
        Object last = null;
        for (Received r : ioc) {
            if (!r.topic().equals(SPARKPLUG + "DBIRTH/node-1/" + SITE) && !r.topic().equals(SPARKPLUG + "DDATA/node-1/" + SITE)) {
                continue;
            }
            for (Metric m : r.payload().getMetrics()) {
                if (name.equals(m.getName()) || alias.isPresent() && alias.get().equals(m.getAlias())) {
                    last = m.getValue();
                }
            }
        }
        return Optional.ofNullable(last);
    }
}
