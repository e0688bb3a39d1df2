package org.urbis.irrigation.internal.weather;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.OptionalDouble;
import org.urbis.irrigation.internal.et0.DayInputs;
import org.urbis.irrigation.internal.et0.Fao56;

/**
 * Gathers one local day of a weather station's values into what ET0 needs: smallest and largest temperature and
 * relative humidity, the mean wind (each reading held until the next, as a station reporting by exception sends a
 * value only when it changes), the radiation's integral over the day in MJ/m², and the day's rain (the station's
 * {@code rainToday} counts from local midnight).
 */
public final class WeatherDay {

    /** Points of the weather station class. */
    public static final String AIR_TEMPERATURE = "airTemperature";

    public static final String RELATIVE_HUMIDITY = "relativeHumidity";
    public static final String WIND_SPEED = "windSpeed";
    public static final String SOLAR_RADIATION = "solarRadiation";
    public static final String RAIN_TODAY = "rainToday";

    /** Most ET0 a day of grass can plausibly take, mm; more means a bad sensor. */
    static final double MAX_PLAUSIBLE_ET0 = 15;

    private final LocalDate date;
    private final long dayStart;
    private final long dayEnd;
    private double tmin = Double.NaN;
    private double tmax = Double.NaN;
    private double rhMin = Double.NaN;
    private double rhMax = Double.NaN;
    private double rain;
    private final Held wind = new Held();
    private final Held radiation = new Held();

    /** A reading held from its time until the next one, integrated over the day. */
    private final class Held {
        double value = Double.NaN;
        long since;
        double integral;
        long covered;

        void add(double v, long t) {
            close(t);
            value = v;
            since = Math.max(t, dayStart);
        }

        void close(long t) {
            long until = Math.min(t, dayEnd);
            if (!Double.isNaN(value) && until > since) {
                integral += value * (until - since);
                covered += until - since;
                since = until;
            }
        }

        double mean() {
            return covered > 0 ? integral / covered : Double.NaN;
        }

        ObjectNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            return n.put("value", nullIfNaN(value))
                    .put("since", since)
                    .put("integral", integral)
                    .put("covered", covered);
        }

        void fromJson(JsonNode n) {
            value = number(n.path("value"));
            since = n.path("since").asLong();
            integral = n.path("integral").asDouble();
            covered = n.path("covered").asLong();
        }
    }

    /**
     * A day.
     *
     * @param dayStart local midnight opening it
     * @param dayEnd   local midnight closing it
     */
    public WeatherDay(LocalDate date, Instant dayStart, Instant dayEnd) {
        this.date = date;
        this.dayStart = dayStart.getEpochSecond();
        this.dayEnd = dayEnd.getEpochSecond();
    }

    public LocalDate date() {
        return date;
    }

    /** The next day, carrying the held wind and radiation readings over midnight. */
    public WeatherDay next(Instant nextEnd) {
        WeatherDay n = new WeatherDay(date.plusDays(1), Instant.ofEpochSecond(dayEnd), nextEnd);
        if (!Double.isNaN(wind.value)) {
            n.wind.add(wind.value, dayEnd);
        }
        if (!Double.isNaN(radiation.value)) {
            n.radiation.add(radiation.value, dayEnd);
        }
        return n;
    }

    /** Takes a GOOD reading of one of the station's points; others are ignored. */
    public void add(String point, double v, Instant time) {
        long t = time.getEpochSecond();
        if (Double.isNaN(v) || t >= dayEnd) {
            return;
        }
        switch (point) {
            case AIR_TEMPERATURE -> {
                tmin = Double.isNaN(tmin) ? v : Math.min(tmin, v);
                tmax = Double.isNaN(tmax) ? v : Math.max(tmax, v);
            }
            case RELATIVE_HUMIDITY -> {
                rhMin = Double.isNaN(rhMin) ? v : Math.min(rhMin, v);
                rhMax = Double.isNaN(rhMax) ? v : Math.max(rhMax, v);
            }
            case WIND_SPEED -> wind.add(v, t);
            case SOLAR_RADIATION -> radiation.add(v, t);
            case RAIN_TODAY -> rain = Math.max(rain, v);
            default -> {}
        }
    }

    /**
     * Hargreaves' ET0 from the temperatures read so far today, leaving the day open: what a preview assumes for
     * the days ahead before any day has closed. Empty until the day has shown a temperature range.
     */
    public OptionalDouble hargreavesSoFar(double latitude) {
        if (Double.isNaN(tmin) || !(tmax > tmin)) {
            return OptionalDouble.empty();
        }
        double et0 = Fao56.hargreaves(latitude, date.getDayOfYear(), tmax, tmin);
        return et0 <= MAX_PLAUSIBLE_ET0 ? OptionalDouble.of(et0) : OptionalDouble.empty();
    }

    /**
     * Closes the day: Penman–Monteith when the day gave temperature, humidity, wind and radiation over all of it,
     * Hargreaves when it gave only temperature (or Penman–Monteith's inputs were implausible), none without
     * temperature.
     *
     * @param windHeight height of the station's anemometer, m
     */
    public Et0Day close(double latitude, double elevation, double windHeight) {
        wind.close(dayEnd);
        radiation.close(dayEnd);
        int doy = date.getDayOfYear();
        if (Double.isNaN(tmin) || tmax - tmin < 0) {
            return new Et0Day(date, Double.NaN, "none: the station gave no temperature", rain);
        }
        String why;
        long day = dayEnd - dayStart;
        if (Double.isNaN(rhMin)) {
            why = "no humidity";
        } else if (wind.covered < day * 0.9) {
            why = "wind known for " + hours(wind.covered) + " of the day";
        } else if (radiation.covered < day * 0.9) {
            why = "radiation known for " + hours(radiation.covered) + " of the day";
        } else {
            try {
                double rs = radiation.integral / 1e6;
                double ea = DayInputs.eaFromHumidity(tmax, tmin, rhMax, rhMin);
                double et0 = Fao56.penmanMonteith(new DayInputs(
                                latitude,
                                elevation,
                                doy,
                                tmax,
                                tmin,
                                Fao56.windAt2m(wind.mean(), windHeight),
                                rs,
                                Double.NaN,
                                ea,
                                0))
                        .et0();
                if (et0 <= MAX_PLAUSIBLE_ET0) {
                    return new Et0Day(
                            date,
                            et0,
                            String.format(
                                    Locale.ROOT,
                                    "Penman-Monteith (T %.1f-%.1f °C, RH %.0f-%.0f %%, wind %.1f m/s at 2 m, Rs %.1f MJ/m²)",
                                    tmin,
                                    tmax,
                                    rhMin,
                                    rhMax,
                                    Fao56.windAt2m(wind.mean(), windHeight),
                                    rs),
                            rain);
                }
                why = String.format(Locale.ROOT, "Penman-Monteith gave an implausible %.1f mm", et0);
            } catch (IllegalArgumentException e) {
                why = "implausible readings: " + e.getMessage();
            }
        }
        try {
            return new Et0Day(
                    date,
                    Fao56.hargreaves(latitude, doy, tmax, tmin),
                    String.format(Locale.ROOT, "Hargreaves (T %.1f-%.1f °C; %s)", tmin, tmax, why),
                    rain);
        } catch (IllegalArgumentException e) {
            return new Et0Day(date, Double.NaN, "none: " + e.getMessage(), rain);
        }
    }

    /** The day and its readings so far, to be kept across a restart. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("date", date.toString())
                .put("dayStart", dayStart)
                .put("dayEnd", dayEnd)
                .put("tmin", nullIfNaN(tmin))
                .put("tmax", nullIfNaN(tmax))
                .put("rhMin", nullIfNaN(rhMin))
                .put("rhMax", nullIfNaN(rhMax))
                .put("rain", rain);
        n.set("wind", wind.toJson());
        n.set("radiation", radiation.toJson());
        return n;
    }

    /** A day as {@link #toJson} kept it. */
    public static WeatherDay fromJson(JsonNode n) {
        WeatherDay d = new WeatherDay(
                LocalDate.parse(n.path("date").asText()),
                Instant.ofEpochSecond(n.path("dayStart").asLong()),
                Instant.ofEpochSecond(n.path("dayEnd").asLong()));
        d.tmin = number(n.path("tmin"));
        d.tmax = number(n.path("tmax"));
        d.rhMin = number(n.path("rhMin"));
        d.rhMax = number(n.path("rhMax"));
        d.rain = n.path("rain").asDouble();
        d.wind.fromJson(n.path("wind"));
        d.radiation.fromJson(n.path("radiation"));
        return d;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static double number(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    private static String hours(long seconds) {
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
    }
}
