package org.urbis.irrigation.internal.program;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.urbis.irrigation.internal.balance.ZoneSoil;
import org.urbis.irrigation.internal.et0.Fao56;

/**
 * An irrigation program: zones of one or more controllers watered from their soil water balance, started at fixed
 * times on the days it allows, inside its watering window.
 *
 * @param id             file-wide unique id
 * @param name           what the operators call it
 * @param station        the weather station whose days set ET0
 * @param latitude       degrees north of the site, for ET0
 * @param elevation      metres above sea level, for ET0
 * @param starts         start times; a day's water is split evenly over them
 * @param days           the days it may water
 * @param windowFrom     the watering window opens (a window may cross midnight: 20:00–06:00)
 * @param windowTo       the watering window closes; no run goes on past it
 * @param budgetPercent  water budget, 0–200 %: scales every run time
 * @param skipOnRain     whether a controller whose rain sensor reports rain skips its zones
 * @param flowBudgets    per water main (a controller's {@code water-main} tag), the flow it may carry, l/min
 * @param zones          its zones, in the order they run
 * @param climate        the site's usual daily temperature range, for a first guess of ET0 before the station has
 *                       closed a day; {@code null} when not given
 */
public record Program(
        String id,
        String name,
        String station,
        double latitude,
        double elevation,
        List<LocalTime> starts,
        Days days,
        LocalTime windowFrom,
        LocalTime windowTo,
        double budgetPercent,
        boolean skipOnRain,
        Map<String, Double> flowBudgets,
        List<Zone> zones,
        Climate climate) {

    public Program {
        starts = List.copyOf(starts);
        flowBudgets = Map.copyOf(flowBudgets);
        zones = List.copyOf(zones);
    }

    /**
     * A first guess of a day's ET0 where no weather day has closed yet: Hargreaves' formula from the extraterrestrial
     * radiation at the program's latitude on that date and the site's usual temperature range; empty without a
     * climate.
     */
    public OptionalDouble firstGuessEt0(LocalDate day) {
        return climate == null
                ? OptionalDouble.empty()
                : OptionalDouble.of(Fao56.hargreaves(latitude, day.getDayOfYear(), climate.tmax(), climate.tmin()));
    }

    /** How {@link #firstGuessEt0} finds its figure, for a zone's reason. */
    public String firstGuessMethod() {
        return String.format(
                Locale.ROOT,
                "first guess: Hargreaves from the extraterrestrial radiation at %.2f° and the usual "
                        + "%.1f-%.1f °C of %s, as no weather day has closed yet",
                latitude,
                climate.tmin(),
                climate.tmax(),
                id);
    }

    /**
     * The usual daily temperatures of the site in the watering season (climatological means).
     *
     * @param tmax mean daily maximum, °C
     * @param tmin mean daily minimum, °C
     */
    public record Climate(double tmax, double tmin) {}

    /**
     * One zone (station) of a controller in a program.
     *
     * @param controller   the irrigation controller's device id
     * @param number       the zone's number on it (its points are {@code zone<N>.*})
     * @param name         what the crews call it
     * @param soil         its plants, soil and heads
     * @param flow         its flow when open, l/min, counted against its water main's budget
     * @param maxCycleSeconds longest one run may be before the soil must soak; 0 for no cycling
     * @param soakSeconds  least pause between two cycles of the zone
     * @param moisture     a soil moisture sensor that skips the zone when wet enough, or {@code null}
     * @param key          the key of the zone's balance, {@code <controller>/<number>}: made once, as a season
     *                     looks a zone up millions of times
     */
    public record Zone(
            String controller,
            int number,
            String name,
            ZoneSoil soil,
            double flow,
            long maxCycleSeconds,
            long soakSeconds,
            MoistureSkip moisture,
            String key) {

        public Zone {
            key = controller + "/" + number;
        }

        public Zone(
                String controller,
                int number,
                String name,
                ZoneSoil soil,
                double flow,
                long maxCycleSeconds,
                long soakSeconds,
                MoistureSkip moisture) {
            this(controller, number, name, soil, flow, maxCycleSeconds, soakSeconds, moisture, null);
        }

        /** The point a run is written to, in seconds. */
        public String runPoint() {
            return "zone" + number + ".run";
        }
    }

    /**
     * Skips a zone when a soil moisture reading is at least a threshold.
     *
     * @param device  the sensor's device id
     * @param point   its moisture point
     * @param atLeast the reading (volumetric %) from which the zone is wet enough
     */
    public record MoistureSkip(String device, String point, double atLeast) {}

    /**
     * The days a program may water: weekdays, and odd or even dates where the city restricts watering so.
     *
     * @param weekdays days of the week allowed
     * @param parity   {@code null} for any date, otherwise {@code "odd"} or {@code "even"}
     */
    public record Days(Set<DayOfWeek> weekdays, String parity) {

        public Days {
            weekdays = Set.copyOf(weekdays);
        }

        public boolean allows(LocalDate date) {
            if (!weekdays.contains(date.getDayOfWeek())) {
                return false;
            }
            return parity == null || (date.getDayOfMonth() % 2 == 1) == parity.equals("odd");
        }
    }
}
