package org.urbis.api.driver;

import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;
import org.urbis.api.device.Point;
import org.urbis.api.value.Value;

/**
 * A driver's link to one device, opened by {@link DeviceDriver#open} and closed by the platform when
 * the device leaves the inventory or the driver goes away.
 *
 * <p>The platform calls {@code read} and {@code write} on its own worker threads, never two at a
 * time for one device. It gives each call a timeout the driver should apply to its own I/O; a
 * call that overruns is abandoned (its thread interrupted) and counted as a TIMEOUT, and the
 * device is not called again until the overrunning call returns.
 */
@ConsumerType
public interface DriverSession extends AutoCloseable {

    /** Whether the platform polls this device or the driver pushes its values. */
    Acquisition acquisition();

    /**
     * Reads points in as few requests as the protocol allows (block reads). Returns one value per
     * requested point; a point that could not be read comes back as a BAD value with its reason,
     * never left out and never invented.
     *
     * @throws DriverException when the whole read failed (connection refused, timeout)
     */
    List<Value> read(List<Point> points, Duration timeout) throws DriverException, InterruptedException;

    /**
     * Writes one value, already checked by the platform against the point's type, access and
     * limits. Returns when the device accepted the write; confirmation by readback is the
     * platform's job.
     *
     * @throws DriverException when the device refused it or could not be reached
     */
    void write(Point point, Object value, Duration timeout) throws DriverException, InterruptedException;

    /** Releases the device's connection or subscription. Must not throw and must not block long. */
    @Override
    void close();
}
