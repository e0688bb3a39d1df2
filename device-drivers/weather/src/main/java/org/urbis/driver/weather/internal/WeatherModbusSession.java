package org.urbis.driver.weather.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.value.Value;
import org.urbis.modbus.ModbusDevice;

/**
 * A station on Modbus TCP: its registers read in block requests through {@code urbis-modbus}, its
 * {@code sensorFaults} register read with every poll and applied by {@link WeatherChecks}.
 */
final class WeatherModbusSession implements DriverSession {

    static final String SENSOR_FAULTS = "sensorFaults";

    private final Device device;
    private final ModbusDevice modbus;
    private final WeatherChecks checks;

    WeatherModbusSession(Device device, ModbusDevice modbus, DeviceCallback callback) {
        this.device = device;
        this.modbus = modbus;
        this.checks = new WeatherChecks(callback);
    }

    @Override
    public Acquisition acquisition() {
        return Acquisition.POLLED;
    }

    @Override
    public List<Value> read(List<Point> points, Duration timeout) throws DriverException, InterruptedException {
        List<Point> asked = new ArrayList<>(points);
        Point status = device.pointWithRole(SENSOR_FAULTS).orElse(null);
        if (status != null && !asked.contains(status)) {
            asked.add(status);
        }
        List<Value> read = modbus.read(asked, timeout);
        int bits = 0;
        if (status != null) {
            Value v = read.get(asked.indexOf(status));
            bits = v.hasValue() && v.value() instanceof Number n ? n.intValue() : 0;
        }
        return checks.check(points, read.subList(0, points.size()), bits, List.of());
    }

    @Override
    public void write(Point point, Object value, Duration timeout) throws DriverException, InterruptedException {
        modbus.write(point, value, timeout);
    }

    @Override
    public void close() {
        modbus.close();
    }
}
