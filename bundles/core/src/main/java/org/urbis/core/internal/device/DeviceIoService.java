package org.urbis.core.internal.device;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DriverException;
import org.urbis.api.runtime.DeviceIO;
import org.urbis.api.runtime.DeviceIOException;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.core.internal.io.DeviceBusyException;

/**
 * Reads and writes on demand (commands, readbacks), checked against the device's points and handed
 * straight to the device's driver session on the caller's thread; the device's health follows what
 * the call met. Which devices exist and which session each has is {@link DeviceMembership}'s.
 */
@Component(service = DeviceIO.class)
public final class DeviceIoService implements DeviceIO {

    private final DeviceMembership devices;

    @Activate
    public DeviceIoService(@Reference(name = "devices") DeviceMembership devices) {
        this.devices = devices;
    }

    @Override
    public CompletionStage<Void> write(String deviceId, String pointName, Object value, Duration timeout) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        try {
            DeviceBinding binding = bindingFor(deviceId);
            Point point = point(binding, pointName);
            if (!point.access().writable()) {
                throw new DeviceIOException(
                        DeviceIOException.Reason.NOT_ACCESSIBLE,
                        "point '" + pointName + "' of device " + deviceId + " is read-only");
            }
            Object typed = checkedSetpoint(deviceId, point, value);
            binding.write(point, typed, timeout).whenComplete((ok, error) -> {
                if (error == null) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(ioFailure(deviceId, DeviceBinding.asDriverException(error)));
                }
            });
        } catch (DeviceIOException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    @Override
    public CompletionStage<List<Value>> read(String deviceId, List<String> pointNames, Duration timeout) {
        CompletableFuture<List<Value>> result = new CompletableFuture<>();
        try {
            DeviceBinding binding = bindingFor(deviceId);
            List<Point> points = new ArrayList<>();
            for (String name : pointNames) {
                Point p = point(binding, name);
                if (!p.access().readable()) {
                    throw new DeviceIOException(
                            DeviceIOException.Reason.NOT_ACCESSIBLE,
                            "point '" + name + "' of device " + deviceId + " is write-only");
                }
                points.add(p);
            }
            DeviceState state = devices.state(deviceId);
            binding.read(points, timeout).whenComplete((values, error) -> {
                if (error == null) {
                    state.recordValues(values);
                    result.complete(state.values(points));
                } else {
                    result.completeExceptionally(ioFailure(deviceId, DeviceBinding.asDriverException(error)));
                }
            });
        } catch (DeviceIOException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private DeviceBinding bindingFor(String deviceId) throws DeviceIOException {
        DeviceState state = devices.state(deviceId);
        if (state == null) {
            throw new DeviceIOException(
                    DeviceIOException.Reason.UNKNOWN_DEVICE, "no device " + deviceId + " in the inventory");
        }
        DeviceBinding binding = devices.binding(deviceId);
        if (binding == null) {
            throw new DeviceIOException(
                    DeviceIOException.Reason.DRIVER_MISSING,
                    "device " + deviceId + ": "
                            + DeviceMembership.driverMissing(state.device().driver()));
        }
        if (!binding.open()) {
            throw new DeviceIOException(
                    DeviceIOException.Reason.DRIVER_ERROR,
                    "device " + deviceId + " is not open: " + state.health().message());
        }
        return binding;
    }

    private static Point point(DeviceBinding binding, String name) throws DeviceIOException {
        return binding.device()
                .point(name)
                .orElseThrow(() -> new DeviceIOException(
                        DeviceIOException.Reason.UNKNOWN_POINT,
                        "device " + binding.device().id() + " has no point '" + name + "'"));
    }

    /** The last guard before a device: the value must fit the point's type and limits. */
    private static Object checkedSetpoint(String deviceId, Point point, Object value) throws DeviceIOException {
        Object typed;
        try {
            typed = point.type().coerce(value);
        } catch (IllegalArgumentException e) {
            throw new DeviceIOException(
                    DeviceIOException.Reason.INVALID_VALUE,
                    "point '" + point.name() + "' of device " + deviceId + ": " + e.getMessage());
        }
        if (!point.withinLimits(typed)) {
            throw new DeviceIOException(
                    DeviceIOException.Reason.INVALID_VALUE,
                    "point '" + point.name() + "' of device " + deviceId + ": " + typed + " " + point.unit()
                            + " is outside " + point.limits().range());
        }
        return typed;
    }

    private DeviceIOException ioFailure(String deviceId, DriverException failure) {
        // Only a device that could not be reached is less healthy; one that refused a value answered.
        boolean unreachable = failure.reason() == QualityReason.COMM_ERROR || failure.reason() == QualityReason.TIMEOUT;
        DeviceState state = devices.state(deviceId);
        if (state != null && unreachable && !(failure instanceof DeviceBusyException)) {
            state.failed(failure.healthDetail(), failure.getMessage());
        }
        DeviceIOException.Reason reason = failure instanceof DeviceBusyException
                ? DeviceIOException.Reason.BUSY
                : failure.reason() == QualityReason.TIMEOUT
                        ? DeviceIOException.Reason.TIMEOUT
                        : DeviceIOException.Reason.DRIVER_ERROR;
        return new DeviceIOException(reason, failure.getMessage(), failure);
    }
}
