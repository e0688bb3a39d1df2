package org.urbis.irrigation.internal.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.irrigation.internal.et0.DayInputs;
import org.urbis.irrigation.internal.et0.Fao56;
import org.urbis.shell.parsing.SignedNumbers;

/**
 * Reference evapotranspiration of one day by FAO-56, with the values it came from; the last line is {@code et0 <mm/day>}.
 * Numbers are taken as text and read here, so that a wrong one is named and a negative one (which the shell
 * hands over as a number) reads like any other.
 */
@Command(
        scope = "urbis",
        name = "et0",
        description = "Reference evapotranspiration ET0 of a day by FAO-56 Penman-Monteith, "
                + "or Hargreaves from temperature alone")
@Service
@Parsing(SignedNumbers.class)
public class Et0Command implements Action {

    @Option(name = "--method", description = "penman-monteith (default) or hargreaves")
    String method = "penman-monteith";

    @Option(name = "--lat", description = "Latitude, degrees north (negative south)", required = true)
    String latitude;

    @Option(name = "--elevation", description = "Metres above sea level (Penman-Monteith)")
    String elevation;

    @Option(name = "--day", description = "Day of the year, 1-366", required = true)
    String day;

    @Option(name = "--tmax", description = "Largest air temperature of the day, °C", required = true)
    String tmax;

    @Option(name = "--tmin", description = "Smallest air temperature of the day, °C", required = true)
    String tmin;

    @Option(name = "--wind", description = "Mean wind speed, m/s at 2 m (or at --wind-height)")
    String wind;

    @Option(name = "--wind-height", description = "Height the wind was measured at, m (default 2)")
    String windHeight;

    @Option(name = "--sunshine", description = "Actual hours of bright sunshine")
    String sunshine;

    @Option(name = "--radiation", description = "Solar radiation, MJ/m²/day")
    String radiation;

    @Option(name = "--rh-max", description = "Largest relative humidity of the day, %")
    String rhMax;

    @Option(name = "--rh-min", description = "Smallest relative humidity of the day, %")
    String rhMin;

    @Option(name = "--ea", description = "Actual vapour pressure, kPa (instead of --rh-max/--rh-min)")
    String ea;

    @Option(name = "--heat-flux", description = "Soil heat flux G, MJ/m²/day (default 0, as for a day)")
    String heatFlux;

    @Override
    public Object execute() {
        try {
            lines().forEach(System.out::println);
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }

    List<String> lines() {
        double lat = number("--lat", latitude, Double.NaN);
        int doy = (int) number("--day", day, Double.NaN);
        if (doy < 1 || doy > 366 || doy != number("--day", day, Double.NaN)) {
            throw new IllegalArgumentException("--day must be a whole day of the year, 1-366, was " + day);
        }
        double hi = number("--tmax", tmax, Double.NaN);
        double lo = number("--tmin", tmin, Double.NaN);
        List<String> out = new ArrayList<>();
        if (method.equals("hargreaves")) {
            out.add(line("ra", Fao56.extraterrestrialRadiation(lat, doy), "MJ/m²/day"));
            out.add(String.format(Locale.ROOT, "et0 %.2f", Fao56.hargreaves(lat, doy, hi, lo)));
            return out;
        }
        if (!method.equals("penman-monteith")) {
            throw new IllegalArgumentException("--method must be penman-monteith or hargreaves, was " + method);
        }
        if (wind == null) {
            throw new IllegalArgumentException("Penman-Monteith needs --wind (or use --method hargreaves)");
        }
        if ((sunshine == null) == (radiation == null)) {
            throw new IllegalArgumentException("give either --sunshine or --radiation");
        }
        double vapour;
        if (ea != null) {
            if (rhMax != null || rhMin != null) {
                throw new IllegalArgumentException("give either --ea or --rh-max with --rh-min, not both");
            }
            vapour = number("--ea", ea, Double.NaN);
        } else if (rhMax != null && rhMin != null) {
            vapour = DayInputs.eaFromHumidity(
                    hi, lo, number("--rh-max", rhMax, Double.NaN), number("--rh-min", rhMin, Double.NaN));
        } else {
            throw new IllegalArgumentException("give --rh-max with --rh-min, or --ea");
        }
        Fao56.PenmanMonteith pm = Fao56.penmanMonteith(new DayInputs(
                lat,
                number("--elevation", elevation, 0),
                doy,
                hi,
                lo,
                Fao56.windAt2m(number("--wind", wind, Double.NaN), number("--wind-height", windHeight, 2)),
                radiation == null ? Double.NaN : number("--radiation", radiation, Double.NaN),
                sunshine == null ? Double.NaN : number("--sunshine", sunshine, Double.NaN),
                vapour,
                number("--heat-flux", heatFlux, 0)));
        out.add(line("pressure", pm.p(), "kPa"));
        out.add(line("gamma", pm.gamma(), "kPa/°C"));
        out.add(line("delta", pm.delta(), "kPa/°C"));
        out.add(line("es", pm.es(), "kPa"));
        out.add(line("ea", pm.ea(), "kPa"));
        out.add(line("u2", pm.u2(), "m/s"));
        out.add(line("ra", pm.ra(), "MJ/m²/day"));
        out.add(line("daylight", pm.n(), "h"));
        out.add(line("rs", pm.rs(), "MJ/m²/day"));
        out.add(line("rso", pm.rso(), "MJ/m²/day"));
        out.add(line("rns", pm.rns(), "MJ/m²/day"));
        out.add(line("rnl", pm.rnl(), "MJ/m²/day"));
        out.add(line("rn", pm.rn(), "MJ/m²/day"));
        out.add(String.format(Locale.ROOT, "et0 %.2f", pm.et0()));
        return out;
    }

    /** An option's number; {@code fallback} when not given, or an error naming it when required (NaN) or not a number. */
    private static double number(String option, String text, double fallback) {
        if (text == null) {
            if (Double.isNaN(fallback)) {
                throw new IllegalArgumentException(option + " is required");
            }
            return fallback;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, was '" + text + "'");
        }
    }

    private static String line(String name, double v, String unit) {
        return String.format(Locale.ROOT, "%s %.3f %s", name, v, unit);
    }
}
