package org.urbis.core.internal.device;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.urbis.api.device.Device;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.runtime.DeviceIO;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.PlatformAlarms;
import org.urbis.api.runtime.PollCounters;
import org.urbis.api.runtime.PollMonitor;
import org.urbis.api.value.Value;
import org.urbis.core.internal.alarm.PlatformAlarmRegistry;
import org.urbis.core.internal.event.EventBus;

/**
 * The device runtime wired by hand outside OSGi, for driver tests and benchmarks: the platform
 * alarms, the device membership and the device I/O, connected as Declarative Services connects
 * them in the platform, and offered as one object. Not a component.
 */
public final class StandaloneDeviceRuntime implements DeviceRegistry, DeviceIO, PlatformAlarms, PollMonitor {

    private final PlatformAlarmRegistry alarms;
    private final DeviceMembership membership;
    private final DeviceIoService io;

    public StandaloneDeviceRuntime(EventBus events, CoreSettings settings, Set<String> configuredDrivers) {
        this.alarms = new PlatformAlarmRegistry(events);
        this.membership = new DeviceMembership(events, alarms, settings, configuredDrivers);
        this.io = new DeviceIoService(membership);
    }

    public PlatformAlarmRegistry alarms() {
        return alarms;
    }

    public DeviceMembership membership() {
        return membership;
    }

    public DeviceIoService io() {
        return io;
    }

    public void deactivate() {
        membership.deactivate();
    }

    public void addDriver(DeviceDriver driver) {
        membership.addDriver(driver);
    }

    public void removeDriver(DeviceDriver driver) {
        membership.removeDriver(driver);
    }

    /** @see DeviceMembership#apply */
    public int[] apply(List<Device> inventory) {
        return membership.apply(inventory);
    }

    @Override
    public Collection<String> deviceIds() {
        return membership.deviceIds();
    }

    @Override
    public Optional<DeviceSnapshot> snapshot(String deviceId) {
        return membership.snapshot(deviceId);
    }

    @Override
    public List<DeviceSnapshot> find(DeviceQuery query) {
        return membership.find(query);
    }

    @Override
    public List<String> findIds(DeviceQuery query) {
        return membership.findIds(query);
    }

    @Override
    public List<Alarm> activeAlarms() {
        return membership.activeAlarms();
    }

    @Override
    public Optional<Alarm> acknowledge(String deviceId, String type, String actor) {
        return membership.acknowledge(deviceId, type, actor);
    }

    @Override
    public PollCounters pollCounters() {
        return membership.pollCounters();
    }

    @Override
    public void raise(String source, String type, AlarmSeverity severity, String message) {
        alarms.raise(source, type, severity, message);
    }

    @Override
    public void clear(String source, String type, String message) {
        alarms.clear(source, type, message);
    }

    @Override
    public CompletionStage<Void> write(String deviceId, String point, Object value, Duration timeout) {
        return io.write(deviceId, point, value, timeout);
    }

    @Override
    public CompletionStage<List<Value>> read(String deviceId, List<String> points, Duration timeout) {
        return io.read(deviceId, points, timeout);
    }
}
