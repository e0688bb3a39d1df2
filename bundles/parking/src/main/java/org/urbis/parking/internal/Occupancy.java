package org.urbis.parking.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;

/**
 * Occupancy per site and bay from the bays' last values: a bay is TAKEN or AVAILABLE only on a GOOD
 * reading of its {@code occupied} point from a device that is not offline; anything else (stale,
 * overdue heartbeat, driver missing) is UNKNOWN, never counted free.
 */
final class Occupancy {

    /** The tag that puts a bay in a site. */
    static final String SITE_TAG = "parking-site";

    static final String OCCUPIED = "occupied";
    static final String OCCUPIED_SINCE = "occupiedSince";

    enum BayState {
        AVAILABLE,
        TAKEN,
        UNKNOWN
    }

    /**
     * One bay now.
     *
     * @param updatedAt when its state was last reported, null when never
     * @param dwell     how long it has been taken, when it is and the sensor said since when
     * @param overstay  whether the stay breaks the site's overstay rule now
     * @param turnover  arrivals today (the site's local day)
     */
    record Bay(
            String id,
            Double lat,
            Double lon,
            BayState state,
            Instant updatedAt,
            Duration dwell,
            boolean overstay,
            long turnover) {}

    /** One site now: counts, and its bays. */
    record Site(
            ParkingSite site,
            int capacity,
            int free,
            int occupied,
            int unknown,
            Instant updatedAt,
            boolean open,
            List<Bay> bays) {}

    private Occupancy() {}

    /**
     * @param turnover arrivals today per bay id
     */
    static List<Site> of(
            Collection<ParkingSite> sites,
            List<DeviceSnapshot> bays,
            Map<String, Long> turnover,
            Instant now,
            ZoneId zone) {
        Map<String, List<DeviceSnapshot>> bySite = new HashMap<>();
        for (DeviceSnapshot s : bays) {
            String uid = s.device().tags().get(SITE_TAG);
            if (uid != null) {
                bySite.computeIfAbsent(uid, k -> new ArrayList<>()).add(s);
            }
        }
        List<Site> out = new ArrayList<>();
        for (ParkingSite site : sites) {
            List<Bay> mine = new ArrayList<>();
            int free = 0;
            int taken = 0;
            Instant updated = null;
            for (DeviceSnapshot s : bySite.getOrDefault(site.uid(), List.of())) {
                Bay b = bay(s, site, turnover.getOrDefault(s.device().id(), 0L), now, zone);
                mine.add(b);
                free += b.state() == BayState.AVAILABLE ? 1 : 0;
                taken += b.state() == BayState.TAKEN ? 1 : 0;
                if (b.updatedAt() != null && (updated == null || b.updatedAt().isAfter(updated))) {
                    updated = b.updatedAt();
                }
            }
            int capacity = site.capacity().orElse(mine.size());
            out.add(new Site(
                    site,
                    capacity,
                    free,
                    taken,
                    Math.max(0, capacity - free - taken),
                    updated,
                    site.openingHours().open(now.atZone(zone).toLocalDateTime()),
                    mine));
        }
        return out;
    }

    /** The bay's {@code occupied} value, if it has one. */
    private static Value occupied(DeviceSnapshot s) {
        return s.device()
                .pointWithRole(OCCUPIED)
                .map(p -> s.values().get(p.name()))
                .orElse(null);
    }

    /** TAKEN or AVAILABLE on a GOOD reading from a device that is ONLINE or DEGRADED; UNKNOWN otherwise. */
    static BayState state(DeviceSnapshot s) {
        Value v = occupied(s);
        HealthStatus health =
                s.health() == null ? HealthStatus.UNKNOWN : s.health().status();
        boolean reachable = health == HealthStatus.ONLINE || health == HealthStatus.DEGRADED;
        if (v != null && v.quality() == Quality.GOOD && v.value() instanceof Boolean b && reachable) {
            return b ? BayState.TAKEN : BayState.AVAILABLE;
        }
        return BayState.UNKNOWN;
    }

    private static Bay bay(DeviceSnapshot s, ParkingSite site, long turnover, Instant now, ZoneId zone) {
        Value v = occupied(s);
        BayState state = state(s);
        Duration dwell = null;
        boolean overstay = false;
        if (state == BayState.TAKEN) {
            Instant since = since(s);
            if (since != null && !since.isAfter(now)) {
                dwell = Duration.between(since, now);
                overstay = site.overstay().isPresent()
                        && dwell.compareTo(site.overstay().get().maxStay()) > 0
                        && site.overstay().get().hours().open(now.atZone(zone).toLocalDateTime());
            }
        }
        return new Bay(
                s.device().id(),
                s.device().location() == null ? null : s.device().location().latitude(),
                s.device().location() == null ? null : s.device().location().longitude(),
                state,
                v == null ? null : v.timestamp(),
                dwell,
                overstay,
                turnover);
    }

    private static Instant since(DeviceSnapshot s) {
        Value v = s.device()
                .pointWithRole(OCCUPIED_SINCE)
                .map(p -> s.values().get(p.name()))
                .orElse(null);
        if (v == null || !(v.value() instanceof String text) || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
