package org.urbis.driver.irrigation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.modbus.ModbusDevice;

/**
 * One irrigation PLC on Modbus TCP: every point with a register address is read and written through
 * {@code urbis-modbus} in block requests; each zone's {@code zone<N>.flow} (no address) is derived from
 * {@code flowTotal} and the open valves. On a mainline break the {@code masterValve} coil is written
 * shut in the same read.
 */
final class ModbusControllerSession implements DriverSession {

    private final Device device;
    private final ModbusDevice modbus;
    private final FlowMonitor monitor;

    ModbusControllerSession(Device device, ModbusDevice modbus, IrrigationOptions options, DeviceCallback callback) {
        this.device = device;
        this.modbus = modbus;
        this.monitor = new FlowMonitor(options, callback);
    }

    @Override
    public Acquisition acquisition() {
        return Acquisition.POLLED;
    }

    @Override
    public List<Value> read(List<Point> points, Duration timeout) throws DriverException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // the flow rules need the valves, the flow and the master valve whatever was asked
        List<Point> registers = new ArrayList<>();
        for (Point p : device.points()) {
            PointRole r = PointRole.of(p).orElseThrow();
            boolean needed = points.contains(p)
                    || (r.isZone() && r.what().equals(PointRole.OPEN))
                    || r.is(PointRole.FLOW_TOTAL)
                    || r.is(PointRole.MASTER_VALVE)
                    || r.is(PointRole.FLOW_SENSOR_FAULT);
            if (needed && !r.derivedFlow() && p.access().readable()) {
                registers.add(p);
            }
        }
        List<Value> read = modbus.read(registers, timeout);
        TreeMap<Integer, Boolean> open = new TreeMap<>();
        Double flow = null;
        Boolean master = null;
        List<String> faults = new ArrayList<>();
        for (int i = 0; i < registers.size(); i++) {
            PointRole r = PointRole.of(registers.get(i)).orElseThrow();
            Value v = read.get(i);
            boolean good = v.hasValue() && v.quality() != Quality.BAD;
            if (r.isZone() && r.what().equals(PointRole.OPEN) && good) {
                open.put(r.zone(), (Boolean) v.value());
            } else if (r.is(PointRole.FLOW_TOTAL)) {
                if (good) {
                    flow = ((Number) v.value()).doubleValue();
                } else if (v.reason() == QualityReason.DEVICE_ERROR) {
                    faults.add("the flow meter cannot be read: " + v.detail());
                }
            } else if (r.is(PointRole.MASTER_VALVE) && good) {
                master = (Boolean) v.value();
            } else if (r.is(PointRole.FLOW_SENSOR_FAULT) && good && Boolean.TRUE.equals(v.value())) {
                faults.add("the flow meter reports a fault");
            }
        }
        Optional<Point> masterPoint = device.points().stream()
                .filter(p ->
                        PointRole.of(p).map(r -> r.is(PointRole.MASTER_VALVE)).orElse(false)
                                && p.access().writable())
                .findFirst();
        Map<Integer, Double> zoneFlows = monitor.observe(
                new FlowMonitor.Observation(open, faults.isEmpty() ? flow : null, master, faults), () -> {
                    if (masterPoint.isEmpty()) {
                        throw new DriverException(
                                QualityReason.CONFIGURATION_ERROR, device.id() + " has no writable masterValve point");
                    }
                    modbus.write(
                            masterPoint.get(),
                            Boolean.FALSE,
                            Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
                });
        Instant now = Instant.now();
        List<Value> values = new ArrayList<>(points.size());
        for (Point p : points) {
            PointRole r = PointRole.of(p).orElseThrow();
            if (r.derivedFlow()) {
                Double f = zoneFlows.get(r.zone());
                values.add(
                        f != null
                                ? Value.good(p.name(), f, now)
                                : Value.bad(
                                        p.name(),
                                        QualityReason.DEVICE_ERROR,
                                        open.containsKey(r.zone())
                                                ? "the mainline flow is not known"
                                                : "the valve of zone " + r.zone() + " could not be read",
                                        now));
            } else {
                values.add(read.get(registers.indexOf(p)));
            }
        }
        return values;
    }

    @Override
    public void write(Point point, Object value, Duration timeout) throws DriverException, InterruptedException {
        if (PointRole.of(point).map(PointRole::derivedFlow).orElse(false)) {
            throw new DriverException(QualityReason.CONFIGURATION_ERROR, "a zone's flow is measured, not set");
        }
        modbus.write(point, value, timeout);
    }

    @Override
    public void close() {
        modbus.close();
    }
}
