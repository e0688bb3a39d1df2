package org.urbis.control.internal.shell;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.schedule.PlannedSwitch;
import org.urbis.api.schedule.ScheduleManager;

/** Prints every switching event of a group's schedule between two dates. */
@Command(
        scope = "urbis",
        name = "schedule-preview",
        description = "Every switching event of a group's schedule from one date to another, with its time and level")
@Service
public class SchedulePreviewCommand implements Action {

    @Argument(index = 0, name = "group", description = "The group, key=value", required = true)
    String group;

    @Argument(index = 1, name = "from", description = "First date, yyyy-mm-dd", required = true)
    String from;

    @Argument(index = 2, name = "to", description = "Last date, yyyy-mm-dd", required = true)
    String to;

    @Reference
    ScheduleManager schedules;

    @Override
    public Object execute() {
        lines(schedules.preview(group, LocalDate.parse(from), LocalDate.parse(to)))
                .forEach(System.out::println);
        return null;
    }

    /** One line per event: {@code <ISO time with offset> <level> <program> step <n> [note]}. */
    static List<String> lines(List<PlannedSwitch> events) {
        List<String> lines = new ArrayList<>();
        for (PlannedSwitch e : events) {
            lines.add(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(e.time().toOffsetDateTime()) + " " + e.level() + " "
                    + e.program() + " step " + e.step() + (e.note().isEmpty() ? "" : " (" + e.note() + ")"));
        }
        return lines;
    }
}
