package org.urbis.irrigation.internal.balance;

import java.time.LocalDate;

/**
 * One closed day of a zone's root-zone water balance (FAO-56 eq. 85 without capillary rise): depletion at the
 * day's end = depletion before − effective rain − water applied + crop evapotranspiration, kept between field
 * capacity (0) and wilting point (the total available water); what would go below 0 drained away.
 *
 * @param date         the local day
 * @param et0          reference evapotranspiration, mm
 * @param et0Method    how ET0 was found ("Penman-Monteith", "Hargreaves", or why it was estimated)
 * @param etc          the zone's evapotranspiration, Kc × ET0, mm
 * @param rain         rain that fell, mm
 * @param effectiveRain the part of it the root zone kept, mm
 * @param applied      irrigation the zone received, mm
 * @param drained      water beyond field capacity, lost below the roots, mm
 * @param depletion    depletion at the day's end, mm below field capacity
 */
public record BalanceDay(
        LocalDate date,
        double et0,
        String et0Method,
        double etc,
        double rain,
        double effectiveRain,
        double applied,
        double drained,
        double depletion) {}
