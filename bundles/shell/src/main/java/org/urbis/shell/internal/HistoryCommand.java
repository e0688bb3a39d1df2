package org.urbis.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.urbis.api.device.Point;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.history.Bucket;
import org.urbis.api.history.History;
import org.urbis.api.history.Sample;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.runtime.SiteZone;
import org.urbis.api.value.QualityReason;

/** Shows a point's history, raw or per step, with the device's health and alarm changes over the same time. */
@Command(
        scope = "urbis",
        name = "history",
        description = "Shows a point's values over a past span, raw or min/max/mean/last per step, "
                + "with the device's health and alarm changes")
@Service
public class HistoryCommand implements Action {

    /** Raw lines shown at most; a longer span needs a step. */
    static final int MAX_LINES = 10_000;

    @Argument(index = 0, name = "device", description = "The device id", required = true)
    @Completion(DeviceIdCompleter.class)
    String device;

    @Argument(index = 1, name = "point", description = "The point's name", required = true)
    String point;

    @Option(name = "--since", description = "How far back, an ISO-8601 duration (P1D, PT6H)")
    String since = "P1D";

    @Option(name = "--step", description = "Summarise per step, an ISO-8601 duration (PT15M); raw values without it")
    String step;

    @Reference
    DeviceRegistry registry;

    @Reference(optional = true)
    History history;

    @Reference(optional = true)
    SiteZone site;

    /** A health or alarm change, as a line. */
    private record Change(Instant time, String what, String message) {}

    @Override
    public Object execute() {
        if (history == null) {
            throw new IllegalStateException("history is not installed (feature urbis-history)");
        }
        SiteZone zone = SiteZone.orSystem(site);
        DeviceSnapshot snapshot = registry.snapshot(device)
                .orElseThrow(() -> new IllegalArgumentException("no device '" + device + "' in the inventory"));
        Point p = snapshot.device()
                .point(point)
                .orElseThrow(() -> new IllegalArgumentException("device '" + device + "' has no point '" + point
                        + "'; it has "
                        + snapshot.device().points().stream().map(Point::name).toList()));
        Instant to = Instant.now();
        Instant from = to.minus(duration("--since", since));
        System.out.println(device + " " + p.name() + (p.unit().isEmpty() ? "" : " (" + p.unit() + ")") + " from "
                + zone.format(from) + " to " + zone.format(to));
        ShellTable table = new ShellTable();
        if (step == null) {
            List<Sample> values = history.values(device, p.name(), from, to, MAX_LINES + 1);
            if (values.size() > MAX_LINES) {
                throw new IllegalArgumentException("more than " + MAX_LINES + " values since " + since
                        + "; give a --step (e.g. --step PT15M) or a shorter --since");
            }
            table.column("Time");
            table.column("Value");
            table.column("Quality");
            values.forEach(s -> table.addRow()
                    .addContent(
                            zone.format(s.time()),
                            Format.value(s.value()),
                            s.reason() == QualityReason.NONE ? s.quality() : s.quality() + " " + s.reason()));
        } else {
            List<Bucket> buckets;
            try {
                buckets = history.downsampled(device, p.name(), from, to, duration("--step", step));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage() + "; give a longer --step or a shorter --since", e);
            }
            table.column("From");
            table.column("Values");
            table.column("Min");
            table.column("Max");
            table.column("Mean");
            table.column("Last");
            buckets.forEach(b -> table.addRow()
                    .addContent(
                            zone.format(b.start()),
                            b.count(),
                            Format.value(b.min()),
                            Format.value(b.max()),
                            b.mean() == null ? "-" : String.format("%.3f", b.mean()),
                            Format.value(b.last())));
        }
        table.print(System.out);

        List<Change> changes = new ArrayList<>();
        history.health(device, from, to)
                .forEach(h -> changes.add(new Change(
                        h.since(),
                        "health " + h.status() + (h.detail() == HealthDetail.NONE ? "" : " (" + h.detail() + ")"),
                        h.message())));
        history.alarms(device, from, to)
                .forEach(a -> changes.add(new Change(
                        a.changedAt(),
                        "alarm " + a.type() + " " + a.state() + (a.actor().isEmpty() ? "" : " by " + a.actor()),
                        a.message())));
        if (!changes.isEmpty()) {
            changes.sort(Comparator.comparing(Change::time));
            System.out.println();
            ShellTable changeTable = new ShellTable();
            changeTable.column("Time");
            changeTable.column("Change");
            changeTable.column("Message");
            changes.forEach(c -> changeTable.addRow().addContent(zone.format(c.time()), c.what(), c.message()));
            changeTable.print(System.out);
        }
        return null;
    }

    private static Duration duration(String option, String text) {
        try {
            Duration d = Duration.parse(text.trim());
            if (!d.isNegative() && !d.isZero()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // said below
        }
        throw new IllegalArgumentException(
                option + " must be a positive ISO-8601 duration such as P1D or PT15M, not '" + text + "'");
    }
}
