package org.urbis.driver.irrigation.internal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.modbus.ModbusSettings;
import org.urbis.simulator.irrigation.OpenSprinklerController;
import org.urbis.testkit.DeviceBuilder;
import org.urbis.testkit.Profiles;

/** The controllers the tests use, with the profiles the bundle ships. */
final class Controllers {

    static final Profiles PROFILES = Profiles.fromClasspath("URBIS-INF/profiles/irrigation.profiles.json");

    private Controllers() {}

    static IrrigationDriver driver() {
        return new IrrigationDriver(
                Duration.ofMillis(800),
                new ModbusSettings(Duration.ofMillis(800), 1, Duration.ofMillis(50), 64, 8, 256));
    }

    static List<Point> openSprinklerPoints() {
        return PROFILES.points("irrigation-opensprinkler-6");
    }

    static List<Point> plcPoints() {
        return PROFILES.points("irrigation-plc-4");
    }

    static Device openSprinkler(String id, String address, Map<String, String> options) {
        DeviceBuilder b = DeviceBuilder.device(id, DeviceClass.IRRIGATION, IrrigationDriver.ID, address)
                .points(openSprinklerPoints())
                .tag("water-main", "WM-PT-01")
                .option("zones", "6")
                .option("password", OpenSprinklerController.DEFAULT_PASSWORD)
                .pollInterval(Duration.ofMillis(300));
        options.forEach(b::option);
        return b.build();
    }

    static Device plc(String id, String address, Map<String, String> options) {
        DeviceBuilder b = DeviceBuilder.device(id, DeviceClass.IRRIGATION, IrrigationDriver.ID, address)
                .points(plcPoints())
                .tag("water-main", "WM-PT-01")
                .option("zones", "4")
                .pollInterval(Duration.ofMillis(300));
        options.forEach(b::option);
        return b.build();
    }
}
