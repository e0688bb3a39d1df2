package org.urbis.driver.weather.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.simulator.irrigation.DryDay;
import org.urbis.simulator.irrigation.WeatherPublisher;
import org.urbis.simulator.irrigation.WeatherStation;
import org.urbis.testing.Mosquitto;
import org.urbis.testkit.DriverRuntime;

/** The weather driver in the platform's device runtime: a station on Modbus TCP, and one publishing JSON to a real broker. */
class WeatherDriverTest {

    private static final List<String> QUANTITIES =
            List.of("airTemperature", "relativeHumidity", "windSpeed", "solarRadiation", "rainToday", "pressure");

    private WeatherStation station;
    private DriverRuntime runtime;
    private WeatherDriver driver;

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (driver != null) {
            driver.deactivate();
        }
        if (station != null) {
            station.close();
        }
    }

    private double number(String device, String point) {
        return ((Number) runtime.value(device, point).orElseThrow().value()).doubleValue();
    }

    @Test
    void aModbusStationGivesTheDaysWeatherAndItsSensorFaults() throws Exception {
        station = WeatherStation.start();
        driver = Stations.driver("tcp://127.0.0.1:1");
        runtime = DriverRuntime.builder()
                .pollInterval(Duration.ofMillis(300))
                .build()
                .add(driver);
        runtime.apply(Stations.modbus("WS-PT-001", station.address()));
        runtime.await(
                "WS-PT-001 ONLINE with every quantity GOOD",
                () -> runtime.health("WS-PT-001").status() == HealthStatus.ONLINE
                        && QUANTITIES.stream()
                                .allMatch(q -> runtime.value("WS-PT-001", q)
                                        .map(v -> v.quality() == Quality.GOOD)
                                        .orElse(false)));
        DryDay.Conditions c = station.conditions();
        assertEquals(c.airTemperature(), number("WS-PT-001", "airTemperature"), 0.3);
        assertEquals(c.relativeHumidity(), number("WS-PT-001", "relativeHumidity"), 1.0);
        assertEquals(c.pressure(), number("WS-PT-001", "pressure"), 0.02);
        assertTrue(number("WS-PT-001", "airTemperature") >= 23 && number("WS-PT-001", "airTemperature") <= 32.5);

        station.rain(2.4);
        runtime.await("the shower counted", () -> Math.abs(number("WS-PT-001", "rainToday") - 2.4) < 1e-6);

        station.fault(WeatherStation.Sensor.ANEMOMETER, true);
        runtime.await(
                "SENSOR_FAULT, windSpeed BAD",
                () -> runtime.alarmActive("WS-PT-001", WeatherChecks.SENSOR_FAULT)
                        && runtime.value("WS-PT-001", "windSpeed")
                                .map(v -> v.quality() == Quality.BAD)
                                .orElse(false));
        Value wind = runtime.value("WS-PT-001", "windSpeed").orElseThrow();
        assertEquals(QualityReason.DEVICE_ERROR, wind.reason());
        assertTrue(wind.detail().contains("anemometer"), wind.detail());
        station.fault(WeatherStation.Sensor.ANEMOMETER, false);
        runtime.await("SENSOR_FAULT cleared", () -> !runtime.alarmActive("WS-PT-001", WeatherChecks.SENSOR_FAULT));
    }

    @Test
    void anMqttStationsReadingsArriveAndItsSilenceIsNoticed() throws Exception {
        Mosquitto.assumeInstalled();
        try (Mosquitto broker = Mosquitto.start(Files.createTempDirectory("mosquitto-"))) {
            station = WeatherStation.start();
            driver = Stations.driver(broker.url());
            runtime = DriverRuntime.builder()
                    .pollInterval(Duration.ofMillis(300))
                    .build()
                    .add(driver);
            runtime.apply(Stations.mqtt("WS-PT-002", "urbis/weather/WS-PT-002", "3"));
            try (WeatherPublisher publisher =
                    new WeatherPublisher(station, broker.url(), "urbis/weather/WS-PT-002", 300)) {
                runtime.await(
                        "WS-PT-002 ONLINE with every quantity GOOD",
                        () -> runtime.health("WS-PT-002").status() == HealthStatus.ONLINE
                                && QUANTITIES.stream()
                                        .allMatch(q -> runtime.value("WS-PT-002", q)
                                                .map(v -> v.quality() == Quality.GOOD)
                                                .orElse(false)));
                assertEquals(station.conditions().pressure(), number("WS-PT-002", "pressure"), 0.02);
                station.fault(WeatherStation.Sensor.THERMO_HYGROMETER, true);
                runtime.await(
                        "SENSOR_FAULT from the station's own report",
                        () -> runtime.alarmActive("WS-PT-002", WeatherChecks.SENSOR_FAULT)
                                && runtime.value("WS-PT-002", "airTemperature")
                                        .map(v -> v.quality() == Quality.BAD)
                                        .orElse(false)
                                && runtime.value("WS-PT-002", "relativeHumidity")
                                        .map(v -> v.quality() == Quality.BAD)
                                        .orElse(false));
                assertEquals(
                        Quality.GOOD,
                        runtime.value("WS-PT-002", "solarRadiation")
                                .orElseThrow()
                                .quality());
            }
            runtime.await(
                    "OFFLINE / SILENT once it stops publishing",
                    () -> runtime.health("WS-PT-002").status() == HealthStatus.OFFLINE
                            && runtime.health("WS-PT-002").detail() == HealthDetail.SILENT);
        }
    }
}
