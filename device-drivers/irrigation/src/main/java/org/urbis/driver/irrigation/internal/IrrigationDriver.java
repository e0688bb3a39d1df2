package org.urbis.driver.irrigation.internal;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
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
import org.urbis.modbus.ModbusDevice;
import org.urbis.modbus.ModbusEndpoint;
import org.urbis.modbus.ModbusLinks;
import org.urbis.modbus.ModbusSettings;

/**
 * The driver of irrigation controllers (driver id and device class {@code irrigation}): OpenSprinkler
 * controllers at {@code opensprinkler://host:port} over their HTTP API, and irrigation PLCs at
 * {@code tcp://host:port/unit=N} over Modbus TCP through {@code urbis-modbus}. Points and alarms as in
 * {@link PointRole} and {@link FlowMonitor}.
 */
@Component(service = DeviceDriver.class, configurationPid = IrrigationDriverConfig.PID)
@Designate(ocd = IrrigationDriverConfig.class)
public final class IrrigationDriver implements DeviceDriver {

    public static final String ID = "irrigation";
    static final String SCHEME = "opensprinkler:";

    private static final Logger LOG = LoggerFactory.getLogger(IrrigationDriver.class);

    private final ModbusLinks links;
    private final Duration httpTimeout;
    /** One request in flight per OpenSprinkler controller, whichever devices name it. */
    private final Map<String, Semaphore> controllers = new ConcurrentHashMap<>();

    @Activate
    public IrrigationDriver(IrrigationDriverConfig config) {
        this(
                Duration.ofMillis(config.http_timeoutMillis()),
                new ModbusSettings(
                        Duration.ofMillis(config.modbus_timeoutMillis()),
                        config.modbus_retries(),
                        Duration.ofMillis(config.modbus_retryBackoffMillis()),
                        config.modbus_maxSpan(),
                        config.modbus_maxGap(),
                        256));
    }

    /** A driver outside OSGi: for tests and benchmarks. */
    public IrrigationDriver(Duration httpTimeout, ModbusSettings modbus) {
        this.httpTimeout = httpTimeout;
        this.links = new ModbusLinks(modbus);
        LOG.info(
                "Irrigation driver ready (HTTP timeout {} ms, Modbus reply timeout {} ms)",
                httpTimeout.toMillis(),
                modbus.timeout().toMillis());
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
        return Set.of(DeviceClass.IRRIGATION);
    }

    @Override
    public List<String> validate(Device device) {
        List<String> problems = new ArrayList<>(IrrigationOptions.problems(device.options()));
        IrrigationOptions options = IrrigationOptions.of(device.options());
        for (Point p : device.points()) {
            PointRole r = PointRole.of(p).orElse(null);
            if (r == null) {
                problems.add("point '" + p.name() + "': zones are numbered 1-" + PointRole.MAX_ZONES);
            } else if (r.isZone() && options.zones() > 0 && r.zone() > options.zones()) {
                problems.add("point '" + p.name() + "' names zone " + r.zone() + " but the controller has "
                        + options.zones() + " zones (option zones)");
            }
        }
        if (device.address().trim().toLowerCase(java.util.Locale.ROOT).startsWith(SCHEME)) {
            try {
                OpenSprinklerClient.endpoint(device.address());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            if (options.password().isEmpty()) {
                problems.add("an OpenSprinkler controller needs its password (device option password)");
            }
            for (Point p : device.points()) {
                PointRole.of(p)
                        .filter(r -> !r.isZone() && !PointRole.OPENSPRINKLER.contains(r.what()))
                        .ifPresent(
                                r -> problems.add("point '" + p.name() + "' is nothing an OpenSprinkler controller has;"
                                        + " it has zone<N>.run/open/remaining/flow and "
                                        + String.join(", ", new java.util.TreeSet<>(PointRole.OPENSPRINKLER))));
            }
            return problems;
        }
        try {
            ModbusEndpoint.parse(device.address());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + " (or opensprinkler://host:port)");
        }
        List<Point> registers = new ArrayList<>();
        for (Point p : device.points()) {
            if (PointRole.of(p).map(PointRole::derivedFlow).orElse(false)
                    && p.address().isEmpty()) {
                continue;
            }
            registers.add(p);
        }
        problems.addAll(ModbusDevice.validate(registers));
        return problems;
    }

    @Override
    public DriverSession open(Device device, DeviceCallback callback) throws DriverException {
        List<String> problems = validate(device);
        if (!problems.isEmpty()) {
            throw new DriverException(QualityReason.CONFIGURATION_ERROR, String.join("; ", problems));
        }
        IrrigationOptions options = IrrigationOptions.of(device.options());
        if (device.address().trim().toLowerCase(java.util.Locale.ROOT).startsWith(SCHEME)) {
            InetSocketAddress at = OpenSprinklerClient.endpoint(device.address());
            String key = at.getHostString() + ":" + at.getPort();
            OpenSprinklerClient client = new OpenSprinklerClient(
                    at.getHostString(),
                    at.getPort(),
                    options.password(),
                    httpTimeout,
                    controllers.computeIfAbsent(key, k -> new Semaphore(1)));
            return new OpenSprinklerSession(device, client, options, callback);
        }
        ModbusDevice modbus = links.device(ModbusEndpoint.parse(device.address()));
        return new ModbusControllerSession(device, modbus, options, callback);
    }
}
