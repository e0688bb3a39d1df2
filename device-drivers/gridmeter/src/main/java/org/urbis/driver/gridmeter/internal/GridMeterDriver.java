package org.urbis.driver.gridmeter.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.runtime.SiteZone;
import org.urbis.api.value.QualityReason;
import org.urbis.dnp3.AssociationConfig;
import org.urbis.dnp3.DialInPort;
import org.urbis.dnp3.Dnp3Master;
import org.urbis.modbus.ModbusDevice;
import org.urbis.modbus.ModbusEndpoint;
import org.urbis.modbus.ModbusLinks;

/**
 * The driver of grid meters (driver id {@code gridmeter}): DNP3 outstations, which its master connects to
 * ({@code dnp3://host:port?outstation=N&master=M}) or which dial in to its listener
 * ({@code dnp3-listen://bind:port?outstation=N&master=M}, several per port), and Modbus TCP meters such as the
 * Eastron SDM630 ({@code tcp://host:port/unit=N}, through urbis-modbus).
 */
@Component(
        service = {DeviceDriver.class, Dnp3Associations.class},
        configurationPid = GridMeterDriverConfig.PID)
@Designate(ocd = GridMeterDriverConfig.class)
public final class GridMeterDriver implements DeviceDriver, Dnp3Associations {

    public static final String ID = "gridmeter";

    private static final Logger LOG = LoggerFactory.getLogger(GridMeterDriver.class);

    private final GridMeterDriverSettings settings;
    private final Clock clock;
    private final Dnp3Master master;
    private final ModbusLinks links;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService reporting;
    private final Map<String, DialInPort> ports = new HashMap<>();
    private final Map<String, Integer> portUsers = new HashMap<>();
    private final List<Dnp3Session> sessions = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SiteZone site;

    @Activate
    public GridMeterDriver(GridMeterDriverConfig c) {
        this(GridMeterDriverSettings.from(c), Clock.systemUTC(), null);
    }

    /** A driver outside OSGi, for tests: {@code zone} is the site's (null: the system's). */
    public GridMeterDriver(GridMeterDriverSettings settings, Clock clock, ZoneId zone) {
        this.settings = settings;
        this.clock = clock;
        if (zone != null) {
            this.site = () -> zone;
        }
        try {
            this.master = Dnp3Master.create(settings.ioThreads());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the DNP3 master", e);
        }
        this.links = new ModbusLinks(settings.modbus());
        this.scheduler = Executors.newScheduledThreadPool(2, PlatformThreads.named("gridmeter-driver"));
        // as many as the master has I/O threads; they end when idle, so that a driver without DNP3 meters keeps none
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                settings.ioThreads(),
                settings.ioThreads(),
                1,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                PlatformThreads.named("gridmeter-reporting"));
        pool.allowCoreThreadTimeOut(true);
        this.reporting = pool;
        LOG.info(
                "Grid-meter driver ready (DNP3 response timeout {} ms, event polls every {} s)",
                settings.responseTimeout().toMillis(),
                settings.eventPeriod().toSeconds());
    }

    @Deactivate
    public void deactivate() {
        scheduler.shutdownNow();
        master.close();
        reporting.shutdown();
        links.close();
        synchronized (ports) {
            ports.values().forEach(DialInPort::close);
            ports.clear();
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<DeviceClass> deviceClasses() {
        return Set.of(DeviceClass.GRID_METER);
    }

    @Override
    public List<String> validate(Device device) {
        List<String> problems = new ArrayList<>();
        boolean dnp3 = Dnp3Endpoint.isDnp3(device.address());
        try {
            if (dnp3) {
                Dnp3Endpoint.parse(device.address());
            } else {
                ModbusEndpoint.parse(device.address());
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        List<Point> registers = new ArrayList<>();
        for (Point p : device.points()) {
            if (GridMonitor.derived(p.address())) {
                if (p.type() != DataType.FLOAT || p.access().writable()) {
                    problems.add("point '" + p.name() + "': " + p.address() + " is a read-only FLOAT");
                }
            } else if (p.role().equals(Roles.LOAD_CONTROL)) {
                if (!dnp3) {
                    problems.add("point '" + p.name() + "': load control needs a DNP3 meter");
                } else if (!Roles.hasLoadControl(device)) {
                    problems.add("point '" + p.name()
                            + "': load control needs points loadControlTarget, loadControlEvent and "
                            + "loadControlActive");
                } else if (p.type() != DataType.STRING) {
                    problems.add("point '" + p.name() + "': the load-control command is a STRING (JSON)");
                }
            } else if (dnp3) {
                try {
                    Dnp3Mapping.of(p);
                } catch (IllegalArgumentException e) {
                    problems.add("point '" + p.name() + "': " + e.getMessage());
                }
            } else {
                registers.add(p);
            }
        }
        problems.addAll(ModbusDevice.validate(registers));
        problems.addAll(GridOptions.problems(device.options()));
        return problems;
    }

    @Override
    public DriverSession open(Device device, DeviceCallback callback) throws DriverException {
        List<String> problems = validate(device);
        if (!problems.isEmpty()) {
            throw new DriverException(QualityReason.CONFIGURATION_ERROR, String.join("; ", problems));
        }
        SiteZone s = site;
        GridMonitor monitor = new GridMonitor(
                device, GridOptions.of(device.options()), callback, s != null ? s.zone() : ZoneId.systemDefault());
        if (!Dnp3Endpoint.isDnp3(device.address())) {
            Duration interval = device.pollInterval() != null ? device.pollInterval() : settings.modbusPoll();
            return new ModbusMeterSession(
                    device,
                    links.device(ModbusEndpoint.parse(device.address())),
                    callback,
                    monitor,
                    clock,
                    scheduler,
                    interval,
                    settings.modbus().timeout().multipliedBy(settings.modbus().retries() + 1L));
        }
        Dnp3Endpoint endpoint = Dnp3Endpoint.parse(device.address());
        AssociationConfig config = AssociationConfig.of(endpoint.master(), endpoint.outstation())
                .withResponseTimeout(settings.responseTimeout())
                .withPolls(
                        settings.integrityPeriod(),
                        settings.class0Period(),
                        settings.eventPeriod(),
                        settings.eventPeriod(),
                        settings.eventPeriod())
                .withRetry(
                        settings.retry(),
                        Duration.ofMinutes(1).compareTo(settings.retry()) < 0
                                ? settings.retry()
                                : Duration.ofMinutes(1));
        DialInPort port = endpoint.dialIn() ? port(endpoint) : null;
        Dnp3Session[] self = new Dnp3Session[1];
        try {
            self[0] = new Dnp3Session(
                    device,
                    endpoint,
                    callback,
                    monitor,
                    clock,
                    scheduler,
                    reporting,
                    listener -> port != null
                            ? port.accept(config, listener)
                            : master.connect(endpoint.socketAddress(), config, listener),
                    () -> released(self[0], port != null ? endpoint : null));
        } catch (RuntimeException e) {
            if (port != null) {
                releasePort(endpoint);
            }
            throw new DriverException(
                    QualityReason.CONFIGURATION_ERROR, "cannot open " + device.id() + ": " + e.getMessage(), e);
        }
        sessions.add(self[0]);
        return self[0];
    }

    /** The shared dial-in listener of an endpoint's port, opened by its first device. */
    private DialInPort port(Dnp3Endpoint endpoint) throws DriverException {
        synchronized (ports) {
            DialInPort port = ports.get(endpoint.hostPort());
            if (port == null) {
                try {
                    port = master.listen(endpoint.socketAddress());
                } catch (IOException e) {
                    throw new DriverException(
                            QualityReason.COMM_ERROR,
                            "cannot listen for outstations on " + endpoint.hostPort() + ": " + e.getMessage(),
                            e);
                }
                ports.put(endpoint.hostPort(), port);
            }
            portUsers.merge(endpoint.hostPort(), 1, Integer::sum);
            return port;
        }
    }

    private void released(Dnp3Session session, Dnp3Endpoint dialIn) {
        if (sessions.remove(session) && dialIn != null) {
            releasePort(dialIn);
        }
    }

    private void releasePort(Dnp3Endpoint endpoint) {
        synchronized (ports) {
            if (portUsers.merge(endpoint.hostPort(), -1, Integer::sum) <= 0) {
                portUsers.remove(endpoint.hostPort());
                DialInPort port = ports.remove(endpoint.hostPort());
                if (port != null) {
                    port.close();
                }
            }
        }
    }

    @Override
    public List<Entry> associations() {
        return sessions.stream()
                .map(s -> new Entry(
                        s.deviceId(), s.endpoint().toString(), s.association().stats()))
                .toList();
    }
}
