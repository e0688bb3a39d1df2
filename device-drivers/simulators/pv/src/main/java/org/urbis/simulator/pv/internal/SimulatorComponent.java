package org.urbis.simulator.pv.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.simulator.pv.PvFeeder;

/**
 * Runs the simulated PV feeder inside the runtime while configuration {@code org.urbis.simulator.pv}
 * exists; a change of {@code sunnyNoon} or {@code clockOffsetMinutes} applies without a restart.
 */
@Component(
        service = {},
        configurationPid = SimulatorConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SimulatorConfig.class)
public final class SimulatorComponent {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorComponent.class);
    private static final Pattern STATION = Pattern.compile("(?:tcp://)?([^:/]+):(\\d+)(?:/unit=(\\d+))?");

    private final PvFeeder feeder;

    @Activate
    public SimulatorComponent(SimulatorConfig config) throws IOException {
        PvFeeder.Builder b = PvFeeder.builder()
                .bind(InetAddress.getByName(config.bind()))
                .port(config.port())
                .inverters(config.inverters())
                .houses(config.houses())
                .tickMillis(config.tickMillis())
                .sunnyNoon(config.sunnyNoon())
                .clockOffset(Duration.ofMinutes(config.clockOffsetMinutes()));
        String station = config.weatherStation().trim();
        if (!station.isEmpty()) {
            Matcher m = STATION.matcher(station);
            if (!m.matches()) {
                throw new IllegalArgumentException("weatherStation '" + station + "' is not host:port/unit=N");
            }
            b.weatherStation(
                    m.group(1),
                    Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 1 : Integer.parseInt(m.group(3)),
                    5_000);
        }
        feeder = b.start();
        LOG.info(
                "PV feeder simulator on tcp://{}:{}: inverters at units 1-{}, house meters at units {}-{}, transformer "
                        + "meter at unit {}{}",
                config.bind(),
                feeder.port(),
                config.inverters(),
                PvFeeder.FIRST_HOUSE_UNIT,
                PvFeeder.FIRST_HOUSE_UNIT + config.houses() - 1,
                PvFeeder.TRANSFORMER_UNIT,
                config.sunnyNoon() ? " (held at a sunny noon)" : "");
    }

    @Modified
    void modified(SimulatorConfig config) {
        feeder.sunnyNoon(config.sunnyNoon());
        feeder.clockOffset(Duration.ofMinutes(config.clockOffsetMinutes()));
    }

    @Deactivate
    void deactivate() {
        feeder.close();
    }
}
