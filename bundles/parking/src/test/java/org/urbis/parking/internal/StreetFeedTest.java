package org.urbis.parking.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.driver.parking.internal.ConnectionSettings;
import org.urbis.driver.parking.internal.NetworkServerConnection;
import org.urbis.driver.parking.internal.ParkingDriver;
import org.urbis.driver.parking.internal.ParkingDriverSettings;
import org.urbis.parking.codec.internal.NwaveNps405Codec;
import org.urbis.simulator.parking.LoraNetworkSimulator;
import org.urbis.simulator.parking.SensorModel;
import org.urbis.simulator.parking.StreetOfBays;
import org.urbis.testing.Await;
import org.urbis.testing.MosquittoPerClass;
import org.urbis.testkit.DeviceBuilder;
import org.urbis.testkit.DriverRuntime;
import org.urbis.testkit.Profiles;

/**
 * A street of simulated bays through a real mosquitto, the parking driver and the platform's device
 * runtime, to the public feed: counts move as cars park, a lost vacancy frame is put right by the
 * next heartbeat, and a bay whose heartbeat is overdue is UNKNOWN in the feed.
 */
class StreetFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MosquittoPerClass broker = new MosquittoPerClass();

    private LoraNetworkSimulator sim;
    private NetworkServerConnection connection;
    private ParkingDriver driver;
    private DriverRuntime runtime;
    private ParkingSite site;

    @AfterEach
    void stop() {
        runtime.close();
        driver.close();
        connection.close();
        sim.close();
    }

    private void street(Duration heartbeat) {
        List<String> problems = new ArrayList<>();
        Map<String, ParkingSite> sites = new java.util.TreeMap<>();
        SiteFiles.read("street.parking.json", SiteFilesTest.STREET.getBytes(StandardCharsets.UTF_8), sites, problems);
        site = sites.get("PT-TRAN-HUNG-DAO");
        sim = new LoraNetworkSimulator(
                broker.url(),
                LoraNetworkSimulator.Server.CHIRPSTACK,
                "street-" + heartbeat.toMillis(),
                Clock.systemUTC());
        List<Device> devices = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            sim.add(StreetOfBays.devEui(i), SensorModel.NWAVE_NPS405);
            devices.add(DeviceBuilder.device("PK-" + i, DeviceClass.PARKING, "parking", "eui:" + StreetOfBays.devEui(i))
                    .points(Profiles.fromClasspath("URBIS-INF/profiles/parking.profiles.json")
                            .points("parking-bay"))
                    .option("model", "nwave-nps405")
                    .option("connection", "ns")
                    .tag("parking-site", site.uid())
                    .location(10.9297, 108.1003 + i * 0.0001)
                    .build());
        }
        assertTrue(sim.start(10));
        connection = new NetworkServerConnection(ConnectionSettings.of("ns", "chirpstack", broker.url()));
        driver = new ParkingDriver(
                ParkingDriverSettings.defaults().withHeartbeat(heartbeat, Duration.ofMillis(100)), Clock.systemUTC());
        driver.addCodec(new NwaveNps405Codec());
        driver.addConnection(connection);
        Await.until("the connection", WAIT, connection::connected);
        runtime = DriverRuntime.builder().build().add(driver);
        runtime.apply(devices);
    }

    private Occupancy.Site now() {
        List<DeviceSnapshot> snapshots = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            snapshots.add(runtime.snapshot("PK-" + i));
        }
        return Occupancy.of(List.of(site), snapshots, Map.of(), java.time.Instant.now(), ZoneId.of("Asia/Ho_Chi_Minh"))
                .get(0);
    }

    private JsonNode spots() {
        try {
            return JSON.readTree(Feeds.parkApiSpots(now())).path("items");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void countsMoveAsCarsParkAndALostVacancyIsPutRightByTheHeartbeat() {
        street(Duration.ofMinutes(10));
        sim.startupAll();
        Await.until("every bay free in the feed", WAIT, () -> now().free() == 3);
        sim.park(StreetOfBays.devEui(1), true);
        sim.park(StreetOfBays.devEui(2), true);
        Await.until("two taken", WAIT, () -> now().occupied() == 2 && now().free() == 1);
        sim.loseNext(StreetOfBays.devEui(2));
        sim.park(StreetOfBays.devEui(2), false);
        assertEquals(2, now().occupied(), "a lost frame is not guessed");
        sim.heartbeat(StreetOfBays.devEui(2));
        Await.until("the heartbeat frees PK-2 in the feed", WAIT, () -> now().occupied() == 1 && now().free() == 2);
        assertEquals("TAKEN", spots().get(0).path("realtime_status").asText());
        assertEquals("AVAILABLE", spots().get(1).path("realtime_status").asText());
    }

    @Test
    void anOverdueHeartbeatIsUnknownInTheFeed() {
        street(Duration.ofSeconds(2));
        sim.startupAll();
        Await.until("every bay free", WAIT, () -> now().free() == 3);
        // PK-1 keeps sending; the others fall silent
        Await.until("PK-2 and PK-3 UNKNOWN", WAIT, () -> {
            sim.heartbeat(StreetOfBays.devEui(1));
            JsonNode s = spots();
            return s.get(1).path("realtime_status").asText().equals("UNKNOWN")
                    && s.get(2).path("realtime_status").asText().equals("UNKNOWN");
        });
        assertEquals("AVAILABLE", spots().get(0).path("realtime_status").asText());
        Occupancy.Site s = now();
        assertEquals(1, s.free());
        assertEquals(2, s.unknown(), "silent bays are unknown, never free");
    }
}
