package org.urbis.driver.weather.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/**
 * A station publishing JSON readings to its topic ({@code mqtt:<topic>}): each reading is checked and
 * reported as it arrives; each point takes the JSON field its address names (its name when the address
 * is empty). A station silent for longer than its {@code silentAfter} option is OFFLINE / SILENT.
 */
final class WeatherMqttSession implements DriverSession {

    private final Device device;
    private final String topic;
    private final StationBroker broker;
    private final DeviceCallback callback;
    private final WeatherChecks checks;
    private final Clock clock;
    private final Duration silentAfter;
    private volatile List<Value> last = List.of();
    private volatile Instant lastHeard;
    private boolean silent;
    private HealthDetail reported;

    private final Set<WeatherMqttSession> live;

    /** @param live the driver's sessions, whose silence its timer checks: joined now, left on close */
    WeatherMqttSession(
            Device device,
            StationBroker broker,
            DeviceCallback callback,
            Clock clock,
            Duration silentAfter,
            Set<WeatherMqttSession> live) {
        this.device = device;
        this.topic = topic(device.address());
        this.broker = broker;
        this.callback = callback;
        this.checks = new WeatherChecks(callback);
        this.clock = clock;
        this.silentAfter = silentAfter;
        this.lastHeard = clock.instant();
        this.live = live;
        live.add(this);
        broker.subscribe(topic, this::onReading);
    }

    /** The topic of {@code mqtt:<topic>}. */
    static String topic(String address) {
        String a = address.trim();
        if (!a.startsWith(WeatherDriver.MQTT) || a.length() == WeatherDriver.MQTT.length()) {
            throw new IllegalArgumentException("address '" + address + "' is not mqtt:<topic>");
        }
        String t = a.substring(WeatherDriver.MQTT.length());
        if (t.contains("+") || t.contains("#") || t.startsWith("//")) {
            throw new IllegalArgumentException("address '" + address + "': a station's topic has no wildcards");
        }
        return t;
    }

    @Override
    public Acquisition acquisition() {
        return Acquisition.PUSHED;
    }

    private synchronized void onReading(byte[] payload) {
        Instant now = clock.instant();
        StationMessage m;
        try {
            m = StationMessage.parse(payload, now);
        } catch (StationMessage.Refused e) {
            health(
                    HealthStatus.DEGRADED,
                    HealthDetail.COMMUNICATION_ERROR,
                    "unusable reading on " + topic + ": " + e.getMessage());
            return;
        }
        lastHeard = now;
        silent = false;
        List<Point> points = readable();
        List<Value> values = new ArrayList<>(points.size());
        for (Point p : points) {
            String field = p.address().isEmpty() ? p.name() : p.address();
            Double v = m.numbers().get(field);
            values.add(
                    v != null
                            ? coerce(p, v, m.time())
                            : Value.bad(p.name(), QualityReason.DEVICE_ERROR, "the reading has no " + field, m.time()));
        }
        last = checks.check(points, values, 0, m.faults());
        callback.values(last);
        if (m.problems().isEmpty()) {
            health(HealthStatus.ONLINE, HealthDetail.NONE, "");
        } else {
            health(HealthStatus.DEGRADED, HealthDetail.COMMUNICATION_ERROR, String.join("; ", m.problems()));
        }
    }

    private static Value coerce(Point p, double v, Instant at) {
        try {
            return Value.good(
                    p.name(),
                    p.type().coerce(p.type() == org.urbis.api.device.DataType.INTEGER ? Math.round(v) : v),
                    at);
        } catch (IllegalArgumentException e) {
            return Value.bad(p.name(), QualityReason.TYPE_MISMATCH, e.getMessage(), at);
        }
    }

    private List<Point> readable() {
        return device.points().stream().filter(p -> p.access().readable()).toList();
    }

    /** Marks the station SILENT once it has said nothing for silentAfter; called by the driver's timer. */
    synchronized void checkSilence() {
        Duration quiet = Duration.between(lastHeard, clock.instant());
        if (!silent && quiet.compareTo(silentAfter) > 0) {
            silent = true;
            health(
                    HealthStatus.OFFLINE,
                    HealthDetail.SILENT,
                    "no reading on " + topic + " for " + quiet.toSeconds() + " s");
        }
    }

    private void health(HealthStatus status, HealthDetail detail, String message) {
        if (detail != reported) {
            reported = detail;
            callback.health(status, detail, message);
        }
    }

    /** The last reading's values of the points asked for; BAD when nothing usable arrived yet. */
    @Override
    public List<Value> read(List<Point> points, Duration timeout) throws DriverException {
        List<Value> known = last;
        if (known.isEmpty()) {
            throw new DriverException(
                    QualityReason.COMM_ERROR, "no reading from " + device.id() + " on " + topic + " yet");
        }
        List<Value> out = new ArrayList<>(points.size());
        for (Point p : points) {
            out.add(known.stream()
                    .filter(v -> v.point().equals(p.name()))
                    .findFirst()
                    .orElse(Value.bad(
                            p.name(), QualityReason.COMM_ERROR, "not in the station's readings", clock.instant())));
        }
        return out;
    }

    @Override
    public void write(Point point, Object value, Duration timeout) throws DriverException {
        throw new DriverException(QualityReason.CONFIGURATION_ERROR, "a weather station's readings cannot be written");
    }

    @Override
    public void close() {
        live.remove(this);
        broker.unsubscribe(topic);
    }
}
