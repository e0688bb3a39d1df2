package org.urbis.core.internal.inventory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.urbis.api.device.Point;

/**
 * One device as a file states it, before it is checked: what a GeoJSON feature or a CSV row
 * holds, in plain strings. Fields are {@code null} when the file leaves them out.
 */
final class DeviceEntry {

    /** Where the entry is in its file, such as {@code feature 3 (SL-0003)} or {@code line 12}. */
    final String location;

    String id;
    String deviceClass;
    String driver;
    String address;
    /** Both or neither; the file reports a lone one. */
    Double latitude;

    Double longitude;
    final Map<String, String> tags = new LinkedHashMap<>();
    String profile;
    /** Points declared on the device itself, added to (and overriding) the profile's. */
    List<Point> points = List.of();
    /** A number of seconds or an ISO-8601 duration. */
    String pollInterval;

    final Map<String, String> options = new LinkedHashMap<>();

    DeviceEntry(String location) {
        this.location = location;
    }
}
