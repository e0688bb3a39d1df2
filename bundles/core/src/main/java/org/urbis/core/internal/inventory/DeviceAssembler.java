package org.urbis.core.internal.inventory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.GeoLocation;
import org.urbis.api.device.Point;

/**
 * Turns entries from any kind of file into {@link Device}s, so that GeoJSON and CSV get the same
 * checks and the same messages. One assembler serves one read of the folder: it remembers every
 * id it has seen to report duplicates across files.
 */
final class DeviceAssembler {

    // Stand-ins for fields that were already reported, so the Device record can still check the
    // rest (the id above all) in the same pass without complaining about them a second time.
    private static final DeviceClass UNKNOWN_CLASS = new DeviceClass("unknown");
    private static final String UNKNOWN = "unknown";

    private final InventoryReader.Context context;
    /** The known drivers, sorted, for messages. */
    private final String knownDriverList;

    private final PointProfiles profiles;
    /** id → file and location of its first definition. */
    private final Map<String, String> firstDefinitions = new HashMap<>();

    DeviceAssembler(InventoryReader.Context context, PointProfiles profiles) {
        this.context = context;
        this.knownDriverList =
                context.knownDrivers().isEmpty() ? "none" : String.join(", ", new TreeSet<>(context.knownDrivers()));
        this.profiles = profiles;
    }

    /**
     * Checks an entry and builds its device.
     *
     * @return the device, or {@code null} when the entry has a problem (reported to {@code problems})
     */
    Device assemble(DeviceEntry entry, Problems problems) {
        String at = entry.location;
        int before = problems.count();

        if (entry.id == null) {
            problems.add(at, "missing id");
        } else {
            String first = firstDefinitions.putIfAbsent(entry.id, problems.file() + ", " + at);
            if (first != null) {
                problems.add(at, "duplicate id " + entry.id + ", first defined in " + first);
            }
        }
        DeviceClass deviceClass = deviceClass(entry.deviceClass, at, problems);
        if (entry.driver == null) {
            problems.add(at, "missing driver");
        } else if (!context.knownDrivers().contains(entry.driver)) {
            problems.add(at, "driver '" + entry.driver + "' is not known; known drivers: " + knownDriverList);
        }
        if (entry.address == null) {
            problems.add(at, "missing address");
        }
        GeoLocation location = location(entry, problems);
        List<Point> points = points(entry, problems);
        Duration pollInterval = pollInterval(entry.pollInterval, at, problems);

        if (entry.id == null) {
            return null;
        }
        try {
            Device device = new Device(
                    entry.id,
                    deviceClass == null ? UNKNOWN_CLASS : deviceClass,
                    entry.driver == null ? UNKNOWN : entry.driver,
                    entry.address == null ? UNKNOWN : entry.address,
                    location,
                    entry.tags,
                    points,
                    pollInterval,
                    entry.options);
            checkOptions(device, at, problems);
            return problems.count() == before ? device : null;
        } catch (IllegalArgumentException e) {
            problems.add(at, e.getMessage());
            return null;
        }
    }

    private static DeviceClass deviceClass(String text, String at, Problems problems) {
        if (text == null) {
            problems.add(at, "missing class");
            return null;
        }
        try {
            return DeviceClass.of(text);
        } catch (IllegalArgumentException e) {
            problems.add(at, "invalid class: " + e.getMessage());
            return null;
        }
    }

    private static GeoLocation location(DeviceEntry entry, Problems problems) {
        if (entry.latitude == null || entry.longitude == null) {
            return null;
        }
        try {
            return new GeoLocation(entry.latitude, entry.longitude);
        } catch (IllegalArgumentException e) {
            // The classic mistake: GeoJSON wants [longitude, latitude], most people say lat/lon.
            boolean swapped = Math.abs(entry.longitude) <= 90 && Math.abs(entry.latitude) <= 180;
            problems.add(entry.location, e.getMessage() + (swapped ? " (are latitude and longitude swapped?)" : ""));
            return null;
        }
    }

    private List<Point> points(DeviceEntry entry, Problems problems) {
        if (entry.profile == null) {
            return entry.points;
        }
        List<Point> profilePoints = profiles.get(entry.profile).orElse(null);
        if (profilePoints == null) {
            boolean misspelt = profiles.nearMiss(entry.profile).isPresent();
            boolean driverAway = entry.driver != null
                    && (!context.installedDrivers().contains(entry.driver)
                            || context.declared().departed().contains(entry.profile));
            if (!misspelt && entry.id != null && driverAway) {
                // The profile may come with the driver's bundle: the device waits for it with the points it has.
                Optional<List<Point>> inForce = context.pointsInForce().apply(entry.id);
                problems.warn(
                        entry.location,
                        "profile '" + entry.profile + "' is not known until driver '" + entry.driver
                                + "' is installed; " + entry.id
                                + (inForce.isPresent()
                                        ? " keeps its " + inForce.get().size() + " point(s) until then"
                                        : " has only its own points until then"));
                return inForce.orElse(entry.points);
            }
            if (profiles.complete()) {
                problems.add(
                        entry.location, "unknown profile '" + entry.profile + "'; known profiles: " + profiles.names());
            }
            return entry.points;
        }
        return PointDefinitions.override(profilePoints, entry.points);
    }

    /** Checks the device's and its points' options against those its driver's bundle declares, if it declares any. */
    private void checkOptions(Device device, String at, Problems problems) {
        DriverOptions declared = context.declared().options().get(device.driver());
        if (declared == null) {
            return;
        }
        List<String> warnings = new ArrayList<>();
        List<String> found =
                new ArrayList<>(declared.check("device " + device.id(), declared.device(), device.options(), warnings));
        for (Point p : device.points()) {
            found.addAll(declared.check(
                    "device " + device.id() + ", point " + p.name(), declared.point(), p.options(), warnings));
        }
        found.forEach(problem -> problems.add(at, problem));
        warnings.forEach(warning -> problems.warn(at, warning));
    }

    /** A number of seconds (fractions allowed) or an ISO-8601 duration such as {@code PT10S}. */
    private static Duration pollInterval(String text, String at, Problems problems) {
        if (text == null) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(text);
            return Duration.ofNanos(
                    seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (NumberFormatException e) {
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException notIso) {
                problems.add(
                        at,
                        "bad pollInterval '" + text
                                + "': expected a number of seconds or an ISO-8601 duration such as PT10S");
            }
        } catch (ArithmeticException e) {
            problems.add(at, "bad pollInterval '" + text + "': too long");
        }
        return null;
    }
}
