package org.urbis.driver.water.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.value.Value;
import org.urbis.modbus.ModbusDevice;

/** One RTU: reads and writes through the shared Modbus connection, and runs the water rules on each read. */
final class WaterSession implements DriverSession {

    private final Device device;
    private final ModbusDevice modbus;
    private final WaterMonitor monitor;
    private final Clock clock;
    private volatile Double lastPosition;

    WaterSession(Device device, ModbusDevice modbus, WaterMonitor monitor, Clock clock) {
        this.device = device;
        this.modbus = modbus;
        this.monitor = monitor;
        this.clock = clock;
    }

    @Override
    public Acquisition acquisition() {
        return Acquisition.POLLED;
    }

    @Override
    public List<Value> read(List<Point> points, Duration timeout) throws DriverException, InterruptedException {
        List<Value> values = modbus.read(points, timeout);
        var byRole = WaterMonitor.byRole(device, points, values);
        Double position = WaterMonitor.number(byRole.get(Roles.POSITION));
        if (position != null) {
            lastPosition = position;
        }
        monitor.observe(byRole, clock.instant());
        return values;
    }

    @Override
    public void write(Point point, Object value, Duration timeout) throws DriverException, InterruptedException {
        modbus.write(point, value, timeout);
        String role = point.role();
        if (role.equals(Roles.SETPOINT) && value instanceof Number n) {
            monitor.commanded(n.doubleValue(), lastPosition, clock.instant());
        } else if (role.equals(Roles.OPEN) && value instanceof Boolean b) {
            monitor.commanded(b ? 100 : 0, lastPosition, clock.instant());
        }
    }

    @Override
    public void close() {
        modbus.close();
    }
}
