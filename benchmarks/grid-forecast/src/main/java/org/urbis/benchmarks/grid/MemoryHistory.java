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

/**
 * A history store holding each point as quarter-hour readings in memory, so that the forecast is timed without the
 * disk's share. Its buckets are summarised as the history store's are: each reading holds until the next (a missing
 * one, NaN, holds nothing, as a BAD value), and the mean is over time. A reading holds a quarter hour, far below the
 * store's maximum hold.
 */
final class MemoryHistory implements History {

    private final Map<String, Series> series = new ConcurrentHashMap<>();

    void put(String device, String point, Series s) {
        series.put(device + "/" + point, s);
    }

    @Override
    public List<Bucket> downsampled(String deviceId, String point, Instant from, Instant to, Duration step) {
        Series s = series.get(deviceId + "/" + point);
        List<Bucket> out = new ArrayList<>();
        long width = step.toMillis();
        if (s == null || width <= 0) {
            return out;
        }
        for (long start = from.toEpochMilli(); start < to.toEpochMilli(); start += width) {
            long end = Math.min(start + width, to.toEpochMilli());
            long count = 0;
            long held = 0;
            double integral = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            Double first = null;
            Double lastValue = null;
            // the reading of the quarter hour the bucket starts in holds into it
            int last = Math.min(s.length() - 1, s.index(Instant.ofEpochMilli(end - 1)));
            for (int i = Math.max(0, s.index(Instant.ofEpochMilli(start))); i <= last; i++) {
                long t = s.time(i).toEpochMilli();
                double v = s.at(i);
                if (Double.isNaN(v)) {
                    continue;
                }
                if (t >= start) {
                    count++;
                    first = first == null ? v : first;
                    lastValue = v;
                }
                long until = Math.min(t + Series.STEP_MILLIS, end);
                long overlap = until - Math.max(t, start);
                if (overlap > 0 || t >= start) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                if (overlap > 0) {
                    integral += v * overlap;
                    held += overlap;
                }
            }
            if (count > 0 || held > 0) {
                Double mean = held > 0 ? Double.valueOf(integral / held) : lastValue;
                out.add(new Bucket(Instant.ofEpochMilli(start), count, count, min, max, mean, lastValue, first, held));
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
