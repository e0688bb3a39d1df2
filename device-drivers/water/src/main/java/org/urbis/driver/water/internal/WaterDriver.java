package org.urbis.driver.water.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.value.QualityReason;
import org.urbis.modbus.ModbusDevice;
import org.urbis.modbus.ModbusEndpoint;
import org.urbis.modbus.ModbusLinks;
import org.urbis.modbus.ModbusSettings;

/**
 * The driver of water-supply RTUs over Modbus TCP (driver id {@code water}). Device address
 * {@code tcp://host:port/unit=N}; point addresses and options as in {@link org.urbis.modbus.RegisterMapping};
 * water options as in {@link WaterOptions}. Units behind one gateway share one connection.
 */
@Component(service = DeviceDriver.class, configurationPid = WaterDriverConfig.PID)
@Designate(ocd = WaterDriverConfig.class)
public final class WaterDriver implements DeviceDriver {

    public static final String ID = "water";

    private static final Logger LOG = LoggerFactory.getLogger(WaterDriver.class);

    private final ModbusLinks links;
    private final Clock clock;

    @Activate
    public WaterDriver(WaterDriverConfig config) {
        this(
                new ModbusSettings(
                        Duration.ofMillis(config.modbus_timeoutMillis()),
                        config.modbus_retries(),
                        Duration.ofMillis(config.modbus_retryBackoffMillis()),
                        config.modbus_maxSpan(),
                        config.modbus_maxGap(),
                        256),
                Clock.systemUTC());
    }

    /** A driver outside OSGi: for tests and benchmarks. */
    public WaterDriver(ModbusSettings settings, Clock clock) {
        this.links = new ModbusLinks(settings);
        this.clock = clock;
        LOG.info(
                "Water driver ready (reply timeout {} ms, {} retries, blocks of up to {} registers)",
                settings.timeout().toMillis(),
                settings.retries(),
                settings.maxSpan());
    }

    @Deactivate
    public void deactivate() {
        links.close();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<DeviceClass> deviceClasses() {
        return Set.of(DeviceClass.WATER);
    }

    @Override
    public List<String> validate(Device device) {
        List<String> problems = new ArrayList<>();
        try {
            ModbusEndpoint.parse(device.address());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        problems.addAll(ModbusDevice.validate(device.points()));
        problems.addAll(WaterOptions.problems(device.options()));
        return problems;
    }

    @Override
    public DriverSession open(Device device, DeviceCallback callback) throws DriverException {
        List<String> problems = validate(device);
        if (!problems.isEmpty()) {
            throw new DriverException(QualityReason.CONFIGURATION_ERROR, String.join("; ", problems));
        }
        ModbusDevice modbus = links.device(ModbusEndpoint.parse(device.address()));
        WaterMonitor monitor = new WaterMonitor(device, WaterOptions.of(device.options()), callback);
        return new WaterSession(device, modbus, monitor, clock);
    }

    /** Modbus requests sent so far by every session of this driver. */
    public long requestCount() {
        return links.requestCount();
    }
}
