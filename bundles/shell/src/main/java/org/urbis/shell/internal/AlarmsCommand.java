package org.urbis.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.urbis.api.event.Alarm;
import org.urbis.api.event.AlarmState;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.SiteZone;

/** Lists the alarms not yet cleared, of devices and of the platform itself. */
@Command(
        scope = "urbis",
        name = "alarms",
        description = "Lists active alarms of devices and of the platform, oldest first")
@Service
public class AlarmsCommand implements Action {

    @Option(name = "-u", aliases = "--unacknowledged", description = "Only alarms nobody has acknowledged yet")
    boolean unacknowledged;

    @Reference
    DeviceRegistry registry;

    /** The site's zone, from the control bundle; without it times are shown in the runtime's zone, with its offset. */
    @Reference(optional = true)
    SiteZone site;

    @Override
    public Object execute() {
        SiteZone zone = SiteZone.orSystem(site);
        List<Alarm> alarms = registry.activeAlarms().stream()
                .filter(a -> !unacknowledged || a.state() != AlarmState.ACKNOWLEDGED)
                .toList();
        ShellTable table = new ShellTable();
        table.column("Source");
        table.column("Alarm");
        table.column("Severity");
        table.column("State");
        table.column("Raised");
        table.column("By");
        table.column("Message");
        alarms.forEach(a -> table.addRow()
                .addContent(
                        a.deviceId(),
                        a.type(),
                        a.severity(),
                        a.state(),
                        zone.format(a.raisedAt()),
                        a.actor(),
                        a.message()));
        table.print(System.out);
        System.out.println(alarms.size() + " alarm(s)");
        return null;
    }
}
