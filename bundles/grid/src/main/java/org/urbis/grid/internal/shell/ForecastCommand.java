package org.urbis.grid.internal.shell;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.grid.internal.FeederForecast;
import org.urbis.grid.internal.Grid;
import org.urbis.grid.internal.GridService;
import org.urbis.grid.internal.feeder.Feeder;
import org.urbis.grid.internal.forecast.Accuracy;

/** A feeder's load and PV forecast, hour by hour, with the accuracy of its day-ahead forecasts. */
@Command(
        scope = "urbis",
        name = "forecast",
        description = "A feeder's load and PV forecast for the next hours, and its accuracy")
@Service
public class ForecastCommand implements Action {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE dd HH:mm", Locale.ROOT);

    @Argument(index = 0, name = "feeder", description = "The feeder's id (its feeder= tag)", required = true)
    String feeder;

    @Option(name = "--hours", description = "Hours to show, 1-48 (default 24)")
    int hours = 24;

    /** GridService, not Feeders: before a feeder's first forecast it forecasts on demand, which Feeders does not. */
    @Reference
    GridService service;

    @Override
    public Object execute() {
        Grid grid = service.grid();
        Feeder f = grid.feeder(feeder).orElse(null);
        if (f == null) {
            System.err.println("Error: no feeder " + feeder + " (feeders: "
                    + grid.feeders().stream().map(Feeder::id).toList() + ")");
            return null;
        }
        FeederForecast forecast = grid.forecast(feeder).orElseGet(() -> grid.forecast(f));
        lines(grid, f, forecast, Math.max(1, Math.min(48, hours))).forEach(System.out::println);
        return null;
    }

    static List<String> lines(Grid grid, Feeder f, FeederForecast fc, int hours) {
        List<String> out = new ArrayList<>();
        out.add(String.format(
                Locale.ROOT,
                "Feeder %s: import limit %.1f kW, export limit %.1f kW, PV rated %.1f kW; forecast of %s",
                f.id(),
                f.importLimitKw(),
                f.exportLimitKw(),
                fc.ratedKw(),
                fc.issued().atZone(grid.zone()).toLocalDateTime()));
        out.add(accuracy(fc.accuracy()));
        if (!fc.basis().isEmpty()) {
            out.add("Basis: " + fc.basis());
        }
        out.add("  time            load kW    PV kW   net kW");
        for (int i = 0; i < hours * 4; i += 4) {
            double net = fc.net(i);
            String flag = net > f.importLimitKw()
                    ? "  over import limit"
                    : -net > f.exportLimitKw() ? "  over export limit" : "";
            out.add(String.format(
                    Locale.ROOT,
                    "  %s  %8.1f %8.1f %8.1f%s",
                    TIME.format(fc.load().time(i).atZone(grid.zone())),
                    fc.load().at(i),
                    fc.pv().at(i),
                    net,
                    flag));
        }
        return out;
    }

    static String accuracy(Accuracy a) {
        if (a.slots() == 0) {
            return "Accuracy: no day-ahead forecast has met its day yet";
        }
        return String.format(
                Locale.ROOT,
                "Accuracy of the day-ahead load forecast over the last week (%d quarter hours): "
                        + "MAE %.2f kW, MAPE %.1f %%, MASE %.2f (seasonal-naive MAE %.2f kW)",
                a.slots(),
                a.mae(),
                a.mape(),
                a.mase(),
                a.naiveMae());
    }
}
