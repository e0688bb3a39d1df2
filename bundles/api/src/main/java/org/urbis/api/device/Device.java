package org.urbis.api.device;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A field device as the inventory declares it. Immutable; a changed inventory entry is a new
 * {@code Device}.
 *
 * @param id           stable, human-readable id, unique in the site (e.g. {@code SL-PT-0001})
 * @param deviceClass  the class of infrastructure
 * @param driver       id of the driver that talks to it (see {@code DeviceDriver#id()})
 * @param address      how the driver reaches it (host:port, MQTT topic, DevEUI, ...)
 * @param location     where it stands, or {@code null} when unknown
 * @param tags         grouping tags such as {@code street}, {@code zone}, {@code cabinet}
 * @param points       its points, in declaration order, names unique
 * @param pollInterval how often a polled driver reads it, or {@code null} for the site default
 * @param options      further driver-specific connection settings (unit id, credentials ref, ...)
 */
public record Device(
        String id,
        DeviceClass deviceClass,
        String driver,
        String address,
        GeoLocation location,
        Map<String, String> tags,
        List<Point> points,
        Duration pollInterval,
        Map<String, String> options) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");

    public Device {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("device id '" + id
                    + "' must be 1-128 letters, digits, '_', '.', ':' or '-', starting with a letter or digit");
        }
        Objects.requireNonNull(deviceClass, "deviceClass");
        if (driver == null || driver.isBlank()) {
            throw new IllegalArgumentException("device '" + id + "' names no driver");
        }
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("device '" + id + "' has no address");
        }
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        points = points == null ? List.of() : List.copyOf(points);
        Set<String> names = new HashSet<>();
        for (Point p : points) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("device '" + id + "' declares point '" + p.name() + "' twice");
            }
        }
        if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
            throw new IllegalArgumentException("device '" + id + "' poll interval must be positive");
        }
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** The point of that name, if the device has one. */
    public Optional<Point> point(String name) {
        for (Point p : points) {
            if (p.name().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The first point with that {@linkplain Point#role() role}, if the device has one.
     *
     * @since 1.1
     */
    public Optional<Point> pointWithRole(String role) {
        return points.stream().filter(p -> p.role().equals(role)).findFirst();
    }

    /**
     * Whether the device belongs to a group. A group is named either {@code key=value} (a tag, as
     * in {@code zone=Z1}) or a bare value that any tag holds (as in {@code Z1}).
     */
    public boolean inGroup(String group) {
        int eq = group.indexOf('=');
        if (eq > 0) {
            return group.substring(eq + 1).equals(tags.get(group.substring(0, eq)));
        }
        return tags.containsValue(group);
    }

    /** The tags in a stable order, for display. */
    public Map<String, String> sortedTags() {
        Map<String, String> sorted = new LinkedHashMap<>();
        tags.keySet().stream().sorted().forEach(k -> sorted.put(k, tags.get(k)));
        return sorted;
    }
}
