package org.urbis.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.GeoLocation;
import org.urbis.api.device.Point;

/** Builds the {@link Device} an inventory entry would give, step by step; the record still checks it. */
public final class DeviceBuilder {

    private final String id;
    private final DeviceClass deviceClass;
    private final String driver;
    private final String address;
    private GeoLocation location;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final List<Point> points = new ArrayList<>();
    private Duration pollInterval;
    private final Map<String, String> options = new LinkedHashMap<>();

    private DeviceBuilder(String id, DeviceClass deviceClass, String driver, String address) {
        this.id = id;
        this.deviceClass = deviceClass;
        this.driver = driver;
        this.address = address;
    }

    public static DeviceBuilder device(String id, DeviceClass deviceClass, String driver, String address) {
        return new DeviceBuilder(id, deviceClass, driver, address);
    }

    /** Adds points, such as a profile's ({@link Profiles#points}). */
    public DeviceBuilder points(List<Point> more) {
        points.addAll(more);
        return this;
    }

    public DeviceBuilder point(Point point) {
        points.add(point);
        return this;
    }

    public DeviceBuilder tag(String key, String value) {
        tags.put(key, value);
        return this;
    }

    public DeviceBuilder option(String key, String value) {
        options.put(key, value);
        return this;
    }

    public DeviceBuilder location(double latitude, double longitude) {
        location = new GeoLocation(latitude, longitude);
        return this;
    }

    public DeviceBuilder pollInterval(Duration interval) {
        pollInterval = interval;
        return this;
    }

    public Device build() {
        return new Device(id, deviceClass, driver, address, location, tags, points, pollInterval, options);
    }
}
