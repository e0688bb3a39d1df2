package org.urbis.driver.parking.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.value.Value;
import org.urbis.parking.codec.internal.NwaveNps405Codec;
import org.urbis.simulator.parking.LoraNetworkSimulator;
import org.urbis.simulator.parking.SensorModel;
import org.urbis.simulator.parking.StreetOfBays;
import org.urbis.testing.Await;
import org.urbis.testing.MosquittoPerClass;
import org.urbis.testkit.DriverContractTest;
import org.urbis.testkit.RecordingCallback;

/** The parking driver keeps the contract of every driver session: a simulated sensor heartbeating, and one never heard. */
class ParkingDriverContractTest extends DriverContractTest {

    @RegisterExtension
    static final MosquittoPerClass broker = new MosquittoPerClass();

    private StreetOfBays street;
    private NetworkServerConnection connection;

    @BeforeEach
    void startStreet() {
        // heartbeats only, often: every frame carries what the profile reads
        street = new StreetOfBays(
                broker.url(), LoraNetworkSimulator.Server.CHIRPSTACK, "contract", 1, SensorModel.NWAVE_NPS405, 200, 0);
    }

    @AfterEach
    void stopStreet() {
        street.close();
    }

    @Override
    protected boolean ignoredThread(Thread thread) {
        return super.ignoredThread(thread)
                || thread.getName().startsWith("urbis-parking-simulator")
                || thread.getName().startsWith("MQTT") && street.simulator().connected();
    }

    @Override
    protected DeviceDriver startDriver() {
        connection = new NetworkServerConnection(ConnectionSettings.of("ns", "chirpstack", broker.url()));
        ParkingDriver driver = new ParkingDriver(
                ParkingDriverSettings.defaults().withHeartbeat(Duration.ofMinutes(10), Duration.ofMillis(200)),
                Clock.systemUTC());
        driver.addCodec(new NwaveNps405Codec());
        driver.addConnection(connection);
        Await.until("the driver's connection", firstValuesWithin(), connection::connected);
        return driver;
    }

    @Override
    protected void stopDriver(DeviceDriver driver) {
        ((ParkingDriver) driver).close();
        connection.close();
    }

    /** A bay announces itself with a startup frame that has no battery reading: wait for its first heartbeat. */
    @Override
    protected boolean firstValuesPushed(RecordingCallback callback, List<Point> readable) {
        Set<String> pushed = callback.values().stream().map(Value::point).collect(Collectors.toSet());
        return readable.stream().allMatch(p -> pushed.contains(p.name()));
    }

    @Override
    protected Device reachableDevice() {
        // the NPS405 reports its battery in volts; the percentage comes only from a ChirpStack status event
        Device d = Bays.device("PK-C-1", StreetOfBays.devEui(1), "nwave-nps405", "ns");
        return new Device(
                d.id(),
                d.deviceClass(),
                d.driver(),
                d.address(),
                d.location(),
                d.tags(),
                d.points().stream().filter(p -> !p.name().equals("battery")).toList(),
                d.pollInterval(),
                d.options());
    }

    @Override
    protected Device unresponsiveDevice() {
        return Bays.device("PK-C-NOBODY", "70B3D57ED00FFFFF", "nwave-nps405", "ns");
    }
}
