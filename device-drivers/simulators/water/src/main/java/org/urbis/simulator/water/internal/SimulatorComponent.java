package org.urbis.simulator.water.internal;

import java.io.IOException;
import java.net.InetAddress;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.simulator.water.WaterSimulator;

/** Runs a {@link WaterSimulator} inside the runtime while configuration {@code org.urbis.simulator.water} exists. */
@Component(
        service = {},
        configurationPid = SimulatorConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SimulatorConfig.class)
public final class SimulatorComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorComponent.class);

    private final WaterSimulator simulator;

    @Activate
    public SimulatorComponent(SimulatorConfig config) throws IOException {
        simulator = new WaterSimulator(
                InetAddress.getByName(config.bind()), config.port(), config.units(), config.tickMillis());
        LOG.info("Water simulator: units 1-{} on tcp://{}:{}", config.units(), config.bind(), simulator.port());
    }

    @Deactivate
    void deactivate() {
        simulator.close();
        LOG.info("Water simulator on port {} stopped", simulator.port());
    }
}
