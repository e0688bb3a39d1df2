package org.urbis.control.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.schedule.ScheduleManager;

/** Removes a schedule; its group keeps the level it has. */
@Command(
        scope = "urbis",
        name = "schedule-remove",
        description = "Removes a lighting schedule; its group keeps its present level")
@Service
public class ScheduleRemoveCommand implements Action {

    @Argument(index = 0, name = "id", description = "The schedule's id", required = true)
    String id;

    @Reference
    ScheduleManager schedules;

    @Override
    public Object execute() throws Exception {
        System.out.println(schedules.remove(id) ? "Schedule " + id + " removed" : "No schedule " + id);
        return null;
    }
}
