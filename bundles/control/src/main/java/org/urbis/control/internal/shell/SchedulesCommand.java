package org.urbis.control.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.urbis.api.runtime.SiteZone;
import org.urbis.api.schedule.ScheduleManager;
import org.urbis.api.schedule.ScheduleSummary;

/** Lists the lighting schedules and the overrides in force. */
@Command(
        scope = "urbis",
        name = "schedules",
        description = "Lists the lighting schedules, their groups and programs, and the overrides")
@Service
public class SchedulesCommand implements Action {

    @Reference
    ScheduleManager schedules;

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
        for (ScheduleSummary s : schedules.schedules()) {
            table.addRow()
                    .addContent(
                            s.id(),
                            s.group(),
                            String.join(",", s.programs()),
                            s.rules(),
                            s.defaultProgram(),
                            overrideText(s.group()));
        }
        table.print(System.out);
        return null;
    }

    private String overrideText(String group) {
        return schedules.overrides().stream()
                .filter(o -> o.group().equals(group))
                .map(o -> OverrideCommand.held(o, site) + " by " + o.by())
                .findFirst()
                .orElse("");
    }
}
