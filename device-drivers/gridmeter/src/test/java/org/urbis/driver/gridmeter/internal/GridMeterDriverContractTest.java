package org.urbis.driver.gridmeter.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.urbis.api.device.Device;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.simulator.gridmeter.Dnp3Meter;
import org.urbis.testkit.DriverContractTest;

/** The driver keeps the contract of every driver session with a simulated DNP3 meter and one that never answers. */
class GridMeterDriverContractTest extends DriverContractTest {

    private Dnp3Meter meter;

    @BeforeEach
    void startDevices() throws IOException {
        meter = Dnp3Meter.listen(new InetSocketAddress("127.0.0.1", 0), 10, 1, Clock.systemUTC());
    }

    @AfterEach
    void stopDevices() {
        meter.close();
    }

    @Override
    protected DeviceDriver startDriver() {
        return Meters.driver(null);
    }

    @Override
    protected void stopDriver(DeviceDriver driver) {
        ((GridMeterDriver) driver).deactivate();
    }

    @Override
    protected boolean ignoredThread(Thread thread) {
        return super.ignoredThread(thread) || thread.getName().startsWith("dnp3-outstation");
    }

    @Override
    protected Device reachableDevice() {
        return Meters.dnp3("GM-C-01", "dnp3", "127.0.0.1:" + meter.port(), 10, Meters.measured(Meters.feeder()));
    }

    @Override
    protected Device unresponsiveDevice() {
        return Meters.dnp3("GM-C-02", "dnp3", blackHole().hostAndPort(), 10, Meters.measured(Meters.feeder()));
    }
}
