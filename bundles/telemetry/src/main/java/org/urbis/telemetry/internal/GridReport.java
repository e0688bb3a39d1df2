package org.urbis.telemetry.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.urbis.api.device.DataType;
import org.urbis.api.grid.FeederOutlook;
import org.urbis.api.grid.FeederStatus;
import org.urbis.api.grid.Feeders;
import org.urbis.telemetry.internal.record.TelemetryRecord;
import org.urbis.telemetry.internal.record.TelemetryRecord.PointInfo;

/**
 * The grid's feeders as the operations centre sees them: one device {@code feeder-<id>} of class {@code feeder} per
 * feeder, reporting its forecast for the next hour and the accuracy of its day-ahead load forecasts each time the
 * grid has forecast again.
 */
final class GridReport {

    static final String DEVICE_CLASS = "feeder";
    private static final List<PointInfo> POINTS = List.of(new PointInfo("forecastLoadNextHour", DataType.FLOAT, "kW", false),
            new PointInfo("forecastPvNextHour", DataType.FLOAT, "kW", false), new PointInfo("forecastNetNextHour", DataType.FLOAT, "kW", false),
            new PointInfo("forecastMae", DataType.FLOAT, "kW", false), new PointInfo("forecastMape", DataType.FLOAT, "%", false),
            new PointInfo("forecastMase", DataType.FLOAT, "", false));

    private final Set<String> born = new HashSet<>();
    /** The forecast last reported per feeder, by the time it was made. */
    private final Map<String, Instant> reported = new HashMap<>();

    /** Records for the forecasts made since the last call. */
    synchronized List<TelemetryRecord> records(Feeders feeders) {
        List<TelemetryRecord> out = new ArrayList<>();
        for (FeederStatus f : feeders.feeders()) {
            FeederOutlook o = feeders.outlook(f.id()).orElse(null);
            if (o == null || o.issued().equals(reported.put(f.id(), o.issued()))) {
                continue;
            }
            String device = "feeder-" + f.id();
            long time = o.issued().toEpochMilli();
            if (born.add(device)) {
                out.add(TelemetryRecord.birth(device, time, DEVICE_CLASS, POINTS));
            }
            double load = mean(o.loadKw());
            double pv = mean(o.pvKw());
            value(out, device, time, "forecastLoadNextHour", load);
            value(out, device, time, "forecastPvNextHour", pv);
            value(out, device, time, "forecastNetNextHour", load - pv);
            value(out, device, time, "forecastMae", o.maeKw() == null ? Double.NaN : o.maeKw());
            value(out, device, time, "forecastMape", o.mapePct() == null ? Double.NaN : o.mapePct());
            value(out, device, time, "forecastMase", o.mase() == null ? Double.NaN : o.mase());
        }
        return out;
    }

    private static void value(List<TelemetryRecord> out, String device, long time, String point, double v) {
        if (Double.isFinite(v)) {
            out.add(TelemetryRecord.value(device, time, point, DataType.FLOAT, v, "GOOD", "NONE", ""));
        }
    }

    /** The mean of the first hour's four quarter hours. */
    private static double mean(List<Double> values) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < Math.min(4, values.size()); i++) {
            if (values.get(i) != null) {
                sum += values.get(i);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
