package org.urbis.driver.pv.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.urbis.api.device.Device;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.modbus.ModbusSettings;
import org.urbis.simulator.pv.PvFeeder;
import org.urbis.testkit.DeviceBuilder;
import org.urbis.testkit.DriverContractTest;
import org.urbis.testkit.Profiles;

/** The PV driver keeps the contract of every driver session, against a simulated inverter and one that never answers. */
class PvDriverContractTest extends DriverContractTest {

    private PvFeeder feeder;

    @BeforeEach
    void startDevices() throws IOException {
        feeder = PvFeeder.builder()
                .inverters(1)
                .houses(0)
                .tickMillis(100)
                .sunnyNoon(true)
                .start();
    }

    @AfterEach
    void stopDevices() {
        feeder.close();
    }

    @Override
    protected boolean ignoredThread(Thread thread) {
        return super.ignoredThread(thread) || modbusSimulatorThread(thread);
    }

    @Override
    protected DeviceDriver startDriver() {
        return new PvDriver(
                new ModbusSettings(Duration.ofMillis(800), 1, Duration.ofMillis(50), 125, 0, 256), Clock.systemUTC());
    }

    @Override
    protected void stopDriver(DeviceDriver driver) {
        ((PvDriver) driver).deactivate();
    }

    @Override
    protected Device reachableDevice() {
        return inverter("PV-C-01", "127.0.0.1:" + feeder.port());
    }

    @Override
    protected Device unresponsiveDevice() {
        return inverter("PV-C-02", blackHole().hostAndPort());
    }

    private static Device inverter(String id, String hostAndPort) {
        return DeviceBuilder.device(id, PvDriver.PV, PvDriver.ID, "sunspec://" + hostAndPort + "/unit=1")
                .points(Profiles.fromClasspath("URBIS-INF/profiles/pv.profiles.json")
                        .points("pv-sunspec-inverter"))
                .build();
    }
}
