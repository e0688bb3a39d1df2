package org.urbis.driver.irrigation.internal;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.urbis.api.device.Device;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.simulator.irrigation.IrrigationPlc;
import org.urbis.testkit.BlackHole;
import org.urbis.testkit.DriverContractTest;

/** The driver keeps the contract of every driver session with a Modbus irrigation PLC, and one that never answers. */
class PlcContractTest extends DriverContractTest {

    private IrrigationPlc plc;
    private BlackHole hole;

    @BeforeEach
    void startDevices() throws IOException {
        plc = IrrigationPlc.start(4);
        hole = new BlackHole();
    }

    @AfterEach
    void stopDevices() {
        plc.close();
        hole.close();
    }

    /** The simulator's j2mod server ends its connection handlers in its own time, after the driver hung up. */
    @Override
    protected boolean ignoredThread(Thread thread) {
        return super.ignoredThread(thread) || thread.getName().startsWith("Modbus TCP Listener");
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
        return Controllers.plc("IR-C-03", plc.address(), Map.of());
    }

    @Override
    protected Device unresponsiveDevice() {
        return Controllers.plc("IR-C-04", "tcp://" + hole.hostAndPort() + "/unit=1", Map.of());
    }
}
