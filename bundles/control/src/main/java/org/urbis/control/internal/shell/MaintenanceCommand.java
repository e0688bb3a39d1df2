package org.urbis.control.internal.shell;

import java.time.Instant;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.urbis.api.maintenance.Maintenance;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.runtime.SiteZone;

/** Puts a device or a group in maintenance, ends it, or lists what is in maintenance. */
@Command(scope = "urbis", name = "maintenance",
        description = "Maintenance mode: set <target> --until <time|duration> --reason <why>, clear <target>, list")
@Service
public class MaintenanceCommand implements Action {

    @Argument(index = 0, name = "action", description = "set, clear or list", required = true)
    @Completion(value = StringsCompleter.class, values = {"set", "clear", "list"})
    String action;

    @Argument(index = 1, name = "target", description = "A device id, or group:key=value")
    String target;

    @Option(name = "--until", description = "When it ends: an ISO time with offset (2026-06-21T17:00+07:00) or a duration (PT4H)")
    String until;

    @Option(name = "--reason", description = "Why the crew works on it")
    String reason;

    @Reference
    Maintenance maintenance;

    @Reference
    SiteZone site;

    @Override
    public Object execute() {
        switch (action) {
            case "list" -> print(maintenance.windows());
            case "set" -> {
                ShellUser user = ShellUser.current().require("setting maintenance", "maintenance", "admin");
                if (until == null) {
                    throw new IllegalArgumentException("--until: give when the maintenance ends");
                }
                MaintenanceWindow w = maintenance.set(target(), reason, user.name(), Maintenance.endOf(until, Instant.now()));
                System.out.println(w.target() + " in maintenance until " + site.format(w.end()) + ": " + w.reason());
            }
            case "clear" -> {
                ShellUser user = ShellUser.current().require("ending maintenance", "maintenance", "admin");
                String t = target();
                System.out.println(maintenance.clear(t, user.name()).isPresent() ? "Maintenance of " + t + " ended"
                        : t + " was not in maintenance");
            }
            default -> throw new IllegalArgumentException("action: set, clear or list, not '" + action + "'");
        }
        return null;
    }

    private String target() {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("target: give a device id or group:key=value");
        }
        return target.trim();
    }

    private void print(List<MaintenanceWindow> windows) {
        ShellTable table = new ShellTable();
        table.column("Target");
        table.column("Until");
        table.column("By");
        table.column("Reason");
        windows.forEach(w -> table.addRow().addContent(w.target(), site.format(w.end()), w.by(), w.reason()));
        table.print(System.out);
    }
}
