package org.urbis.driver.streetlight.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.urbis.api.device.Device;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.simulator.streetlight.FleetSettings;
import org.urbis.simulator.streetlight.LuminaireFleet;
import org.urbis.testing.Await;
import org.urbis.testing.MosquittoPerClass;
import org.urbis.testkit.DriverContractTest;

/** The street-lighting driver keeps the contract of every driver session: a simulated node, and a topic nobody serves. */
class StreetlightDriverContractTest extends DriverContractTest {

    @RegisterExtension
    static final MosquittoPerClass broker = new MosquittoPerClass();

    private LuminaireFleet fleet;

    @BeforeEach
    void startFleet() {
        fleet = new LuminaireFleet(FleetSettings.defaults(broker.url())
                .withTopicRoot("contract/luminaires")
                .withIdPrefix("SL-C-")
                .withStatusInterval(Duration.ofSeconds(1)));
        assertTrue(fleet.start(1), "the fleet connects");
    }

    @AfterEach
    void stopFleet() {
        fleet.stop();
    }

    @Override
    protected DeviceDriver startDriver() {
        StreetlightDriver driver = new StreetlightDriver(DriverSettings.defaults(broker.url()), Clock.systemUTC());
        Await.until("the driver's connection", firstValuesWithin(), driver::connected);
        return driver;
    }

    @Override
    protected void stopDriver(DeviceDriver driver) {
        ((StreetlightDriver) driver).close();
    }

    @Override
    protected Device reachableDevice() {
        String id = fleet.nodeIds().get(0);
        return Luminaires.device(id, fleet.address(id));
    }

    @Override
    protected Device unresponsiveDevice() {
        return Luminaires.device("SL-C-NOBODY", "contract/luminaires/SL-C-NOBODY");
    }
}
