package org.urbis.control.internal.shell;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.schedule.ScheduleManager;
import org.urbis.api.schedule.ScheduleSummary;

/** Imports a schedule from a JSON file, replacing the schedule of the same id. */
@Command(
        scope = "urbis",
        name = "schedule-add",
        description = "Checks and stores a lighting schedule from a JSON file (replaces the one of the same id)")
@Service
public class ScheduleAddCommand implements Action {

    @Argument(index = 0, name = "file", description = "The schedule, a JSON file", required = true)
    String file;

    @Reference
    ScheduleManager schedules;

    @Override
    public Object execute() throws Exception {
        ScheduleSummary s = schedules.save(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        System.out.println("Schedule " + s.id() + " stored for group " + s.group() + " ("
                + s.programs().size() + " program(s), " + s.rules() + " rule(s))");
        return null;
    }
}
