package org.urbis.irrigation.internal.shell;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.irrigation.internal.Irrigation;
import org.urbis.irrigation.internal.IrrigationService;
import org.urbis.irrigation.internal.program.PlannedRun;
import org.urbis.irrigation.internal.program.Planner;

/** Each zone's planned runs of a program over some days, with why each run is as long as it is. */
@Command(scope = "urbis", name = "irrigation-preview", description = "Planned zone runs of an irrigation program and the reason for their length")
@Service
public class IrrigationPreviewCommand implements Action {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    @Argument(index = 0, name = "program", description = "The program's id", required = true)
    String program;

    @Argument(index = 1, name = "from", description = "First day, yyyy-mm-dd (today or later)", required = true)
    String from;

    @Argument(index = 2, name = "to", description = "Last day, yyyy-mm-dd", required = true)
    String to;

    @Reference
    IrrigationService service;

    @Override
    public Object execute() {
        try {
            lines(service.irrigation(), service.today(), program, LocalDate.parse(from), LocalDate.parse(to),
                    service.et0SoFar(program)).forEach(System.out::println);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }

    /** One line per run: {@code <start> <controller> zone <n> <min> min cycle c/n: why}; then the zones that do not water. */
    static List<String> lines(Irrigation irrigation, LocalDate today, String program, LocalDate from, LocalDate to,
            OptionalDouble et0Today) {
        List<String> out = new ArrayList<>();
        for (Planner.DayPlan day : irrigation.preview(program, today, from, to, et0Today)) {
            out.add(day.date() + (day.date().equals(today) ? " (today)" : " (projected: the last day's ET0, or before any day has closed today's by Hargreaves; no rain)"));
            for (PlannedRun r : day.runs()) {
                out.add(String.format(Locale.ROOT, "  %s %s zone %d %.1f min cycle %d/%d: %s", TIME.format(r.start().atZone(irrigation.site())),
                        r.zone().controller(), r.zone().number(), r.seconds() / 60.0, r.cycle(), r.cycles(), r.why()));
            }
            for (Map.Entry<String, String> s : day.skipped().entrySet()) {
                out.add("  " + s.getKey().replace("/", " zone ") + " not watering: " + s.getValue());
            }
        }
        return out;
    }
}
