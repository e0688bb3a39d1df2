package org.urbis.driver.pv.internal;

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
import org.urbis.api.device.Point;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.value.QualityReason;
import org.urbis.modbus.ModbusEndpoint;
import org.urbis.modbus.ModbusLinks;
import org.urbis.modbus.ModbusSettings;

/**
 * The driver of SunSpec devices over Modbus TCP (driver id {@code pv}): PV inverters (class
 * {@code pv}) and SunSpec meters (class {@code gridmeter}, with the grid-meter point names). Device
 * address {@code sunspec://host:port/unit=N} or {@code tcp://host:port/unit=N}; point addresses as in
 * {@link SunSpecAddress}; device options as in {@link PvOptions}. Units behind one gateway share one
 * connection.
 */
@Component(service = DeviceDriver.class, configurationPid = PvDriverConfig.PID)
@Designate(ocd = PvDriverConfig.class)
public final class PvDriver implements DeviceDriver {

    public static final String ID = "pv";
    /** Photovoltaic inverters: rooftop and farm solar. */
    public static final DeviceClass PV = new DeviceClass("pv");

    private static final Logger LOG = LoggerFactory.getLogger(PvDriver.class);

    private final ModbusLinks links;
    private final Clock clock;

    @Activate
    public PvDriver(PvDriverConfig config) {
        this(
                new ModbusSettings(
                        Duration.ofMillis(config.modbus_timeoutMillis()),
                        config.modbus_retries(),
                        Duration.ofMillis(config.modbus_retryBackoffMillis()),
                        125,
                        0,
                        256),
                Clock.systemUTC());
    }

    /** A driver outside OSGi: for tests and benchmarks. */
    public PvDriver(ModbusSettings settings, Clock clock) {
        this.links = new ModbusLinks(settings);
        this.clock = clock;
        LOG.info(
                "PV driver ready (reply timeout {} ms, {} retries)",
                settings.timeout().toMillis(),
                settings.retries());
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
        return Set.of(PV, DeviceClass.GRID_METER);
    }

    /** Parses {@code sunspec://host:port/unit=N} or {@code tcp://host:port/unit=N}. */
    static ModbusEndpoint endpoint(String address) {
        String a = address == null ? "" : address.trim();
        if (a.regionMatches(true, 0, "sunspec://", 0, 10)) {
            a = "tcp://" + a.substring(10);
        }
        try {
            return ModbusEndpoint.parse(a);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("address '" + address + "' is not sunspec://host:port/unit=N");
        }
    }

    @Override
    public List<String> validate(Device device) {
        List<String> problems = new ArrayList<>();
        try {
            endpoint(device.address());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        for (Point p : device.points()) {
            try {
                SunSpecAddress a = SunSpecAddress.parse(p);
                if (p.access().writable() && a.models()[0] != 123) {
                    problems.add("point '" + p.name() + "' is writable but " + a.describe()
                            + " is not; only the immediate controls of model 123 are");
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        problems.addAll(PvOptions.problems(device.options()));
        return problems;
    }

    @Override
    public DriverSession open(Device device, DeviceCallback callback) throws DriverException {
        List<String> problems = validate(device);
        if (!problems.isEmpty()) {
            throw new DriverException(QualityReason.CONFIGURATION_ERROR, String.join("; ", problems));
        }
        PvOptions options = PvOptions.of(device.options());
        return new PvSession(
                device, links.device(endpoint(device.address())), options, new PvMonitor(callback, options), clock);
    }

    /** Modbus requests sent so far by every session of this driver. */
    public long requestCount() {
        return links.requestCount();
    }
}
