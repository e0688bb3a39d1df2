package org.urbis.driver.weather.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DeviceDriver;
import org.urbis.api.driver.DriverException;
import org.urbis.api.driver.DriverSession;
import org.urbis.api.runtime.PlatformThreads;
import org.urbis.api.value.QualityReason;
import org.urbis.modbus.ModbusDevice;
import org.urbis.modbus.ModbusEndpoint;
import org.urbis.modbus.ModbusLinks;
import org.urbis.modbus.ModbusSettings;

/**
 * The driver of weather stations (driver id and device class {@code weather}): stations on Modbus TCP
 * at {@code tcp://host:port/unit=N} with a register profile, and stations publishing JSON readings at
 * {@code mqtt:<topic>} on the driver's broker. Points: {@code airTemperature} (°C), {@code
 * relativeHumidity} (%), {@code windSpeed} (m/s at the height of device option {@code windHeight}),
 * {@code solarRadiation} (W/m²), {@code rainToday} (mm since local midnight), {@code pressure} (kPa).
 */
@Component(service = DeviceDriver.class, configurationPid = WeatherDriverConfig.PID)
@Designate(ocd = WeatherDriverConfig.class)
public final class WeatherDriver implements DeviceDriver {

    public static final String ID = "weather";
    public static final DeviceClass WEATHER = new DeviceClass("weather");
    static final String MQTT = "mqtt:";

    private final ModbusLinks links;
    private final ScheduledExecutorService timer;
    private final String brokerUrl;
    private final String username;
    private final String password;
    /** Connected on the first MQTT station: a site with Modbus stations only never talks to a broker. */
    private StationBroker broker;

    private boolean stopped;
    private final Clock clock;
    private final Set<WeatherMqttSession> pushing = ConcurrentHashMap.newKeySet();

    @Activate
    public WeatherDriver(WeatherDriverConfig config) {
        this(
                config.mqtt_brokerUrl(),
                config.mqtt_username(),
                config.mqtt_password(),
                new ModbusSettings(
                        Duration.ofMillis(config.modbus_timeoutMillis()),
                        config.modbus_retries(),
                        Duration.ofMillis(100),
                        64,
                        8,
                        256),
                Clock.systemUTC());
    }

    /** A driver outside OSGi: for tests. */
    public WeatherDriver(String brokerUrl, String username, String password, ModbusSettings modbus, Clock clock) {
        this.links = new ModbusLinks(modbus);
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(PlatformThreads.named("urbis-weather-driver"));
        this.brokerUrl = brokerUrl;
        this.username = username;
        this.password = password;
        timer.scheduleWithFixedDelay(() -> pushing.forEach(WeatherMqttSession::checkSilence), 1, 1, TimeUnit.SECONDS);
    }

    private synchronized StationBroker broker() {
        if (broker == null && !stopped) {
            broker = new StationBroker(brokerUrl, username, password, timer);
        }
        return broker;
    }

    @Deactivate
    public void deactivate() {
        synchronized (this) {
            stopped = true;
            if (broker != null) {
                broker.close();
            }
        }
        timer.shutdownNow();
        links.close();
    }

    synchronized boolean connected() {
        return broker != null && broker.connected();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<DeviceClass> deviceClasses() {
        return Set.of(WEATHER);
    }

    @Override
    public List<String> validate(Device device) {
        List<String> problems = new ArrayList<>();
        for (String key : List.of("windHeight", "silentAfter")) {
            String v = device.options().get(key);
            if (v != null && number(v) == null) {
                problems.add("option " + key + " must be a number > 0, not '" + v + "'");
            }
        }
        if (device.address().trim().startsWith(MQTT)) {
            try {
                WeatherMqttSession.topic(device.address());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
            for (Point p : device.points()) {
                if (p.access().writable()) {
                    problems.add("point '" + p.name() + "': a station publishing over MQTT takes no commands");
                }
            }
            return problems;
        }
        try {
            ModbusEndpoint.parse(device.address());
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + " (or mqtt:<topic>)");
        }
        problems.addAll(ModbusDevice.validate(device.points()));
        return problems;
    }

    private static Double number(String v) {
        try {
            double d = Double.parseDouble(v.trim());
            return d > 0 && Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public DriverSession open(Device device, DeviceCallback callback) throws DriverException {
        List<String> problems = validate(device);
        if (!problems.isEmpty()) {
            throw new DriverException(QualityReason.CONFIGURATION_ERROR, String.join("; ", problems));
        }
        if (device.address().trim().startsWith(MQTT)) {
            String silent = device.options().get("silentAfter");
            StationBroker b = broker();
            if (b == null) {
                throw new DriverException(QualityReason.CONFIGURATION_ERROR, "the weather driver is stopping");
            }
            return new WeatherMqttSession(
                    device,
                    b,
                    callback,
                    clock,
                    Duration.ofMillis((long) (1000 * (silent == null ? 300 : number(silent)))),
                    pushing);
        }
        return new WeatherModbusSession(device, links.device(ModbusEndpoint.parse(device.address())), callback);
    }
}
