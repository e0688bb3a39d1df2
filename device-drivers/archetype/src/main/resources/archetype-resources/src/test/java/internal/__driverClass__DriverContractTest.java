package ${package}.internal;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.testkit.DeviceBuilder;
import org.urbis.testkit.DriverContractTest;
import org.urbis.testkit.Profiles;

/** The driver keeps the contract of every Urbis driver session: against the simulator, and a device that never answers. */
class ${driverClass}DriverContractTest extends DriverContractTest {

    private ${driverClass}Simulator simulator;

    @BeforeEach
    void startDevices() throws IOException {
        simulator = new ${driverClass}Simulator();
    }

    @AfterEach
    void stopDevices() throws IOException {
        simulator.close();
    }

    @Override
    protected DeviceDriver startDriver() {
        return new ${driverClass}Driver();
    }

    @Override
    protected void stopDriver(DeviceDriver driver) {
        // the driver holds nothing between calls
    }

    @Override
    protected Device reachableDevice() {
        return device("C-1", simulator.address());
    }

    @Override
    protected Device unresponsiveDevice() {
        return device("C-2", blackHole().hostAndPort());
    }

    static Device device(String id, String address) {
        return DeviceBuilder.device(id, DeviceClass.of("${deviceClass}"), ${driverClass}Driver.ID, address)
                .points(Profiles.fromClasspath("URBIS-INF/profiles/${driverId}.profiles.json").points("${driverId}"))
                .build();
    }
}
