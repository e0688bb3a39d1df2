package org.urbis.parking.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.GeoLocation;
import org.urbis.api.device.Point;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.EventListener;
import org.urbis.api.event.ValueChanged;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.telemetry.TelemetrySource;
import org.urbis.api.telemetry.TelemetryThings;
import org.urbis.api.value.Value;
import org.urbis.parking.internal.Occupancy.BayState;

/**
 * Capacity, free, occupied and unknown per site, kept bay by bay as the bays' events arrive (one
 * snapshot of the bay that changed, never a pass over every bay), and offered to the telemetry as one
 * device-like thing per site — id {@code site:<uid>}, class {@code parking-site} — so that the counts
 * reach the operations centre like every value. A full recount after each load of the site files and
 * now and then puts right what no event says (a bay's tag edited in the inventory). A bay counts as in
 * {@link Occupancy#state}: free or occupied only on a GOOD reading of a reachable sensor.
 */
final class SiteCounts implements TelemetrySource {

    static final DeviceClass SITE_CLASS = DeviceClass.of("parking-site");
    static final String ID_PREFIX = "site:";
    static final String CAPACITY = "capacity";
    static final String FREE = "free";
    static final String OCCUPIED = "occupied";
    static final String UNKNOWN = "unknown";

    private static final List<Point> POINTS = List.of(CAPACITY, FREE, OCCUPIED, UNKNOWN).stream()
            .map(name ->
                    Point.builder(name, DataType.INTEGER).access(Access.READ).build())
            .toList();

    /** Where a bay counts now. */
    private record Counted(String site, BayState state) {}

    /** A site's bays by state. */
    private static final class Tally {
        int bays;
        int free;
        int taken;
    }

    private final TelemetryThings things = new TelemetryThings("the parking site counts");
    // guarded by this
    private Map<String, ParkingSite> sites = Map.of();
    private final Map<String, Counted> bays = new HashMap<>();
    private final Map<String, Tally> tallies = new HashMap<>();

    /** Counts every bay again, for these sites. */
    synchronized void recount(Map<String, ParkingSite> current, List<DeviceSnapshot> all, Instant now) {
        List<DeviceEvent> out = new ArrayList<>();
        things.retain(current.keySet().stream().map(uid -> ID_PREFIX + uid).collect(Collectors.toSet()), now, out);
        for (ParkingSite site : current.values()) {
            things.put(device(site), now, out);
        }
        sites = Map.copyOf(current);
        bays.clear();
        tallies.clear();
        for (DeviceSnapshot s : all) {
            count(s.device().id(), counted(s));
        }
        for (String uid : sites.keySet()) {
            publish(uid, now, out);
        }
        things.deliver(out);
    }

    /**
     * Counts again the bays whose occupancy, health or inventory entry the events changed, as the
     * registry holds them now (one snapshot per bay and batch).
     */
    void onEvents(List<DeviceEvent> events, DeviceRegistry registry) {
        Map<String, Instant> changed = new LinkedHashMap<>();
        for (DeviceEvent e : events) {
            if (!(e instanceof ValueChanged v) || v.value().point().equals(Occupancy.OCCUPIED)) {
                changed.put(e.deviceId(), e.time());
            }
        }
        changed.forEach((id, time) -> bay(
                id, registry.snapshot(id).filter(s -> s.device().deviceClass().equals(DeviceClass.PARKING)), time));
    }

    /** A bay reported something, changed health or changed in the inventory: counts it again. */
    synchronized void bay(String id, Optional<DeviceSnapshot> snapshot, Instant time) {
        Counted before = bays.get(id);
        Counted now = snapshot.map(SiteCounts::counted).orElse(null);
        if (Objects.equals(before, now)) {
            return;
        }
        uncount(id, before);
        count(id, now);
        List<DeviceEvent> out = new ArrayList<>();
        if (before != null) {
            publish(before.site(), time, out);
        }
        if (now != null && (before == null || !before.site().equals(now.site()))) {
            publish(now.site(), time, out);
        }
        things.deliver(out);
    }

    private static Counted counted(DeviceSnapshot s) {
        String uid = s.device().tags().get(Occupancy.SITE_TAG);
        return uid == null ? null : new Counted(uid, Occupancy.state(s));
    }

    private void count(String id, Counted c) {
        if (c == null) {
            return;
        }
        bays.put(id, c);
        Tally t = tallies.computeIfAbsent(c.site(), k -> new Tally());
        t.bays++;
        t.free += c.state() == BayState.AVAILABLE ? 1 : 0;
        t.taken += c.state() == BayState.TAKEN ? 1 : 0;
    }

    private void uncount(String id, Counted c) {
        if (c == null) {
            return;
        }
        bays.remove(id);
        Tally t = tallies.get(c.site());
        t.bays--;
        t.free -= c.state() == BayState.AVAILABLE ? 1 : 0;
        t.taken -= c.state() == BayState.TAKEN ? 1 : 0;
    }

    /** Adds a value event for each count of the site that changed. */
    private void publish(String uid, Instant time, List<DeviceEvent> out) {
        ParkingSite site = sites.get(uid);
        if (site == null) {
            return; // bays tagged with a site no file defines
        }
        Tally t = tallies.getOrDefault(uid, new Tally());
        int capacity = site.capacity().orElse(t.bays);
        Map<String, Value> last = things.values(ID_PREFIX + uid);
        Map<String, Long> now =
                Map.of(CAPACITY, (long) capacity, FREE, (long) t.free, OCCUPIED, (long) t.taken, UNKNOWN, (long)
                        Math.max(0, capacity - t.free - t.taken));
        for (Point p : POINTS) {
            Value before = last.get(p.name());
            Long n = now.get(p.name());
            if (before == null || !before.value().equals(n)) {
                things.value(ID_PREFIX + uid, Value.good(p.name(), n, time), out);
            }
        }
    }

    private static Device device(ParkingSite site) {
        return new Device(
                ID_PREFIX + site.uid(),
                SITE_CLASS,
                "parking",
                "parking-site:" + site.uid(),
                new GeoLocation(site.lat(), site.lon()),
                Map.of(Occupancy.SITE_TAG, site.uid()),
                POINTS,
                null,
                null);
    }

    // ---- TelemetrySource ----

    @Override
    public List<DeviceSnapshot> snapshots() {
        return things.snapshots();
    }

    @Override
    public Optional<Device> device(String id) {
        return things.device(id);
    }

    /** The counts of a site now, by point; empty when it has none. */
    Map<String, Value> counts(String uid) {
        return things.values(ID_PREFIX + uid);
    }

    @Override
    public AutoCloseable listen(EventListener listener) {
        return things.listen(listener);
    }
}
