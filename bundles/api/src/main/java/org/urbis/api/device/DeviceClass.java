package org.urbis.api.device;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The class of infrastructure a device belongs to. The platform knows five; a vendor may introduce
 * more (any lower-case identifier), which is why this is not an enum.
 *
 * @param id lower-case identifier such as {@code streetlight}
 */
public record DeviceClass(String id) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");

    /** Smart luminaire nodes and their schedules. */
    public static final DeviceClass STREETLIGHT = new DeviceClass("streetlight");
    /** Water-supply RTUs: valves, pressure sensors, flow meters. */
    public static final DeviceClass WATER = new DeviceClass("water");
    /** Smart-grid energy meters. */
    public static final DeviceClass GRID_METER = new DeviceClass("gridmeter");
    /** Parking bay occupancy sensors. */
    public static final DeviceClass PARKING = new DeviceClass("parking");
    /** Irrigation controllers of trees and parks. */
    public static final DeviceClass IRRIGATION = new DeviceClass("irrigation");

    public DeviceClass {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    "device class '" + id + "' must be lower-case letters, digits and '-', starting with a letter");
        }
    }

    /** Parses a class id, case-insensitively. */
    public static DeviceClass of(String id) {
        return new DeviceClass(Objects.requireNonNull(id, "id").trim().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return id;
    }
}
