package org.urbis.grid.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.GeoLocation;
import org.urbis.api.device.Point;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.EventListener;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.telemetry.TelemetrySource;
import org.urbis.api.telemetry.TelemetryThings;
import org.urbis.api.value.Value;
import org.urbis.grid.internal.feeder.Feeder;

/**
 * The feeders as the operations centre sees them, offered to the telemetry: one thing per feeder, id
 * {@code feeder:<id>}, class {@code feeder}, holding its forecast for the next hour and the accuracy of its
 * day-ahead load forecasts, changed each time the grid has forecast again.
 */
final class FeederReport implements TelemetrySource {

    static final DeviceClass FEEDER_CLASS = DeviceClass.of("feeder");
    static final String ID_PREFIX = "feeder:";
    static final String LOAD = "forecastLoadNextHour";
    static final String PV = "forecastPvNextHour";
    static final String NET = "forecastNetNextHour";
    static final String MAE = "forecastMae";
    static final String MAPE = "forecastMape";
    static final String MASE = "forecastMase";

    private static final List<Point> POINTS = List.of(
            point(LOAD, "kW"),
            point(PV, "kW"),
            point(NET, "kW"),
            point(MAE, "kW"),
            point(MAPE, "%"),
            point(MASE, null));

    private final TelemetryThings things = new TelemetryThings("the feeder report");
    // guarded by this
    /** The forecast last reported per feeder, by the time it was made. */
    private final Map<String, Instant> reported = new LinkedHashMap<>();

    private static Point point(String name, String unit) {
        Point.Builder b = Point.builder(name, DataType.FLOAT).access(Access.READ);
        return unit == null ? b.build() : b.unit(unit).build();
    }

    /** Takes the feeders now in use and their latest forecasts, and tells the listeners what changed. */
    void update(Iterable<Feeder> feeders, Map<String, FeederForecast> forecasts, Instant now) {
        List<DeviceEvent> out = new ArrayList<>();
        synchronized (this) {
            Map<String, Feeder> current = new LinkedHashMap<>();
            feeders.forEach(f -> current.put(ID_PREFIX + f.id(), f));
            things.retain(current.keySet(), now, out);
            reported.keySet().retainAll(current.keySet());
            for (Feeder f : current.values()) {
                Device d = device(f);
                things.put(d, now, out);
                FeederForecast fc = forecasts.get(f.id());
                if (fc != null) {
                    publish(d.id(), fc, out);
                }
            }
        }
        things.deliver(out);
    }

    private void publish(String id, FeederForecast fc, List<DeviceEvent> out) {
        if (fc.issued().equals(reported.put(id, fc.issued()))) {
            return;
        }
        double load = nextHour(fc.load().values());
        double pv = nextHour(fc.pv().values());
        Map<String, Double> now = new LinkedHashMap<>();
        now.put(LOAD, load);
        now.put(PV, pv);
        now.put(NET, load - pv);
        now.put(MAE, fc.accuracy().mae());
        now.put(MAPE, fc.accuracy().mape());
        now.put(MASE, fc.accuracy().mase());
        now.forEach((point, v) -> {
            // a figure the history cannot give yet (a fresh feeder, an accuracy not measurable) is not reported
            if (Double.isFinite(v)) {
                things.value(id, Value.good(point, Math.round(v * 100) / 100.0, fc.issued()), out);
            }
        });
    }

    /** The mean of the first hour's four quarter hours that are known. */
    private static double nextHour(double[] values) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < Math.min(4, values.length); i++) {
            if (Double.isFinite(values[i])) {
                sum += values[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static Device device(Feeder f) {
        return new Device(
                ID_PREFIX + f.id(),
                FEEDER_CLASS,
                "grid",
                "feeder:" + f.id(),
                new GeoLocation(f.latitude(), f.longitude()),
                Map.of("feeder", f.id()),
                POINTS,
                null,
                null);
    }

    // ---- TelemetrySource ----

    @Override
    public List<DeviceSnapshot> snapshots() {
        return things.snapshots();
    }

    @Override
    public Optional<Device> device(String id) {
        return things.device(id);
    }

    @Override
    public AutoCloseable listen(EventListener listener) {
        return things.listen(listener);
    }
}
