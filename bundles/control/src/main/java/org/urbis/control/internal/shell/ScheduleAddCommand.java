package org.urbis.control.internal.shell;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.control.internal.schedule.Schedule;
import org.urbis.control.internal.schedule.ScheduleFormat;
import org.urbis.control.internal.schedule.ScheduleService;

/** Imports a schedule from a JSON file, replacing the schedule of the same id. */
@Command(scope = "urbis", name = "schedule-add", description = "Checks and stores a lighting schedule from a JSON file (replaces the one of the same id)")
@Service
public class ScheduleAddCommand implements Action {

    @Argument(index = 0, name = "file", description = "The schedule, a JSON file", required = true)
    String file;

    @Reference
    ScheduleService schedules;

    @Override
    public Object execute() throws Exception {
        Schedule s = ScheduleFormat.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        schedules.engine().save(s);
        System.out.println("Schedule " + s.id() + " stored for group " + s.group() + " (" + s.programs().size()
                + " program(s), " + s.rules().size() + " rule(s))");
        return null;
    }
}
