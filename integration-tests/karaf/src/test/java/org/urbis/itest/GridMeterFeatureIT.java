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

/**
 * The urbis-driver-gridmeter and urbis-simulator-gridmeter features install in the distribution from its own
 * system repository, and a simulated DNP3 meter put in the inventory comes ONLINE with values; urbis:dnp3 shows
 * its association to a viewer.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GridMeterFeatureIT extends UrbisTestSupport {

    private static final String SIMULATOR_CFG = "org.urbis.simulator.gridmeter.cfg";

    @Configuration
    public Option[] config() {
        return containerOptions(
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "dnp3Port", freePort()),
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "dialInPort", "0"),
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "sdm630Port", "0"));
    }

    @Test
    public void aSimulatedDnp3MeterComesOnline() throws Exception {
        awaitUrbisBundlesActive();
        service(FeaturesService.class)
                .installFeatures(
                        new LinkedHashSet<>(List.of("urbis-driver-gridmeter", "urbis-simulator-gridmeter")),
                        EnumSet.noneOf(FeaturesService.Option.class));
        // the configuration ran in the JVM that started the container: the port is read back from the file it wrote
        Properties simulator = new Properties();
        try (Reader in = Files.newBufferedReader(new File(System.getProperty("karaf.etc"), SIMULATOR_CFG).toPath())) {
            simulator.load(in);
        }
        String port = simulator.getProperty("dnp3Port");
        File inventory = new File(System.getProperty("karaf.etc"), "urbis/inventory/gridmeter-it.geojson");
        inventory.getParentFile().mkdirs();
        Files.writeString(
                inventory.toPath(),
                "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
                        + "\"id\": \"GM-IT-01\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [108.1, 10.93]}, "
                        + "\"properties\": {\"class\": \"gridmeter\", \"driver\": \"gridmeter\", "
                        + "\"address\": \"dnp3://127.0.0.1:" + port + "?outstation=10&master=1\", \"points\": ["
                        + "{\"name\": \"voltageL1\", \"type\": \"FLOAT\", \"unit\": \"V\", \"address\": \"ai:0\"}, "
                        + "{\"name\": \"energyImport\", \"type\": \"FLOAT\", \"unit\": \"kWh\", \"address\": \"ctr:0\", "
                        + "\"options\": {\"scale\": \"0.001\"}}, "
                        + "{\"name\": \"breaker\", \"type\": \"BOOLEAN\", \"access\": \"rw\", \"sbo\": true, \"address\": \"bo:0\"}]}}]}",
                StandardCharsets.UTF_8);

        DeviceRegistry registry = service(DeviceRegistry.class);
        await("GM-IT-01 ONLINE with a voltage and a breaker status", TIMEOUT, () -> {
            DeviceSnapshot s = registry.snapshot("GM-IT-01").orElse(null);
            if (s == null) {
                return "not in the inventory yet";
            }
            return s.health().status() == HealthStatus.ONLINE
                            && s.values().containsKey("voltageL1")
                            && s.values().containsKey("breaker")
                    ? null
                    : s.health() + " " + s.values();
        });
        String out = runAs("vera", List.of("viewer"), "urbis:dnp3");
        assertTrue(out, out.contains("GM-IT-01") && out.contains("ONLINE") && out.contains("1 association(s)"));
    }
}
