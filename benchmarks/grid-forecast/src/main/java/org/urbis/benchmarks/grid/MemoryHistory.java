package org.urbis.benchmarks.grid;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.urbis.api.event.Alarm;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.history.Bucket;
import org.urbis.api.history.History;
import org.urbis.api.history.HistoryStatus;
import org.urbis.api.history.Sample;
import org.urbis.grid.internal.forecast.Series;

/** A history store holding quarter-hour means in memory, so that the forecast is timed without the disk's share. */
final class MemoryHistory implements History {

    private final Map<String, Series> series = new ConcurrentHashMap<>();

    void put(String device, String point, Series s) {
        series.put(device + "/" + point, s);
    }

    @Override
    public List<Bucket> downsampled(String deviceId, String point, Instant from, Instant to, Duration step) {
        Series s = series.get(deviceId + "/" + point);
        List<Bucket> out = new ArrayList<>();
        if (s == null || !step.equals(Series.STEP)) {
            return out;
        }
        for (int i = Math.max(0, s.index(from)); i < s.length() && s.time(i).isBefore(to); i++) {
            double v = s.at(i);
            if (!Double.isNaN(v)) {
                out.add(new Bucket(s.time(i), 1, 1, v, v, v, v));
            }
        }
        return out;
    }

    @Override
    public List<Sample> values(String deviceId, String point, Instant from, Instant to, int limit) {
        return List.of();
    }

    @Override
    public List<DeviceHealth> health(String deviceId, Instant from, Instant to) {
        return List.of();
    }

    @Override
    public List<Alarm> alarms(String deviceId, Instant from, Instant to) {
        return List.of();
    }

    @Override
    public HistoryStatus status() {
        return new HistoryStatus("memory", 0, 0, 0, Duration.ZERO, null, series.size(), 0, 0, 0, false);
    }
}
