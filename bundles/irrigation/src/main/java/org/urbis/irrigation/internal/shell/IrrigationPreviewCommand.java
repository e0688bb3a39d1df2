package org.urbis.irrigation.internal.shell;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.irrigation.IrrigationPrograms;
import org.urbis.api.irrigation.ProgramPreview;

/** Each zone's planned runs of a program over some days, with why each run is as long as it is. */
@Command(
        scope = "urbis",
        name = "irrigation-preview",
        description = "Planned zone runs of an irrigation program and the reason for their length")
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
    IrrigationPrograms service;

    @Override
    public Object execute() {
        try {
            lines(service.preview(program, LocalDate.parse(from), LocalDate.parse(to)))
                    .forEach(System.out::println);
        } catch (IllegalArgumentException | NoSuchElementException | java.time.DateTimeException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }

    /**
     * One line per run: {@code <start> <controller> zone <n> <min> min cycle c/n: why}; one per run skipped or refused:
     * {@code <start> <controller> zone <n> <min> min SKIPPED|REFUSED: why}; then the zones that do not water.
     */
    static List<String> lines(ProgramPreview preview) {
        List<String> out = new ArrayList<>();
        for (ProgramPreview.Day day : preview.days()) {
            out.add(day.date() + (day.date().equals(preview.today()) ? " (today)" : " (" + day.basis() + ")"));
            for (ProgramPreview.Run r : day.runs()) {
                out.add(String.format(
                        Locale.ROOT,
                        "  %s %s zone %d %.1f min cycle %d/%d: %s",
                        TIME.format(r.start()),
                        r.controller(),
                        r.zone(),
                        r.seconds() / 60.0,
                        r.cycle(),
                        r.cycles(),
                        r.why()));
            }
            for (ProgramPreview.Missed m : day.missed()) {
                out.add(String.format(
                        Locale.ROOT,
                        "  %s %s zone %d %.1f min %s: %s",
                        TIME.format(m.start()),
                        m.controller(),
                        m.zone(),
                        m.seconds() / 60.0,
                        m.kind() == ProgramPreview.MissedKind.REFUSED ? "REFUSED" : "SKIPPED",
                        m.why()));
            }
            for (ProgramPreview.ZoneNote n : day.notWatering()) {
                out.add("  " + n.controller() + " zone " + n.zone() + " not watering: " + n.why());
            }
        }
        return out;
    }
}
