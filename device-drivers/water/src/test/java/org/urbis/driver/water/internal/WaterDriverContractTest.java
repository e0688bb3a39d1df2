package org.urbis.driver.water.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.modbus.ModbusSettings;
import org.urbis.simulator.water.WaterSimulator;
import org.urbis.testkit.DeviceBuilder;
import org.urbis.testkit.DriverContractTest;
import org.urbis.testkit.Profiles;

/** The water driver keeps the contract of every driver session, against a simulated RTU and one that never answers. */
class WaterDriverContractTest extends DriverContractTest {

    private WaterSimulator sim;

    @BeforeEach
    void startDevices() throws IOException {
        sim = WaterSimulator.start(1);
    }

    @AfterEach
    void stopDevices() {
        sim.close();
    }

    @Override
    protected boolean ignoredThread(Thread thread) {
        return super.ignoredThread(thread) || modbusSimulatorThread(thread);
    }

    @Override
    protected DeviceDriver startDriver() {
        return new WaterDriver(
                new ModbusSettings(Duration.ofMillis(800), 1, Duration.ofMillis(50), 64, 8, 256), Clock.systemUTC());
    }

    @Override
    protected void stopDriver(DeviceDriver driver) {
        ((WaterDriver) driver).deactivate();
    }

    @Override
    protected Device reachableDevice() {
        return rtu("WV-C-01", "127.0.0.1:" + sim.port());
    }

    @Override
    protected Device unresponsiveDevice() {
        return rtu("WV-C-02", blackHole().hostAndPort());
    }

    private static Device rtu(String id, String hostAndPort) {
        return DeviceBuilder.device(id, DeviceClass.WATER, WaterDriver.ID, "tcp://" + hostAndPort + "/unit=1")
                .points(Profiles.fromClasspath("URBIS-INF/profiles/water.profiles.json")
                        .points("water-valve-rtu"))
                .build();
    }
}
