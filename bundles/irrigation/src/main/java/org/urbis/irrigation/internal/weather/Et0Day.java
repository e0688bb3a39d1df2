package org.urbis.irrigation.internal.weather;

import java.time.LocalDate;

/**
 * A station's closed day: its reference evapotranspiration, how it was found, and the rain.
 *
 * @param date   the local day
 * @param et0    reference evapotranspiration, mm, or NaN when the station gave too little to find it
 * @param method "Penman-Monteith", "Hargreaves (…why)", or why there is none
 * @param rain   rain of the day, mm (0 when the station reported none)
 */
public record Et0Day(LocalDate date, double et0, String method, double rain) {

    public boolean known() {
        return !Double.isNaN(et0);
    }
}
