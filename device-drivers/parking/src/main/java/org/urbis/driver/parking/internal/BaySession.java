package org.urbis.driver.parking.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.AsyncDriverSession;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.parking.codec.Downlink;
import org.urbis.parking.codec.FrameRefused;
import org.urbis.parking.codec.PayloadCodec;
import org.urbis.parking.codec.SensorFrame;

/**
 * One parking bay's sensor: frames de-duplicated by (DevEUI, fCnt) within a session of the device,
 * decoded by its model's codec, turned into values stamped with the network server's time; the
 * heartbeat, battery, tamper and fault judged by its {@link BayMonitor} (an overdue bay's occupancy
 * is UNCERTAIN / STALE, never "free"); and the recalibration downlink from SENT (queued at the network server) through
 * DELIVERED (the server reports it sent or acknowledged) to CONFIRMED (a frame of the sensor shows it)
 * or UNKNOWN (not shown within the {@code recalibrate} point's {@value Fields#CONFIRM_WITHIN}). The
 * {@code recalibrate} point reads true only once CONFIRMED: that is the command pipeline's readback,
 * which waits for the same window and so ends the command CONFIRMED or UNKNOWN with the sensor.
 */
final class BaySession implements AsyncDriverSession {

    /** The state of the last recalibration, as the {@code recalibration} point reports it. */
    enum Recalibration {
        NONE,
        SENT,
        DELIVERED,
        CONFIRMED,
        UNKNOWN
    }

    private final Device device;
    private final DeviceCallback callback;
    private final ParkingDriver driver;
    private final Clock clock;
    private final BayOptions options;
    /** How long a recalibration may take to show before it is UNKNOWN; null when the bay has no recalibrate point. */
    private final Duration recalibrationWindow;
    /** Field → the point it feeds. */
    private final Map<String, Point> points = new HashMap<>();

    private final BayMonitor monitor;

    // guarded by this
    private final Map<String, Value> values = new HashMap<>();
    private long lastFCnt = -1;
    private boolean counterReset;
    private Boolean occupied;
    private Instant occupiedSince;
    private Recalibration recalibration = Recalibration.NONE;
    private Instant recalibrationSent;
    private volatile boolean closed;

    BaySession(
            Device device,
            BayOptions options,
            DeviceCallback callback,
            ParkingDriver driver,
            ParkingDriverSettings settings,
            Clock clock) {
        this.device = device;
        this.options = options;
        this.callback = callback;
        this.driver = driver;
        this.clock = clock;
        Duration window = null;
        for (Point p : device.points()) {
            points.put(ParkingDriver.field(p), p);
            if (ParkingDriver.field(p).equals(Fields.RECALIBRATE) && p.access().writable()) {
                window = ParkingDriver.recalibrationWindow(p);
            }
        }
        this.recalibrationWindow = window;
        this.monitor = new BayMonitor(device, options, callback, driver, settings, clock);
    }

    String devEui() {
        return options.devEui();
    }

    String connection() {
        return options.connection();
    }

    @Override
    public Acquisition acquisition() {
        return Acquisition.PUSHED;
    }

    // ---- what the network server reports ----

    void onEvent(NetworkEvent event) {
        if (closed) {
            return;
        }
        List<Value> out = new ArrayList<>();
        synchronized (this) {
            if (event instanceof NetworkEvent.Uplink up) {
                uplink(up, out);
            } else if (event instanceof NetworkEvent.Status s) {
                monitor.heard();
                if (s.batteryPercent() != null) {
                    put(out, Fields.BATTERY, s.batteryPercent(), s.time());
                    monitor.battery(s.batteryPercent());
                }
            } else if (event instanceof NetworkEvent.Joined) {
                // a join starts the frame counters again
                counterReset = true;
            } else if (event instanceof NetworkEvent.Logged log) {
                if (log.code().equals("UPLINK_F_CNT_RESET")) {
                    counterReset = true;
                } else if (log.code().equals("UPLINK_F_CNT_RETRANSMISSION")) {
                    driver.duplicate();
                }
            } else if (event instanceof NetworkEvent.DownlinkAcknowledged ack) {
                if (ack.acknowledged()) {
                    delivered(ack.time(), out);
                }
            } else if (event instanceof NetworkEvent.DownlinkSent sent) {
                delivered(sent.time(), out);
            }
            evaluate(out);
        }
        report(out);
    }

    /** The network server reports the downlink sent or acknowledged: what is left is the sensor's next frame. */
    private void delivered(Instant time, List<Value> out) {
        if (recalibration == Recalibration.SENT) {
            recalibration(Recalibration.DELIVERED, time, out);
        }
    }

    /** A new state of the recalibration; the {@code recalibrate} readback is true only once it is CONFIRMED. */
    private void recalibration(Recalibration state, Instant time, List<Value> out) {
        recalibration = state;
        put(out, Fields.RECALIBRATION, state.name(), time);
        put(out, Fields.RECALIBRATE, state == Recalibration.CONFIRMED, time);
    }

    private void uplink(NetworkEvent.Uplink up, List<Value> out) {
        if (lastFCnt >= 0 && !counterReset) {
            if (up.fCnt() == lastFCnt) {
                driver.duplicate();
                return;
            }
            if (up.fCnt() < lastFCnt) {
                // a counter going backwards is the device restarting, not a replay to drop
                driver.restart();
            }
        }
        counterReset = false;
        if (lastFCnt < 0) {
            recalibration(recalibration, up.time(), out);
        }
        lastFCnt = up.fCnt();
        monitor.heard();
        if (up.rssi() != null) {
            put(out, Fields.RSSI, up.rssi(), up.time());
            put(out, Fields.SNR, up.snr(), up.time());
        }
        PayloadCodec codec = driver.codec(options.model(), options.firmware());
        if (codec == null) {
            refused(
                    up,
                    "no codec for model " + options.model()
                            + (options.firmware().isEmpty() ? "" : " firmware " + options.firmware())
                            + " is installed");
            return;
        }
        SensorFrame frame;
        try {
            frame = codec.decode(up.fPort(), up.payload());
        } catch (FrameRefused e) {
            refused(up, e.describe());
            return;
        } catch (RuntimeException e) {
            refused(up, "codec " + codec.model() + " failed: " + e);
            return;
        }
        apply(frame, up.time(), out);
        if (recalibration == Recalibration.DELIVERED && codec.showsRecalibrated(frame)) {
            recalibration(Recalibration.CONFIRMED, up.time(), out);
        }
    }

    private void refused(NetworkEvent.Uplink up, String why) {
        driver.frameRefused(device.id(), up, why);
    }

    private void apply(SensorFrame frame, Instant time, List<Value> out) {
        frame.occupied().ifPresent(o -> {
            if (!o.equals(occupied) || monitor.overdue()) {
                if (!o.equals(occupied)) {
                    occupiedSince = o ? time : null;
                }
                occupied = o;
            }
            put(out, Fields.OCCUPIED, o, time);
            put(out, Fields.OCCUPIED_SINCE, occupiedSince == null ? "" : occupiedSince.toString(), time);
        });
        frame.batteryPercent().ifPresent(b -> put(out, Fields.BATTERY, b, time));
        frame.batteryVolts().ifPresent(v -> put(out, Fields.BATTERY_VOLTAGE, v, time));
        frame.temperature().ifPresent(t -> put(out, Fields.TEMPERATURE, t, time));
        frame.tamper().ifPresent(monitor::tamper);
        if (frame.lowBattery().isPresent()) {
            monitor.lowBattery(frame.lowBattery().get());
        } else if (frame.batteryPercent().isPresent()) {
            monitor.battery(frame.batteryPercent().get());
        }
        if (frame.kind() == SensorFrame.Kind.HEARTBEAT || frame.kind() == SensorFrame.Kind.STARTUP) {
            // only frames that report the sensor's condition clear a fault
            monitor.fault(frame.fault().orElse(null));
        } else {
            frame.fault().ifPresent(monitor::fault);
        }
    }

    /** Checks the heartbeat and the recalibration's deadline: called by the driver's timer. */
    void tick() {
        if (closed) {
            return;
        }
        List<Value> out = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            if (recalibrationSent != null
                    && (recalibration == Recalibration.SENT || recalibration == Recalibration.DELIVERED)
                    && now.isAfter(recalibrationSent.plus(recalibrationWindow))) {
                recalibration(Recalibration.UNKNOWN, now, out);
            }
            evaluate(out);
        }
        report(out);
    }

    /** Works out overdue, alarms and health through the monitor; adds the values that change with them. */
    private void evaluate(List<Value> out) {
        if (monitor.checkHeartbeat() && occupied != null) {
            Value v = values.get(Fields.OCCUPIED);
            if (v != null && v.hasValue()) {
                put(
                        out,
                        v.withQuality(
                                Quality.UNCERTAIN,
                                QualityReason.STALE,
                                "heartbeat overdue: nothing heard since " + monitor.lastHeard()));
            }
        }
        String health = monitor.judge(lastFCnt >= 0);
        if (health == null) {
            return;
        }
        Value last = values.get(Fields.HEALTH);
        if (last == null || !health.equals(last.value())) {
            put(out, Fields.HEALTH, health, clock.instant());
        }
    }

    private void put(List<Value> out, String field, Object value, Instant time) {
        put(out, Value.good(field, value, time));
    }

    /** Records a value of a field (named by the field) and, when the device has a point for it, reports it. */
    private void put(List<Value> out, Value byField) {
        values.put(byField.point(), byField);
        Point p = points.get(byField.point());
        if (p != null && p.access().readable()) {
            out.add(new Value(
                    p.name(),
                    byField.value(),
                    byField.timestamp(),
                    byField.quality(),
                    byField.reason(),
                    byField.detail()));
        }
    }

    private void report(List<Value> out) {
        if (!out.isEmpty()) {
            callback.values(out);
        }
    }

    // ---- the platform's reads and writes ----

    @Override
    public CompletionStage<List<Value>> readAsync(List<Point> requested, Duration timeout) {
        List<Value> out = new ArrayList<>(requested.size());
        synchronized (this) {
            Instant now = clock.instant();
            for (Point p : requested) {
                Value v = values.get(ParkingDriver.field(p));
                out.add(
                        v == null
                                ? Value.bad(
                                        p.name(),
                                        QualityReason.COMM_ERROR,
                                        device.id() + " has not reported " + ParkingDriver.field(p) + " yet",
                                        now)
                                : new Value(p.name(), v.value(), v.timestamp(), v.quality(), v.reason(), v.detail()));
            }
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public CompletionStage<Void> writeAsync(Point point, Object value, Duration timeout) {
        try {
            recalibrate(point, value);
            return CompletableFuture.completedFuture(null);
        } catch (DriverException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Queues the recalibration downlink: only with the bay known to be empty. SENT once the server has it. */
    private void recalibrate(Point point, Object value) throws DriverException {
        if (!ParkingDriver.field(point).equals(Fields.RECALIBRATE)) {
            throw new DriverException(
                    QualityReason.CONFIGURATION_ERROR, "point '" + point.name() + "' cannot be written");
        }
        NetworkServerConnection connection = driver.connection(options.connection());
        if (connection == null) {
            throw new DriverException(
                    QualityReason.COMM_ERROR,
                    "connection '" + options.connection() + "' of " + device.id() + " is not configured");
        }
        if (!Boolean.TRUE.equals(value)) {
            throw new DriverException(QualityReason.DEVICE_ERROR, "recalibrate takes true; there is nothing to undo");
        }
        Downlink downlink;
        synchronized (this) {
            if (!Boolean.FALSE.equals(occupied) || monitor.overdue()) {
                throw new DriverException(
                        QualityReason.DEVICE_ERROR,
                        "refused: " + device.id() + " reads "
                                + (occupied == null || monitor.overdue() ? "unknown" : "occupied")
                                + "; a sensor is recalibrated with its bay empty");
            }
            PayloadCodec codec = driver.codec(options.model(), options.firmware());
            downlink = options.recalibration()
                    .orElse(codec == null ? null : codec.recalibration().orElse(null));
            if (downlink == null) {
                throw new DriverException(
                        QualityReason.CONFIGURATION_ERROR,
                        "model " + options.model()
                                + " has no recalibration downlink; give the device a 'recalibration' option (port:hex)");
            }
        }
        connection.send(options.devEui(), downlink);
        List<Value> out = new ArrayList<>();
        synchronized (this) {
            recalibrationSent = clock.instant();
            recalibration(Recalibration.SENT, recalibrationSent, out);
        }
        report(out);
    }

    // ---- observation ----

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            driver.closed(this);
        }
    }
}
