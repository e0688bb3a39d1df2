package org.urbis.driver.irrigation.internal;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.urbis.api.device.Device;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.simulator.irrigation.OpenSprinklerController;
import org.urbis.testkit.DriverContractTest;

/** The driver keeps the contract of every driver session with an OpenSprinkler controller, and one that never answers. */
class OpenSprinklerContractTest extends DriverContractTest {

    private OpenSprinklerController controller;

    @BeforeEach
    void startDevices() throws IOException {
        controller = OpenSprinklerController.start();
    }

    @AfterEach
    void stopDevices() {
        controller.close();
    }

    @Override
    protected DeviceDriver startDriver() {
        return Controllers.driver();
    }

    @Override
    protected void stopDriver(DeviceDriver driver) {
        ((IrrigationDriver) driver).deactivate();
    }

    @Override
    protected Device reachableDevice() {
        return Controllers.openSprinkler("IR-C-01", controller.address(), Map.of());
    }

    @Override
    protected Device unresponsiveDevice() {
        return Controllers.openSprinkler(
                "IR-C-02", "opensprinkler://" + blackHole().hostAndPort(), Map.of());
    }
}
