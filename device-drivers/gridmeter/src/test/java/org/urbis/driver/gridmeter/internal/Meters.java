package org.urbis.driver.gridmeter.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.modbus.ModbusSettings;
import org.urbis.testkit.DeviceBuilder;
import org.urbis.testkit.Profiles;

/** The driver with test settings, and devices from the profiles its bundle ships. */
final class Meters {

    static final Profiles PROFILES = Profiles.fromClasspath("URBIS-INF/profiles/gridmeter.profiles.json");

    private Meters() {}

    static GridMeterDriver driver(java.time.ZoneId zone) {
        return driver(zone, Duration.ofSeconds(1));
    }

    /** A driver whose class 0 and event polls come every {@code polls}. */
    static GridMeterDriver driver(java.time.ZoneId zone, Duration polls) {
        return driver(zone, polls, polls);
    }

    /** A driver whose class 0 (static) polls come every {@code class0}, its event polls every {@code events}. */
    static GridMeterDriver driver(java.time.ZoneId zone, Duration class0, Duration events) {
        return new GridMeterDriver(
                new GridMeterDriverSettings(
                        1,
                        Duration.ofSeconds(1),
                        Duration.ofHours(1),
                        class0,
                        events,
                        Duration.ofMillis(200),
                        new ModbusSettings(Duration.ofMillis(800), 1, Duration.ofMillis(50), 64, 8, 256),
                        Duration.ofMillis(200)),
                Clock.systemUTC(),
                zone);
    }

    static List<Point> feeder() {
        return PROFILES.points("gridmeter-dnp3-feeder");
    }

    static List<Point> sdm630() {
        return PROFILES.points("gridmeter-sdm630");
    }

    /** The profile without the derived points, which have no value until a 15-minute interval is complete. */
    static List<Point> measured(List<Point> profile) {
        return profile.stream().filter(p -> !GridMonitor.derived(p.address())).toList();
    }

    static Device dnp3(String id, String scheme, String hostAndPort, int outstation, List<Point> points) {
        return DeviceBuilder.device(
                        id,
                        DeviceClass.GRID_METER,
                        GridMeterDriver.ID,
                        scheme + "://" + hostAndPort + "?outstation=" + outstation + "&master=1")
                .points(points)
                .build();
    }

    static Device modbus(String id, String hostAndPort, List<Point> points) {
        return DeviceBuilder.device(id, DeviceClass.GRID_METER, GridMeterDriver.ID, "tcp://" + hostAndPort + "/unit=1")
                .points(points)
                .pollInterval(Duration.ofMillis(200))
                .build();
    }
}
