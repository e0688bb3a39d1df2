package org.urbis.telemetry.internal.shell;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.urbis.api.runtime.SiteZone;
import org.urbis.telemetry.internal.TelemetryService;
import org.urbis.telemetry.internal.link.LinkStats;
import org.urbis.telemetry.internal.store.LogStats;

/** {@code urbis:telemetry}: the state of the link to the operations centre and of its buffer. */
@Service
@Command(
        scope = "urbis",
        name = "telemetry",
        description = "Shows the telemetry link to the operations centre: "
                + "connection, buffer fill, messages sent, acknowledged and dropped, duplicates, last error.")
public final class TelemetryCommand implements Action {

    /** TelemetryService, not TelemetryMonitor: it shows the link's and store's internals (takeovers, torn records). */
    @Reference
    TelemetryService telemetry;

    /** The site's zone, from the control bundle; without it times are shown in the runtime's zone, with its offset. */
    @Reference(optional = true)
    SiteZone site;

    @Override
    public Object execute() {
        print(telemetry.status(), SiteZone.orSystem(site), System.out);
        return null;
    }

    /** Writes the status as the command shows it, times in {@code zone}. */
    public static void print(TelemetryService.Status s, SiteZone zone, PrintStream out) {
        LinkStats l = s.link();
        LogStats b = s.store();
        out.printf(
                "Connection    %s to %s (%s, %s/%s)%s%n",
                l.state(),
                l.connectedTo().isEmpty() ? l.broker() : l.connectedTo(),
                s.settings().encoding(),
                s.settings().node().groupId(),
                s.settings().node().nodeId(),
                l.connectedSince() == null ? "" : " since " + zone.format(l.connectedSince()));
        if (l.broker().contains(",")) {
            out.printf("Brokers       %s%n", l.broker());
        }
        LinkStats.HostStatus h = l.host();
        if (!h.id().isEmpty()) {
            String since = h.since() == null ? "" : " since " + zone.format(h.since());
            out.printf(
                    "Primary host  %s %s%s%n",
                    h.id(),
                    !h.known()
                            ? "unknown (no STATE yet on this connection)"
                            : h.online() ? "ONLINE" + since : "OFFLINE" + since,
                    h.born() ? ", births out, data flowing" : ", no births: data is buffered");
        }
        if (l.takenOver()) {
            out.printf(
                    "Session       TAKEN OVER: another client uses client id %s; backing off (%d times so far)%n",
                    s.settings().link().clientId(), l.takeovers());
        }
        out.printf("Connects      %d (failed attempts %d)%n", l.connects(), l.connectFailures());
        out.printf(
                "Buffer        %.1f%% of %d bytes used, %d records waiting%s%n",
                b.fillPercent(), b.maxBytes(), b.pending(), b.full() ? " - FULL" : "");
        out.printf(
                "Records       %d accepted, %d acknowledged, %d dropped (overflow), %d could not be stored%n",
                b.appended(), b.acknowledged(), b.dropped(), s.storeFailures());
        out.printf("Messages      %d sent, %d acknowledged by the broker%n", l.published(), l.confirmed());
        out.printf(
                "Duplicates    %d records possibly delivered twice (resent after a lost link or a restart)%n",
                b.possibleDuplicates());
        out.printf(
                "Recovered     %d undelivered records at start, %d damaged records cut off%n",
                b.recoveredUnacked(), b.tornRecords());
        out.printf("Events        %d seen, %d kept back by deadbands%n", s.eventsSeen(), s.deadbandSuppressed());
        out.printf(
                "Commands      %d received, %d malformed, %d for devices this runtime does not have (ignored)%n",
                l.commands(), l.malformed(), l.ignored());
        String err = !l.lastError().isEmpty() ? l.lastError() + " (" + zone.format(l.lastErrorAt()) + ")" : "none";
        out.printf("Last error    %s%n", err);
        if (!s.lastStoreError().isEmpty()) {
            out.printf("Store error   %s%n", s.lastStoreError());
        }
    }
}
