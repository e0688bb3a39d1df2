package org.urbis.grid.internal.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.grid.internal.ControllerAction;
import org.urbis.grid.internal.Grid;
import org.urbis.grid.internal.GridService;
import org.urbis.grid.internal.control.Decision;
import org.urbis.grid.internal.feeder.Feeder;

/** The feeders' controllers: their modes and limits, what they would do now (dry run), proposals and recent actions. */
@Command(
        scope = "urbis",
        name = "grid-controllers",
        description = "Peak and export controllers per feeder: state, dry run, proposals, recent actions")
@Service
public class GridControllersCommand implements Action {

    @Argument(index = 0, name = "feeder", description = "Only this feeder")
    String feeder;

    @Option(
            name = "--dry-run",
            description = "Show what the controllers would do now, whatever their mode, without doing it")
    boolean dryRun;

    @Option(name = "--actions", description = "Recent actions to show (default 10)")
    int count = 10;

    /** GridService, not Feeders: a dry run evaluates the controllers' internal decisions, which no API should carry. */
    @Reference
    GridService service;

    @Override
    public Object execute() {
        lines(service.grid(), service.problems(), feeder, dryRun, count).forEach(System.out::println);
        return null;
    }

    static List<String> lines(Grid grid, List<String> problems, String only, boolean dryRun, int count) {
        List<String> out = new ArrayList<>();
        problems.forEach(p -> out.add("REFUSED " + p));
        for (Feeder f : grid.feeders()) {
            if (only != null && !only.equals(f.id())) {
                continue;
            }
            out.add(String.format(
                    Locale.ROOT,
                    "Feeder %s (%s, meter %s): peak %s at %.1f kW, export %s at %.1f kW, hysteresis %.1f kW%s",
                    f.id(),
                    f.source(),
                    f.transformerMeter(),
                    f.peakMode().word(),
                    f.importLimitKw(),
                    f.exportMode().word(),
                    f.exportLimitKw(),
                    f.hysteresisKw(),
                    grid.event(f.id())
                            .map(e -> ", load-control event " + e.id() + " at " + e.target() + " % until " + e.until())
                            .orElse("")));
            if (dryRun) {
                for (Decision d : grid.evaluate(f, false)) {
                    out.add("  would (" + d.controller() + "): " + (d.acts() ? d.orders() + " because " : "")
                            + d.reason());
                }
            }
            for (Grid.Proposal p : grid.proposals()) {
                if (p.feeder().id().equals(f.id())) {
                    out.add("  proposal " + p.id() + " (" + p.decision().controller() + ", until " + p.expires() + "): "
                            + p.decision().orders() + " because " + p.decision().reason() + " — urbis:grid-approve "
                            + p.id());
                }
            }
            int shown = 0;
            for (ControllerAction a : grid.actions()) {
                if (a.feeder().equals(f.id()) && shown++ < count) {
                    out.add("  " + a.time() + " " + a.controller() + " ("
                            + a.mode().word() + ") " + a.outcome() + ": " + a.orders() + " because " + a.reason());
                }
            }
        }
        if (out.isEmpty()) {
            out.add(only == null ? "No feeder configured (etc/urbis/grid/*.feeder.json)" : "No feeder " + only);
        }
        return out;
    }
}
