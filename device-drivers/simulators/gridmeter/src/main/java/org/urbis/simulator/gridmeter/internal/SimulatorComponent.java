package org.urbis.simulator.gridmeter.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.simulator.gridmeter.Dnp3Meter;
import org.urbis.simulator.gridmeter.Sdm630Meter;

/** Runs simulated grid meters inside the runtime while configuration {@code org.urbis.simulator.gridmeter} exists. */
@Component(
        service = {},
        configurationPid = SimulatorConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SimulatorConfig.class)
public final class SimulatorComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorComponent.class);

    private final List<AutoCloseable> meters = new ArrayList<>();

    @Activate
    public SimulatorComponent(SimulatorConfig config) throws IOException {
        InetAddress bind = InetAddress.getByName(config.bind());
        try {
            meters.add(Dnp3Meter.listen(
                            new InetSocketAddress(bind, config.dnp3Port()),
                            config.outstation(),
                            config.master(),
                            Clock.systemUTC())
                    .run(config.tickMillis()));
            LOG.info(
                    "Grid-meter simulator: DNP3 outstation {} on dnp3://{}:{}",
                    config.outstation(),
                    config.bind(),
                    config.dnp3Port());
            if (config.dialInPort() > 0) {
                meters.add(Dnp3Meter.dial(
                                new InetSocketAddress(bind, config.dialInPort()),
                                config.dialInOutstation(),
                                config.master(),
                                Clock.systemUTC())
                        .run(config.tickMillis()));
                LOG.info(
                        "Grid-meter simulator: DNP3 outstation {} dials in to {}:{}",
                        config.dialInOutstation(),
                        config.bind(),
                        config.dialInPort());
            }
            if (config.sdm630Port() > 0) {
                meters.add(new Sdm630Meter(bind, config.sdm630Port()).run(config.tickMillis()));
                LOG.info("Grid-meter simulator: SDM630 on tcp://{}:{}/unit=1", config.bind(), config.sdm630Port());
            }
        } catch (IOException | RuntimeException e) {
            deactivate();
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        for (AutoCloseable m : meters) {
            try {
                m.close();
            } catch (Exception e) {
                LOG.warn("closing a simulated meter failed", e);
            }
        }
        meters.clear();
    }
}
