package org.urbis.simulator.irrigation.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.simulator.irrigation.IrrigationPlc;
import org.urbis.simulator.irrigation.OpenSprinklerController;
import org.urbis.simulator.irrigation.WeatherPublisher;
import org.urbis.simulator.irrigation.WeatherStation;

/** Runs the simulated park inside the runtime while configuration {@code org.urbis.simulator.irrigation} exists. */
@Component(
        service = {},
        configurationPid = SimulatorConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SimulatorConfig.class)
public final class SimulatorComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorComponent.class);

    private final List<AutoCloseable> running = new ArrayList<>();

    @Activate
    public SimulatorComponent(SimulatorConfig config) throws IOException {
        InetAddress bind = InetAddress.getByName(config.bind());
        try {
            if (config.openSprinklerPort() > 0) {
                OpenSprinklerController os = new OpenSprinklerController(
                        bind,
                        config.openSprinklerPort(),
                        config.openSprinklerStations(),
                        config.openSprinklerPassword(),
                        config.openSprinklerTz(),
                        Clock.systemUTC());
                running.add(os);
                LOG.info("Irrigation simulator: OpenSprinkler controller at {}", os.address());
            }
            if (config.plcPort() > 0) {
                IrrigationPlc plc = new IrrigationPlc(bind, config.plcPort(), config.plcZones(), 200);
                running.add(plc);
                LOG.info(
                        "Irrigation simulator: irrigation PLC with {} valves at tcp://{}:{}/unit=1",
                        config.plcZones(),
                        config.bind(),
                        plc.port());
            }
            if (config.weatherPort() > 0) {
                WeatherStation station = new WeatherStation(bind, config.weatherPort(), Clock.systemUTC(), 1_000);
                running.add(station);
                LOG.info("Irrigation simulator: weather station at tcp://{}:{}/unit=1", config.bind(), station.port());
                if (!config.weatherBroker().isBlank()) {
                    running.add(
                            0,
                            new WeatherPublisher(
                                    station,
                                    config.weatherBroker(),
                                    config.weatherTopic(),
                                    config.weatherIntervalSeconds() * 1_000L));
                    LOG.info(
                            "Irrigation simulator: weather station publishing on {} at {}",
                            config.weatherTopic(),
                            config.weatherBroker());
                }
            }
        } catch (IOException | MqttException | RuntimeException e) {
            deactivate();
            throw new IOException("cannot start the irrigation simulator: " + e.getMessage(), e);
        }
    }

    @Deactivate
    void deactivate() {
        for (AutoCloseable c : running) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Stopping {}: {}", c, e.toString());
            }
        }
        running.clear();
    }
}
