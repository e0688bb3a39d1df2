package org.urbis.grid.internal.feeder;

import java.time.LocalDate;
import java.util.Set;

/**
 * A feeder of the distribution grid: the devices tagged {@code feeder=<id>} behind one transformer, with the limits
 * its controllers keep.
 *
 * @param id                the feeder's tag value, e.g. {@code PT-F1}
 * @param source            the file it came from
 * @param transformerMeter  the grid meter at the transformer: its {@code activePower} is positive when the feeder
 *                          draws from the grid, negative when it pushes power back (reverse power)
 * @param latitude          where its roofs are, for the sun
 * @param longitude         where its roofs are
 * @param weatherStation    the weather station whose irradiance scales its PV forecast, or {@code null}
 * @param importLimitKw     the most the transformer may draw (peak limit)
 * @param exportLimitKw     the most it may push back
 * @param hysteresisKw      how far under a limit the load must fall before a controller lets go
 * @param peakMode          the peak limiting controller's mode
 * @param exportMode        the export limiting controller's mode
 * @param warningHours      how far ahead a forecast peak raises its alarm
 * @param eventMinutes      how long a load-control event lasts
 * @param holidays          days besides the national holidays that count as a holiday
 */
public record Feeder(
        String id,
        String source,
        String transformerMeter,
        double latitude,
        double longitude,
        String weatherStation,
        double importLimitKw,
        double exportLimitKw,
        double hysteresisKw,
        Mode peakMode,
        Mode exportMode,
        int warningHours,
        int eventMinutes,
        Set<LocalDate> holidays) {

    /** The group naming its devices in commands and queries. */
    public String group() {
        return "feeder=" + id;
    }
}
