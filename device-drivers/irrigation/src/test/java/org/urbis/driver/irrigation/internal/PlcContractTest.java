package org.urbis.driver.irrigation.internal;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.urbis.api.device.Device;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.simulator.irrigation.IrrigationPlc;
import org.urbis.testkit.DriverContractTest;

/** The driver keeps the contract of every driver session with a Modbus irrigation PLC, and one that never answers. */
class PlcContractTest extends DriverContractTest {

    private IrrigationPlc plc;

    @BeforeEach
    void startDevices() throws IOException {
        plc = IrrigationPlc.start(4);
    }

    @AfterEach
    void stopDevices() {
        plc.close();
    }

    @Override
    protected boolean ignoredThread(Thread thread) {
        return super.ignoredThread(thread) || modbusSimulatorThread(thread);
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
        return Controllers.plc("IR-C-04", "tcp://" + blackHole().hostAndPort() + "/unit=1", Map.of());
    }
}
