package org.urbis.control.internal.shell;

import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.urbis.api.runtime.SiteZone;
import org.urbis.control.internal.schedule.Schedule;
import org.urbis.control.internal.schedule.ScheduleService;

/** Lists the lighting schedules and the overrides in force. */
@Command(scope = "urbis", name = "schedules", description = "Lists the lighting schedules, their groups and programs, and the overrides")
@Service
public class SchedulesCommand implements Action {

    @Reference
    ScheduleService schedules;

    @Reference
    SiteZone site;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Schedule");
        table.column("Group");
        table.column("Programs");
        table.column("Rules");
        table.column("Default");
        table.column("Override");
        for (Schedule s : schedules.engine().schedules()) {
            table.addRow().addContent(s.id(), s.group(), s.programs().keySet().stream().sorted().collect(Collectors.joining(",")),
                    s.rules().size(), s.defaultProgram(), overrideText(s.group()));
        }
        table.print(System.out);
        return null;
    }

    private String overrideText(String group) {
        return schedules.engine().overrides().stream().filter(o -> o.group().equals(group))
                .map(o -> OverrideCommand.held(o, site) + " by " + o.by()).findFirst().orElse("");
    }
}
