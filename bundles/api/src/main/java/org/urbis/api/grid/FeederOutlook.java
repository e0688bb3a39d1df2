package org.urbis.api.grid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A feeder's forecast for the next 48 h in quarter hours and the accuracy of its day-ahead load forecasts over the
 * last week; an accuracy figure not known yet is {@code null}.
 *
 * @param start      the first quarter hour's start
 * @param loadKw     what the feeder's consumers are expected to draw, per quarter hour; null where not forecast
 * @param pvKw       what its rooftops are expected to produce
 * @param mase       the MAE over that of the seasonal-naive forecast (the same time a week before); below 1 beats it
 * @param basis      what the forecast rests on while the history is too short for the whole method (a fresh site:
 *                   the load held at the last quarter hour, PV from the clear sky at a typical clearness), else empty
 */
public record FeederOutlook(
        String feeder,
        Instant issued,
        Instant start,
        int stepMinutes,
        List<Double> loadKw,
        List<Double> pvKw,
        double ratedKw,
        int accuracySlots,
        Double maeKw,
        Double mapePct,
        Double mase,
        Double naiveMaeKw,
        String basis) {

    public FeederOutlook {
        // a quarter hour not forecast (no history to forecast it from) is null
        loadKw = Collections.unmodifiableList(new ArrayList<>(loadKw));
        pvKw = Collections.unmodifiableList(new ArrayList<>(pvKw));
        basis = basis == null ? "" : basis;
    }
}
