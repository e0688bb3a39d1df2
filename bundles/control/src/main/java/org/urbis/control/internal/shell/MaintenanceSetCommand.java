package org.urbis.control.internal.shell;

import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.maintenance.Maintenance;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.runtime.SiteZone;
import org.urbis.shell.session.ConsoleCaller;

/** Puts a device or a group in maintenance until a time: commands to it are refused unless forced, alarms not notified. */
@Command(
        scope = "urbis",
        name = "maintenance-set",
        description = "Puts a device or a group (group:key=value) in maintenance until --until, with a --reason")
@Service
public class MaintenanceSetCommand implements Action {

    @Argument(index = 0, name = "target", description = "A device id, or group:key=value", required = true)
    String target;

    @Option(
            name = "--until",
            required = true,
            description =
                    "When it ends: an ISO time with offset (2026-06-21T17:00+07:00) or a duration from now (PT4H)")
    String until;

    @Option(name = "--reason", required = true, description = "Why the crew works on it")
    String reason;

    @Reference
    Maintenance maintenance;

    @Reference
    SiteZone site;

    @Override
    public Object execute() {
        ConsoleCaller caller = ConsoleCaller.current().require("setting maintenance", "maintenance", "admin");
        MaintenanceWindow w =
                maintenance.set(target.trim(), reason, caller.user(), Maintenance.endOf(until, Instant.now()));
        System.out.println(w.target() + " in maintenance until " + site.format(w.end()) + ": " + w.reason());
        return null;
    }
}
