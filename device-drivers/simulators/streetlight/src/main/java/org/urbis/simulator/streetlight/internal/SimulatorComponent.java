package org.urbis.simulator.streetlight.internal;

import java.time.Clock;
import java.time.Duration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.urbis.simulator.streetlight.FleetSettings;
import org.urbis.simulator.streetlight.LuminaireFleet;

/** Runs a simulated fleet inside Karaf while {@code etc/org.urbis.simulator.streetlight.cfg} exists. */
@Component(
        service = {},
        configurationPid = SimulatorConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SimulatorConfig.class)
public final class SimulatorComponent {

    private final LuminaireFleet fleet;

    @Activate
    public SimulatorComponent(SimulatorConfig config) {
        FleetSettings settings = new FleetSettings(
                config.broker_url(),
                config.broker_username(),
                config.broker_password(),
                config.topicRoot(),
                config.idPrefix(),
                Duration.ofSeconds(Math.max(1, config.statusIntervalSeconds())),
                Duration.ofSeconds(1),
                120,
                config.latitude(),
                config.longitude(),
                Clock.systemUTC());
        fleet = new LuminaireFleet(settings);
        // connects in the background when the broker is not up yet
        fleet.start(config.count());
    }

    @Deactivate
    void deactivate() {
        fleet.stop();
    }
}
