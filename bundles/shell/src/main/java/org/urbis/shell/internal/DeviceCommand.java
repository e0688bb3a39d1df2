package org.urbis.shell.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.event.Alarm;
import org.urbis.api.health.DeviceHealth;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.SiteZone;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/** Shows one device: where it is, its health, and each point with its last value and quality. */
@Command(
        scope = "urbis",
        name = "device",
        description = "Shows a device: health, points, last values and quality, alarms")
@Service
public class DeviceCommand implements Action {

    @Argument(index = 0, name = "id", description = "The device id", required = true)
    @Completion(DeviceIdCompleter.class)
    String id;

    @Reference
    DeviceRegistry registry;

    /** The site's zone, from the control bundle; without it times are shown in the runtime's zone, with its offset. */
    @Reference(optional = true)
    SiteZone site;

    @Override
    public Object execute() {
        SiteZone zone = SiteZone.orSystem(site);
        DeviceSnapshot snapshot = registry.snapshot(id)
                .orElseThrow(() -> new IllegalArgumentException("no device '" + id + "' in the inventory"));
        Device d = snapshot.device();
        DeviceHealth h = snapshot.health();
        System.out.println("Device     " + d.id());
        System.out.println("Class      " + d.deviceClass());
        System.out.println("Driver     " + d.driver());
        System.out.println("Address    " + d.address());
        if (d.location() != null) {
            System.out.println("Location   " + d.location().latitude() + ", "
                    + d.location().longitude());
        }
        if (!d.tags().isEmpty()) {
            System.out.println("Tags       "
                    + d.sortedTags().entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining(" ")));
        }
        System.out.println("Health     " + h.status() + (h.detail() == HealthDetail.NONE ? "" : " (" + h.detail() + ")")
                + " since " + zone.format(h.since()));
        if (!h.message().isEmpty()) {
            System.out.println("           " + h.message());
        }
        System.out.println("Last seen  " + zone.format(h.lastSeen()));
        System.out.println("Errors     " + h.errorCount() + " (" + h.consecutiveErrors() + " in a row)");
        System.out.println();

        ShellTable points = new ShellTable();
        points.column("Point");
        points.column("Type");
        points.column("Access");
        points.column("Address");
        points.column("Value");
        points.column("Unit");
        points.column("Limits");
        points.column("Quality");
        points.column("Timestamp");
        for (Point p : d.points()) {
            Value v = snapshot.values().get(p.name());
            points.addRow()
                    .addContent(
                            p.name(),
                            p.type(),
                            p.access(),
                            address(p),
                            v == null ? "-" : Format.value(v.value()),
                            p.unit(),
                            Format.limits(p.limits()),
                            v == null ? "not read" : quality(v),
                            v == null ? "" : zone.format(v.timestamp()));
        }
        points.print(System.out);

        List<Alarm> alarms = registry.activeAlarms().stream()
                .filter(a -> a.deviceId().equals(d.id()))
                .toList();
        if (!alarms.isEmpty()) {
            System.out.println();
            ShellTable table = new ShellTable();
            table.column("Alarm");
            table.column("Severity");
            table.column("State");
            table.column("Raised");
            table.column("Message");
            alarms.forEach(a -> table.addRow()
                    .addContent(a.type(), a.severity(), a.state(), zone.format(a.raisedAt()), a.message()));
            table.print(System.out);
        }
        return null;
    }

    /** Where the driver finds the point, with what an operator needs to know of it: select-before-operate, a DNP3 event class. */
    private static String address(Point p) {
        String eventClass = p.options().get("class");
        return (p.address().isEmpty() ? "-" : p.address())
                + (p.selectBeforeOperate() ? " sbo" : "")
                + (eventClass == null ? "" : " class " + eventClass);
    }

    private static String quality(Value v) {
        return v.reason() == QualityReason.NONE
                ? v.quality().name()
                : v.quality() + " " + v.reason() + (v.detail().isEmpty() ? "" : ": " + v.detail());
    }
}
