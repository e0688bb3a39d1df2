package org.urbis.driver.parking.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.value.QualityReason;
import org.urbis.parking.codec.Frames;
import org.urbis.parking.codec.PayloadCodec;

/**
 * The parking driver ({@code parking}): bay sensors behind LoRaWAN network servers, each reached
 * through a {@link NetworkServerConnection} the device names. Devices are known by DevEUI, whatever
 * its case; the codec is chosen per frame from the {@link PayloadCodec} services by the device's model
 * and firmware, so a vendor's codec bundle installed later is used from its next frame on.
 */
@Component(service = DeviceDriver.class, configurationPid = ParkingDriverConfig.PID)
@Designate(ocd = ParkingDriverConfig.class)
public final class ParkingDriver implements DeviceDriver {

    public static final String ID = "parking";

    private static final Logger LOG = LoggerFactory.getLogger(ParkingDriver.class);
    private static final int LOGGED_IN_FULL = 100;

    private final ParkingDriverSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final List<PayloadCodec> codecs = new CopyOnWriteArrayList<>();
    private final Map<String, NetworkServerConnection> connections = new ConcurrentHashMap<>();
    private final Map<String, BaySession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong uplinks = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong unknownDevices = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();

    @Activate
    public ParkingDriver(ParkingDriverConfig config) {
        this(ParkingDriverSettings.from(config), Clock.systemUTC());
    }

    /** A driver outside OSGi: for tests and tools. */
    public ParkingDriver(ParkingDriverSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("urbis-parking"));
        long tick = settings.tick().toMillis();
        timer.scheduleWithFixedDelay(this::tick, tick, tick, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    public void close() {
        timer.shutdownNow();
        connections.values().forEach(c -> c.receiver((x, e) -> {}));
    }

    // ---- services ----

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addCodec(PayloadCodec codec) {
        codecs.add(codec);
        LOG.info("Parking payload codec for {} available", codec.model());
    }

    public void removeCodec(PayloadCodec codec) {
        codecs.remove(codec);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addConnection(NetworkServerConnection connection) {
        NetworkServerConnection other = connections.putIfAbsent(connection.name(), connection);
        if (other != null) {
            LOG.error("Two parking connections are named {}: the second one is ignored", connection.name());
            return;
        }
        connection.receiver(this::onEvent);
    }

    public void removeConnection(NetworkServerConnection connection) {
        if (connections.remove(connection.name(), connection)) {
            connection.receiver((c, e) -> {});
        }
    }

    /** The codec of a model and firmware, or null when none is installed. */
    PayloadCodec codec(String model, String firmware) {
        for (PayloadCodec c : codecs) {
            if (c.model().equalsIgnoreCase(model) && c.readsFirmware(firmware)) {
                return c;
            }
        }
        return null;
    }

    NetworkServerConnection connection(String name) {
        return connections.get(name);
    }

    // ---- DeviceDriver ----

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<DeviceClass> deviceClasses() {
        return Set.of(DeviceClass.PARKING);
    }

    @Override
    public List<String> validate(Device device) {
        List<String> problems = new ArrayList<>(BayOptions.problems(device));
        for (Point p : device.points()) {
            String field = field(p);
            if (p.access().writable()) {
                if (!field.equals(Fields.RECALIBRATE)
                        || p.type() != DataType.BOOLEAN
                        || !p.access().readable()) {
                    problems.add("point '" + p.name()
                            + "' is writable, but only a READ_WRITE BOOLEAN 'recalibrate' can be " + "commanded");
                } else {
                    try {
                        recalibrationWindow(p);
                    } catch (IllegalArgumentException e) {
                        problems.add(e.getMessage());
                    }
                }
            } else if (!Fields.READABLE.contains(field)) {
                problems.add("point '" + p.name() + "' reads '" + field + "', which bays do not report (they report "
                        + String.join(", ", new java.util.TreeSet<>(Fields.READABLE)) + ")");
            }
        }
        return problems;
    }

    @Override
    public DriverSession open(Device device, DeviceCallback callback) throws DriverException {
        List<String> problems = validate(device);
        if (!problems.isEmpty()) {
            throw new DriverException(QualityReason.CONFIGURATION_ERROR, String.join("; ", problems));
        }
        BayOptions options = BayOptions.of(device, problems);
        BaySession session = new BaySession(device, options, callback, this, settings, clock);
        BaySession other = sessions.putIfAbsent(options.devEui(), session);
        if (other != null) {
            throw new DriverException(
                    QualityReason.CONFIGURATION_ERROR,
                    "DevEUI " + options.devEui() + " is already used by another device");
        }
        if (!connections.containsKey(options.connection())) {
            LOG.warn(
                    "Device {} names connection '{}', which is not configured (yet)",
                    device.id(),
                    options.connection());
        }
        return session;
    }

    void closed(BaySession session) {
        sessions.remove(session.devEui(), session);
    }

    // ---- events ----

    private void onEvent(NetworkServerConnection connection, NetworkEvent event) {
        BaySession session = sessions.get(event.devEui());
        if (session == null) {
            long n = unknownDevices.incrementAndGet();
            if (n <= LOGGED_IN_FULL || n % 1_000 == 0) {
                LOG.debug(
                        "Connection {}: device {} is not in the inventory ({} such events)",
                        connection.name(),
                        event.devEui(),
                        n);
            }
            return;
        }
        if (!session.connection().equals(connection.name())) {
            LOG.debug(
                    "Device {} was heard on {}, not on its connection {}",
                    event.devEui(),
                    connection.name(),
                    session.connection());
            return;
        }
        if (event instanceof NetworkEvent.Uplink) {
            uplinks.incrementAndGet();
        }
        session.onEvent(event);
    }

    void frameRefused(String deviceId, NetworkEvent.Uplink up, String why) {
        long n = refused.incrementAndGet();
        if (n <= LOGGED_IN_FULL || n % 1_000 == 0) {
            LOG.warn(
                    "Refused a frame of {} (DevEUI {}, fCnt {}): {}; payload {} ({} refused so far)",
                    deviceId,
                    up.devEui(),
                    up.fCnt(),
                    why,
                    Frames.hex(up.payload()),
                    n);
        }
    }

    void duplicate() {
        duplicates.incrementAndGet();
    }

    void restart() {
        restarts.incrementAndGet();
    }

    void alarm(DeviceCallback callback, String type, AlarmSeverity severity, boolean active, String message) {
        callback.alarm(type, severity, active, message);
    }

    private void tick() {
        for (BaySession s : sessions.values()) {
            try {
                s.tick();
            } catch (RuntimeException e) {
                LOG.error("Checking bay {} failed", s.devEui(), e);
            }
        }
    }

    /**
     * How long a recalibration may take to show: the {@code recalibrate} point's option
     * {@value Fields#CONFIRM_WITHIN}, which the command pipeline waits for too.
     *
     * @throws IllegalArgumentException naming the point when it is missing or not a positive duration
     */
    static java.time.Duration recalibrationWindow(Point recalibrate) {
        String within = recalibrate.options().get(Fields.CONFIRM_WITHIN);
        try {
            java.time.Duration d = java.time.Duration.parse(within == null ? "" : within.trim());
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // described below
        }
        throw new IllegalArgumentException("point '" + recalibrate.name() + "' needs option " + Fields.CONFIRM_WITHIN
                + " as a positive ISO-8601 duration such as PT24H (a downlink takes effect at the sensor's next uplink), not "
                + (within == null ? "none" : "'" + within + "'"));
    }

    /** The message field a point maps to: its address, or its name when the address is empty. */
    static String field(Point p) {
        return p.address().isEmpty() ? p.name() : p.address();
    }

    // ---- observation ----

    /**
     * What the driver has received so far.
     *
     * @param uplinks        uplinks of inventory devices handed to their sessions
     * @param refusedFrames  frames no codec could decode (each logged with device, port and byte)
     * @param unknownDevices events of devices not in the inventory
     * @param duplicates     uplinks dropped as repeats of (DevEUI, fCnt), and retransmissions the server logged
     * @param restarts       frame counters that went backwards: devices restarted, their frames used
     */
    public record Statistics(long uplinks, long refusedFrames, long unknownDevices, long duplicates, long restarts) {}

    public Statistics statistics() {
        return new Statistics(uplinks.get(), refused.get(), unknownDevices.get(), duplicates.get(), restarts.get());
    }

    public int sessions() {
        return sessions.size();
    }
}
