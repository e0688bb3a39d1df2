package org.urbis.driver.gridmeter.internal;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.urbis.api.runtime.SiteZone;
import org.urbis.dnp3.AssociationStats;

/** Lists the grid-meter driver's DNP3 associations with the master's view of each: what maintenance asks first. */
@Command(
        scope = "urbis",
        name = "dnp3",
        description = "Lists the DNP3 associations: state, last integrity poll, IIN flags, "
                + "fragments, timeouts, CRC errors")
@Service
public class Dnp3Command implements Action {

    @Reference
    Dnp3Associations driver;

    /** The site's zone; without it times are shown in the runtime's zone, with its offset. */
    @Reference(optional = true)
    SiteZone site;

    @Override
    public Object execute() {
        SiteZone zone = SiteZone.orSystem(site);
        List<Dnp3Associations.Entry> entries = driver.associations().stream()
                .sorted(Comparator.comparing(Dnp3Associations.Entry::device))
                .toList();
        ShellTable table = new ShellTable();
        for (String c : List.of(
                "Device",
                "Address",
                "State",
                "Last integrity poll",
                "IIN",
                "Fragments sent/received",
                "Unsolicited",
                "Timeouts",
                "CRC errors",
                "Connects")) {
            table.column(c);
        }
        for (Dnp3Associations.Entry e : entries) {
            AssociationStats s = e.stats();
            table.addRow()
                    .addContent(
                            e.device(),
                            e.address(),
                            s.state(),
                            zone.format(s.lastIntegrityPoll()),
                            s.iin().isEmpty()
                                    ? "-"
                                    : s.iin().stream().map(Enum::name).sorted().collect(Collectors.joining(" ")),
                            s.fragmentsSent() + "/" + s.fragmentsReceived(),
                            s.unsolicitedReceived(),
                            s.timeouts(),
                            s.crcErrors(),
                            s.connects());
        }
        table.print(System.out);
        System.out.println(entries.size() + " association(s)");
        return null;
    }
}
