package org.urbis.shell.internal;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.support.table.ShellTable;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.SiteZone;

/** Lists devices with their health, filtered by class, group and health. */
@Command(scope = "urbis", name = "devices", description = "Lists the devices of the inventory with their health")
@Service
public class DevicesCommand implements Action {

    @Option(
            name = "-c",
            aliases = "--class",
            description = "Only devices of this class (streetlight, water, gridmeter, parking, irrigation, ...)")
    @Completion(DeviceClassCompleter.class)
    String deviceClass;

    @Option(
            name = "-g",
            aliases = "--group",
            description = "Only devices in this group: key=value (zone=Z1) or a bare tag value")
    String group;

    @Option(name = "-s", aliases = "--health", description = "Only devices with this health status")
    @Completion(
            value = StringsCompleter.class,
            values = {"ONLINE", "DEGRADED", "OFFLINE", "UNKNOWN", "DRIVER_MISSING"})
    String health;

    @Reference
    DeviceRegistry registry;

    /** The site's zone, from the control bundle; without it times are shown in the runtime's zone, with its offset. */
    @Reference(optional = true)
    SiteZone site;

    @Override
    public Object execute() {
        SiteZone zone = SiteZone.orSystem(site);
        DeviceQuery query = new DeviceQuery(deviceClass == null ? null : DeviceClass.of(deviceClass), group, status());
        List<DeviceSnapshot> devices = registry.find(query);
        ShellTable table = new ShellTable();
        table.column("ID");
        table.column("Class");
        table.column("Driver");
        table.column("Health");
        table.column("Detail");
        table.column("Last seen");
        table.column("Tags");
        for (DeviceSnapshot s : devices) {
            table.addRow()
                    .addContent(
                            s.device().id(),
                            s.device().deviceClass(),
                            s.device().driver(),
                            s.health().status(),
                            s.health().detail() == HealthDetail.NONE
                                    ? ""
                                    : s.health().detail(),
                            zone.format(s.health().lastSeen()),
                            s.device().sortedTags().entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .collect(Collectors.joining(" ")));
        }
        table.print(System.out);
        System.out.println(devices.size() + " device(s)");
        return null;
    }

    private HealthStatus status() {
        if (health == null) {
            return null;
        }
        try {
            return HealthStatus.valueOf(health.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown health '" + health + "'; use one of ONLINE, DEGRADED, OFFLINE, UNKNOWN, DRIVER_MISSING");
        }
    }
}
