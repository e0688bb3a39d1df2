package org.urbis.driver.irrigation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/**
 * One OpenSprinkler controller. A read asks {@code /jc} (stations, sensors, rain delay, flow pulses) and
 * {@code /jo} (time zone, water level, master station, sensor types), and {@code /jl} only when the
 * {@code lastRun} point is read. Stations are the zones (station N is {@code zone<N>}); the master
 * station is {@code masterValve}; the flow sensor on sensor 1 gives {@code flowTotal}; the rain sensor is
 * whichever sensor is set up as one. On a mainline break the controller is disabled and every station
 * stopped ({@code /cv?en=0&rsn=1}): with nothing running its master valve stays shut, and no program
 * can open it until an operator enables the controller again.
 */
final class OpenSprinklerSession implements DriverSession {

    static final String CLOCK_DRIFT = "CLOCK_DRIFT";
    /** How far the controller's clock may be off before CLOCK_DRIFT: its run log and rain delay are in its time. */
    static final Duration MAX_DRIFT = Duration.ofMinutes(5);

    private final Device device;
    private final OpenSprinklerClient client;
    private final FlowMonitor monitor;
    private final DeviceCallback callback;
    private final int zones;
    private boolean drift;

    OpenSprinklerSession(
            Device device, OpenSprinklerClient client, IrrigationOptions options, DeviceCallback callback) {
        this.device = device;
        this.client = client;
        this.callback = callback;
        this.monitor = new FlowMonitor(options, callback);
        this.zones = zones(device, options);
    }

    /** The controller's zones: the option, else the highest zone any point names. */
    static int zones(Device device, IrrigationOptions options) {
        if (options.zones() > 0) {
            return options.zones();
        }
        int max = 0;
        for (Point p : device.points()) {
            max = Math.max(max, PointRole.of(p).map(PointRole::zone).orElse(0));
        }
        return max;
    }

    @Override
    public Acquisition acquisition() {
        return Acquisition.POLLED;
    }

    @Override
    public List<Value> read(List<Point> points, Duration timeout) throws DriverException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        OpenSprinklerReplies.Variables vars = OpenSprinklerReplies.variables(client.get("/jc", "", deadline));
        OpenSprinklerReplies.Options opts = OpenSprinklerReplies.options(client.get("/jo", "", deadline));
        List<OpenSprinklerReplies.LogEntry> log = null;
        for (Point p : points) {
            if (PointRole.of(p).map(r -> r.is(PointRole.LAST_RUN)).orElse(false)) {
                log = OpenSprinklerReplies.log(client.get("/jl", "hist=1", deadline));
            }
        }
        Instant now = Instant.now();
        clock(opts.utc(vars.localTime()), now);

        TreeMap<Integer, Boolean> open = new TreeMap<>();
        int stations = vars.stations();
        for (int sid = 0; sid < stations; sid++) {
            if (sid + 1 != opts.master()) {
                open.put(sid + 1, vars.open()[sid]);
            }
        }
        Double flow = flowTotal(vars, opts);
        Map<Integer, Double> zoneFlows = monitor.observe(
                new FlowMonitor.Observation(open, flow, vars.enabled(), List.of()),
                () -> client.get("/cv", "en=0&rsn=1", deadline));

        List<Value> values = new ArrayList<>(points.size());
        for (Point p : points) {
            values.add(value(p, vars, opts, flow, zoneFlows, log, now));
        }
        return values;
    }

    private void clock(Instant controller, Instant now) {
        Duration off = Duration.between(now, controller).abs();
        boolean drifting = off.compareTo(MAX_DRIFT) > 0;
        if (drifting != drift) {
            drift = drifting;
            callback.alarm(
                    CLOCK_DRIFT,
                    AlarmSeverity.WARNING,
                    drifting,
                    drifting
                            ? "the controller's clock is " + off.toSeconds() + " s off (check its time zone and NTP)"
                            : "the controller's clock is right again");
        }
    }

    private static Double flowTotal(OpenSprinklerReplies.Variables vars, OpenSprinklerReplies.Options opts) {
        if (opts.sensor1Type() != OpenSprinklerReplies.Options.FLOW || vars.flowWindow() <= 0) {
            return null;
        }
        return vars.flowCount() * opts.pulseCentilitres() * 60.0 / (100.0 * vars.flowWindow());
    }

    private Value value(
            Point p,
            OpenSprinklerReplies.Variables vars,
            OpenSprinklerReplies.Options opts,
            Double flow,
            Map<Integer, Double> zoneFlows,
            List<OpenSprinklerReplies.LogEntry> log,
            Instant now) {
        PointRole role = PointRole.of(p).orElseThrow();
        String name = p.name();
        if (role.isZone()) {
            int sid = role.zone() - 1;
            if (sid >= vars.stations() || role.zone() == opts.master()) {
                return Value.bad(
                        name,
                        QualityReason.CONFIGURATION_ERROR,
                        "the controller has " + vars.stations()
                                + " stations"
                                + (opts.master() > 0 ? ", station " + opts.master() + " its master valve" : "")
                                + ": there is no zone " + role.zone(),
                        now);
            }
            switch (role.what()) {
                case PointRole.OPEN:
                    return Value.good(name, vars.open()[sid], now);
                case PointRole.REMAINING:
                    return Value.good(name, vars.remaining()[sid], now);
                case PointRole.RUN:
                    return Value.good(name, vars.runLength(sid), now);
                default:
                    Double f = zoneFlows.get(role.zone());
                    return f != null
                            ? Value.good(name, f, now)
                            : Value.bad(name, QualityReason.DEVICE_ERROR, "the mainline flow is not known", now);
            }
        }
        switch (role.what()) {
            case PointRole.RAIN_DELAY:
                return Value.good(name, vars.rainDelayHours(), now);
            case PointRole.WATER_LEVEL:
                return Value.good(name, (long) opts.waterLevel(), now);
            case PointRole.ENABLED:
                return Value.good(name, vars.enabled(), now);
            case PointRole.CONTROLLER_TIME:
                return Value.good(name, opts.utc(vars.localTime()).toString(), now);
            case PointRole.RAIN_SENSOR:
                if (opts.sensor1Type() == OpenSprinklerReplies.Options.RAIN) {
                    return Value.good(name, vars.sensor1(), now);
                }
                return opts.sensor2Type() == OpenSprinklerReplies.Options.RAIN
                        ? Value.good(name, vars.sensor2(), now)
                        : Value.bad(
                                name,
                                QualityReason.CONFIGURATION_ERROR,
                                "neither sensor of the controller is a rain sensor",
                                now);
            case PointRole.MASTER_VALVE:
                return opts.master() > 0 && opts.master() <= vars.stations()
                        ? Value.good(name, vars.open()[opts.master() - 1], now)
                        : Value.bad(
                                name, QualityReason.CONFIGURATION_ERROR, "the controller has no master station", now);
            case PointRole.FLOW_TOTAL:
                return flow != null
                        ? Value.good(name, flow, now)
                        : Value.bad(
                                name,
                                QualityReason.CONFIGURATION_ERROR,
                                "sensor 1 of the controller is not a flow sensor",
                                now);
            case PointRole.LAST_RUN:
                return Value.good(name, lastRun(log, opts), now);
            default:
                return Value.bad(
                        name,
                        QualityReason.CONFIGURATION_ERROR,
                        "an OpenSprinkler controller has no point '" + role.what() + "'",
                        now);
        }
    }

    private static String lastRun(List<OpenSprinklerReplies.LogEntry> log, OpenSprinklerReplies.Options opts) {
        if (log == null || log.isEmpty()) {
            return "";
        }
        OpenSprinklerReplies.LogEntry e = log.get(log.size() - 1);
        return "zone " + (e.station() + 1) + " ran " + e.seconds() + " s"
                + (e.program() == 99 ? " (manual)" : " (program " + e.program() + ")") + ", ended "
                + opts.utc(e.endLocal());
    }

    @Override
    public void write(Point point, Object value, Duration timeout) throws DriverException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        PointRole role = PointRole.of(point).orElseThrow();
        if (role.isZone() && role.what().equals(PointRole.RUN)) {
            long seconds = ((Number) value).longValue();
            if (seconds < 0 || seconds > 64_800) {
                throw new DriverException(
                        QualityReason.CONFIGURATION_ERROR,
                        "a run of zone " + role.zone() + " must be 0-64800 s, not " + seconds);
            }
            if (role.zone() > zones && zones > 0) {
                throw new DriverException(
                        QualityReason.CONFIGURATION_ERROR,
                        device.id() + " has " + zones + " zones: there is no zone " + role.zone());
            }
            int sid = role.zone() - 1;
            client.get("/cm", seconds == 0 ? "sid=" + sid + "&en=0" : "sid=" + sid + "&en=1&t=" + seconds, deadline);
            return;
        }
        if (role.is(PointRole.RAIN_DELAY)) {
            long hours = ((Number) value).longValue();
            if (hours < 0 || hours > 32_767) {
                throw new DriverException(
                        QualityReason.CONFIGURATION_ERROR, "a rain delay must be 0-32767 h, not " + hours);
            }
            client.get("/cv", "rd=" + hours, deadline);
        } else if (role.is(PointRole.WATER_LEVEL)) {
            long level = ((Number) value).longValue();
            if (level < 0 || level > 250) {
                throw new DriverException(
                        QualityReason.CONFIGURATION_ERROR, "the water level must be 0-250 %, not " + level);
            }
            client.get("/co", "wl=" + level, deadline);
        } else if (role.is(PointRole.ENABLED)) {
            client.get("/cv", "en=" + (Boolean.TRUE.equals(value) ? 1 : 0), deadline);
        } else if (role.is(PointRole.STOP_ALL)) {
            if (Boolean.TRUE.equals(value)) {
                client.get("/cv", "rsn=1", deadline);
            }
        } else {
            throw new DriverException(
                    QualityReason.CONFIGURATION_ERROR,
                    "point '" + point.name() + "' cannot be written on an OpenSprinkler controller");
        }
    }

    @Override
    public void close() {
        // one connection per request: nothing is held
    }
}
