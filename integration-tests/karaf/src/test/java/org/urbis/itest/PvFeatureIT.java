package org.urbis.itest;

import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Value;

/**
 * The urbis-driver-pv and urbis-simulator-pv features install in the distribution from its own system
 * repository; an inverter and the transformer meter of the simulated feeder, named in the inventory with the
 * profiles the driver bundle declares, come ONLINE, the transformer exports at the simulator's sunny noon, and
 * an operator's power limit goes through the command pipeline to the inverter.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PvFeatureIT extends UrbisTestSupport {

    private static final String SIMULATOR_CFG = "org.urbis.simulator.pv.cfg";

    @Configuration
    public Option[] config() {
        return containerOptions(
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "port", freePort()),
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "inverters", "2"),
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "houses", "2"),
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "sunnyNoon", "true"),
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "tickMillis", "200"));
    }

    private static String device(String id, String cls, String port, int unit, String profile) {
        return "{\"type\": \"Feature\", \"id\": \"" + id + "\", \"geometry\": {\"type\": \"Point\", \"coordinates\": "
                + "[108.1, 10.93]}, \"properties\": {\"class\": \"" + cls + "\", \"driver\": \"pv\", \"address\": "
                + "\"sunspec://127.0.0.1:" + port + "/unit=" + unit + "\", \"tags\": {\"feeder\": \"PT-F1\"}, "
                + "\"profile\": \"" + profile + "\", \"pollInterval\": 1}}";
    }

    private static double number(DeviceSnapshot s, String point) {
        Value v = s.values().get(point);
        return v != null && v.hasValue() ? ((Number) v.value()).doubleValue() : Double.NaN;
    }

    @Test
    public void theFeederComesOnlineExportsAndTakesAPowerLimit() throws Exception {
        awaitUrbisBundlesActive();
        service(FeaturesService.class)
                .installFeatures(
                        new LinkedHashSet<>(List.of("urbis-driver-pv", "urbis-simulator-pv")),
                        EnumSet.noneOf(FeaturesService.Option.class));
        // the configuration ran in the JVM that started the container: the port is read back from the file it wrote
        Properties simulator = new Properties();
        try (Reader in = Files.newBufferedReader(new File(System.getProperty("karaf.etc"), SIMULATOR_CFG).toPath())) {
            simulator.load(in);
        }
        String port = simulator.getProperty("port");
        File inventory = new File(System.getProperty("karaf.etc"), "urbis/inventory/pv-it.geojson");
        inventory.getParentFile().mkdirs();
        Files.writeString(
                inventory.toPath(),
                "{\"type\": \"FeatureCollection\", \"features\": ["
                        + device("PV-IT-01", "pv", port, 1, "pv-sunspec-inverter") + ", "
                        + device("GM-IT-TX", "gridmeter", port, 200, "gridmeter-sunspec") + "]}",
                StandardCharsets.UTF_8);

        DeviceRegistry registry = service(DeviceRegistry.class);
        await("PV-IT-01 producing and GM-IT-TX exporting", TIMEOUT, () -> {
            DeviceSnapshot inv = registry.snapshot("PV-IT-01").orElse(null);
            DeviceSnapshot tx = registry.snapshot("GM-IT-TX").orElse(null);
            if (inv == null || tx == null) {
                return "not in the inventory yet";
            }
            return inv.health().status() == HealthStatus.ONLINE
                            && tx.health().status() == HealthStatus.ONLINE
                            && number(inv, "acPower") > 1
                            && number(inv, "ratedPower") == 5.0
                            && number(tx, "activePower") < 0
                    ? null
                    : inv.health() + " " + inv.values() + " / " + tx.health() + " " + tx.values();
        });

        String out = runAs("otto", List.of("operator"), "urbis:command --reason export PV-IT-01 powerLimitPct 30");
        assertTrue(out, out.contains("CONFIRMED"));
        await(
                "PV-IT-01 curtailed to 30 % of 5 kW",
                TIMEOUT, () -> {
                    DeviceSnapshot inv = registry.snapshot("PV-IT-01").orElseThrow();
                    Value active = inv.values().get("powerLimitActive");
                    return active != null && Boolean.TRUE.equals(active.value()) && number(inv, "acPower") <= 1.5 + 1e-9
                            ? null
                            : inv.values().toString();
                });
    }
}
