package org.urbis.control.internal.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.maintenance.Maintenance;
import org.urbis.shell.session.ConsoleCaller;

/** Ends a device's or a group's maintenance now. */
@Command(
        scope = "urbis",
        name = "maintenance-clear",
        description = "Ends the maintenance of a device or a group (group:key=value) now")
@Service
public class MaintenanceClearCommand implements Action {

    @Argument(index = 0, name = "target", description = "A device id, or group:key=value", required = true)
    String target;

    @Reference
    Maintenance maintenance;

    @Override
    public Object execute() {
        ConsoleCaller caller = ConsoleCaller.current().require("ending maintenance", "maintenance", "admin");
        String t = target.trim();
        System.out.println(
                maintenance.clear(t, caller.user()).isPresent()
                        ? "Maintenance of " + t + " ended"
                        : t + " was not in maintenance");
        return null;
    }
}
