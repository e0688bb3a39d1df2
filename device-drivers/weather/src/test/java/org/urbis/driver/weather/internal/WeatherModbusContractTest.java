package org.urbis.driver.weather.internal;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.urbis.api.device.Device;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.simulator.irrigation.WeatherStation;
import org.urbis.testkit.DriverContractTest;

/** The weather driver keeps the contract of every driver session with a station on Modbus TCP, and one that never answers. */
class WeatherModbusContractTest extends DriverContractTest {

    private WeatherStation station;

    @BeforeEach
    void startDevices() throws IOException {
        station = WeatherStation.start();
    }

    @AfterEach
    void stopDevices() {
        station.close();
    }

    @Override
    protected boolean ignoredThread(Thread thread) {
        return super.ignoredThread(thread) || modbusSimulatorThread(thread);
    }

    @Override
    protected DeviceDriver startDriver() {
        return Stations.driver("tcp://127.0.0.1:1");
    }

    @Override
    protected void stopDriver(DeviceDriver driver) {
        ((WeatherDriver) driver).deactivate();
    }

    @Override
    protected Device reachableDevice() {
        return Stations.modbus("WS-C-01", station.address());
    }

    @Override
    protected Device unresponsiveDevice() {
        return Stations.modbus("WS-C-02", "tcp://" + blackHole().hostAndPort() + "/unit=1");
    }
}
