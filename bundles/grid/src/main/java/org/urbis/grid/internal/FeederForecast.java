package org.urbis.grid.internal;

import java.time.Instant;
import org.urbis.grid.internal.forecast.Accuracy;
import org.urbis.grid.internal.forecast.Series;

/**
 * A feeder's forecast as last computed.
 *
 * @param feeder   the feeder's id
 * @param issued   when it was computed
 * @param load     the load (what the feeder's consumers draw), kW per slot
 * @param pv       the PV production, kW per slot
 * @param ratedKw  the feeder's inverters' rated power together
 * @param accuracy the day-ahead load forecasts of the last week against what happened
 * @param basis    what the forecast rests on when the history is too short for the whole method, else empty
 */
public record FeederForecast(
        String feeder, Instant issued, Series load, Series pv, double ratedKw, Accuracy accuracy, String basis) {

    /** What the transformer is expected to carry per slot: load less PV, negative when the feeder exports. */
    public double net(int i) {
        return load.at(i) - pv.at(i);
    }
}
