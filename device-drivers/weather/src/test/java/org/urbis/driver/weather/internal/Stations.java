package org.urbis.driver.weather.internal;

import java.time.Clock;
import java.time.Duration;
import org.urbis.api.device.Device;
import org.urbis.modbus.ModbusSettings;
import org.urbis.testkit.DeviceBuilder;
import org.urbis.testkit.Profiles;

/** The stations the tests use, with the profiles the bundle ships. */
final class Stations {

    static final Profiles PROFILES = Profiles.fromClasspath("URBIS-INF/profiles/weather.profiles.json");

    private Stations() {}

    static WeatherDriver driver(String brokerUrl) {
        return new WeatherDriver(
                brokerUrl,
                "",
                "",
                new ModbusSettings(Duration.ofMillis(800), 1, Duration.ofMillis(50), 64, 8, 256),
                Clock.systemUTC());
    }

    static Device modbus(String id, String address) {
        return DeviceBuilder.device(id, WeatherDriver.WEATHER, WeatherDriver.ID, address)
                .points(PROFILES.points("weather-modbus"))
                .option("windHeight", "2")
                .pollInterval(Duration.ofMillis(300))
                .build();
    }

    static Device mqtt(String id, String topic, String silentAfter) {
        return DeviceBuilder.device(id, WeatherDriver.WEATHER, WeatherDriver.ID, "mqtt:" + topic)
                .points(PROFILES.points("weather-mqtt"))
                .option("silentAfter", silentAfter)
                .build();
    }
}
