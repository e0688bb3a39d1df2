package org.urbis.control.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.urbis.api.maintenance.Maintenance;
import org.urbis.api.runtime.SiteZone;

/** Lists what is in maintenance, until when, by whom and why. */
@Command(
        scope = "urbis",
        name = "maintenance",
        description = "Lists the maintenance windows in force (urbis:maintenance-set, urbis:maintenance-clear)")
@Service
public class MaintenanceCommand implements Action {

    @Reference
    Maintenance maintenance;

    @Reference
    SiteZone site;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Target");
        table.column("Until");
        table.column("By");
        table.column("Reason");
        maintenance
                .windows()
                .forEach(w -> table.addRow().addContent(w.target(), site.format(w.end()), w.by(), w.reason()));
        table.print(System.out);
        return null;
    }
}
