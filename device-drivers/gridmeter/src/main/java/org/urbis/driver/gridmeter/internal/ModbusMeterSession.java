package org.urbis.driver.gridmeter.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DriverException;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.QualityReason;
import org.urbis.modbus.ModbusDevice;

/**
 * A Modbus meter (such as an Eastron SDM630) read through urbis-modbus with block reads, every poll interval of the
 * device, on the driver's scheduler; its values are reported like a DNP3 meter's so that the derived interval
 * values exist only once an interval is complete. A failed poll makes it OFFLINE until one succeeds.
 */
final class ModbusMeterSession extends MeterSession {

    private final ModbusDevice modbus;
    private final List<Point> registers;
    private final Duration timeout;
    private final ScheduledFuture<?> polling;
    private volatile boolean connected;
    private volatile String lastFailure;

    ModbusMeterSession(
            Device device,
            ModbusDevice modbus,
            DeviceCallback callback,
            GridMonitor monitor,
            Clock clock,
            ScheduledExecutorService scheduler,
            Duration interval,
            Duration timeout) {
        super(device, callback, monitor, clock);
        this.modbus = modbus;
        this.timeout = timeout;
        this.registers = device.points().stream()
                .filter(p -> p.access().readable() && !GridMonitor.derived(p.address()))
                .toList();
        this.polling = scheduler.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try {
            report(modbus.read(registers, timeout));
            if (!connected) {
                connected = true;
                monitor.connection(true, "");
                health(HealthStatus.ONLINE, HealthDetail.NONE, "");
            }
        } catch (DriverException e) {
            failed(e.getMessage(), "did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: the meter would go silent for good.
            failed(e.toString(), "could not be read: " + e);
        }
    }

    /** Marks the meter's values BAD, once per connection loss or new kind of failure. */
    private void failed(String failure, String why) {
        if (connected || !failure.equals(lastFailure)) {
            connected = false;
            lastFailure = failure;
            lost("Modbus meter " + modbus.endpoint() + " " + why);
        }
    }

    @Override
    protected void checkConnected() throws DriverException {
        if (!connected) {
            throw new DriverException(
                    QualityReason.COMM_ERROR,
                    "Modbus meter " + modbus.endpoint() + " has not answered"
                            + (lastFailure == null ? " yet" : ": " + lastFailure));
        }
    }

    @Override
    public void write(Point point, Object value, Duration timeout) throws DriverException, InterruptedException {
        if (GridMonitor.derived(point.address()) || point.address().isEmpty()) {
            throw new DriverException(
                    QualityReason.CONFIGURATION_ERROR,
                    "point '" + point.name() + "' of " + device.id() + " cannot be written");
        }
        modbus.write(point, value, timeout);
    }

    @Override
    public void close() {
        polling.cancel(true);
        modbus.close();
    }
}
