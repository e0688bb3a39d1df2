package org.urbis.simulator.parking.internal;

import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.urbis.simulator.parking.LoraNetworkSimulator;
import org.urbis.simulator.parking.SensorModel;
import org.urbis.simulator.parking.StreetOfBays;

/** Runs a simulated street of bays inside Karaf while {@code etc/org.urbis.simulator.parking.cfg} exists. */
@Component(
        service = {},
        configurationPid = SimulatorConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SimulatorConfig.class)
public final class SimulatorComponent {

    private final StreetOfBays street;

    @Activate
    public SimulatorComponent(SimulatorConfig config) {
        street = new StreetOfBays(
                config.broker_url(),
                LoraNetworkSimulator.Server.valueOf(config.server().toUpperCase(Locale.ROOT)),
                config.application(),
                config.count(),
                SensorModel.of(config.model()),
                Math.max(100, config.stepMillis()),
                config.changeShare());
    }

    @Deactivate
    void deactivate() {
        street.close();
    }
}
