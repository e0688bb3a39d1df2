package org.urbis.parking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.tahu.message.model.MetricDataType;
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
import org.urbis.core.internal.device.CoreSettings;
import org.urbis.core.internal.device.StandaloneDeviceRuntime;
import org.urbis.core.internal.event.EventBus;
import org.urbis.driver.parking.internal.ConnectionSettings;
import org.urbis.driver.parking.internal.NetworkServerConnection;
import org.urbis.driver.parking.internal.ParkingDriver;
import org.urbis.driver.parking.internal.ParkingDriverSettings;
import org.urbis.parking.codec.internal.NwaveNps405Codec;
import org.urbis.simulator.parking.LoraNetworkSimulator;
import org.urbis.simulator.parking.SensorModel;
import org.urbis.simulator.parking.StreetOfBays;
import org.urbis.telemetry.internal.TelemetryConfig;
import org.urbis.telemetry.internal.TelemetryService;
import org.urbis.testing.Await;
import org.urbis.testing.Configs;
import org.urbis.testing.Mosquitto;
import org.urbis.testing.SparkplugInbox;
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
    private static final String SITE = "site:PT-TRAN-HUNG-DAO";

    @TempDir
    Path tmp;

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
        SparkplugInbox ioc = SparkplugInbox.subscribe(broker.url(), "city", "node-1");
        open.add(ioc);

        Map<String, ParkingSite> sites = new java.util.TreeMap<>();
        List<String> problems = new ArrayList<>();
        SiteFiles.read("street.parking.json", SiteFilesTest.STREET.getBytes(StandardCharsets.UTF_8), sites, problems);
        assertEquals(List.of(), problems);
        LoraNetworkSimulator sim = new LoraNetworkSimulator(
                broker.url(), LoraNetworkSimulator.Server.CHIRPSTACK, "street", Clock.systemUTC());
        open.add(sim);
        List<Device> bays = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sim.add(StreetOfBays.devEui(i), SensorModel.NWAVE_NPS405);
            bays.add(DeviceBuilder.device("PK-" + i, DeviceClass.PARKING, "parking", "eui:" + StreetOfBays.devEui(i))
                    .points(Profiles.fromClasspath("URBIS-INF/profiles/parking.profiles.json")
                            .points("parking-bay"))
                    .option("model", "nwave-nps405")
                    .option("connection", "ns")
                    .tag("parking-site", "PT-TRAN-HUNG-DAO")
                    .build());
        }
        assertTrue(sim.start(10));
        NetworkServerConnection connection =
                new NetworkServerConnection(ConnectionSettings.of("ns", "chirpstack", broker.url()));
        open.add(connection::close);
        ParkingDriver driver = new ParkingDriver(ParkingDriverSettings.defaults(), Clock.systemUTC());
        open.add(driver::close);
        driver.addCodec(new NwaveNps405Codec());
        driver.addConnection(connection);
        Await.until("the connection", WAIT, connection::connected);

        EventBus events = new EventBus();
        open.add(events::close);
        StandaloneDeviceRuntime manager = new StandaloneDeviceRuntime(
                events,
                new CoreSettings(
                        Duration.ofSeconds(1),
                        4,
                        Duration.ofSeconds(3),
                        Duration.ofMillis(200),
                        Duration.ofSeconds(1),
                        3),
                Set.of(ParkingDriver.ID));
        open.add(manager::deactivate);
        manager.addDriver(driver);
        manager.apply(bays);

        // as the parking service wires them
        SiteCounts counts = new SiteCounts();
        Subscription occupancy = events.subscribe(
                "parking-occupancy",
                e -> counts.onEvents(e, manager),
                SubscriptionOptions.lossless().only(ValueChanged.class, HealthChanged.class, DeviceChanged.class));
        open.add(occupancy);
        counts.recount(sites, manager.find(new DeviceQuery(DeviceClass.PARKING, null, null)), Instant.now());
        TelemetryService telemetry = new TelemetryService(
                events,
                manager,
                Configs.of(
                        TelemetryConfig.class,
                        Map.of(
                                "broker_url",
                                broker.url(),
                                "group_id",
                                "city",
                                "node_id",
                                "node-1",
                                "store_directory",
                                tmp.resolve("store").toString())));
        open.add(telemetry::deactivate);
        telemetry.addSource(counts);

        Await.until(
                "the site's birth with its counts",
                WAIT,
                () -> ioc.birthMetric(SITE, "free").isPresent(),
                ioc::toString);
        assertEquals(
                MetricDataType.Int64,
                ioc.birthMetric(SITE, "capacity").orElseThrow().getDataType());
        for (String point : List.of("occupied", "unknown")) {
            assertTrue(ioc.birthMetric(SITE, point).isPresent(), point + " declared");
        }
        Await.until("the capacity of the site file", WAIT, () -> count(ioc, "capacity") == 3, ioc::toString);

        sim.startupAll();
        Await.until("three bays free at the operations centre", WAIT, () -> count(ioc, "free") == 3, ioc::toString);
        sim.park(StreetOfBays.devEui(1), true);
        sim.park(StreetOfBays.devEui(2), true);
        Await.until(
                "two occupied and one free",
                WAIT,
                () -> count(ioc, "occupied") == 2 && count(ioc, "free") == 1,
                ioc::toString);
        assertEquals(0, count(ioc, "unknown"));
        sim.park(StreetOfBays.devEui(1), false);
        Await.until("one car left", WAIT, () -> count(ioc, "occupied") == 1 && count(ioc, "free") == 2, ioc::toString);

        manager.removeDriver(driver); // the bays' driver goes: their state is unknown, never free
        Await.until(
                "every bay unknown", WAIT, () -> count(ioc, "unknown") == 3 && count(ioc, "free") == 0, ioc::toString);
    }

    /** The count the operations centre holds now, -1 before any. */
    private static long count(SparkplugInbox ioc, String point) {
        return ioc.latest(SITE, point).map(v -> ((Number) v).longValue()).orElse(-1L);
    }
}
