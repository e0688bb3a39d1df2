package org.urbis.itest;

import static org.junit.Assert.assertEquals;
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
import org.urbis.api.irrigation.IrrigationPrograms;
import org.urbis.api.irrigation.ProgramPreview;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Quality;

/**
 * The urbis-driver-irrigation, urbis-driver-weather and urbis-simulator-irrigation features install
 * from the distribution's own system repository, and a park like the demo's (an OpenSprinkler
 * controller, a Modbus irrigation PLC and a weather station, with the profiles the driver bundles
 * bring) comes ONLINE with every point GOOD; the urbis-irrigation feature installs and takes a program file put
 * into etc/urbis/irrigation/, whose preview says why each zone waters as it does.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IrrigationFeatureIT extends UrbisTestSupport {

    private static final String SIMULATOR_CFG = "org.urbis.simulator.irrigation.cfg";

    @Configuration
    public Option[] config() {
        return containerOptions(
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "openSprinklerPort", freePort()),
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "plcPort", freePort()),
                editConfigurationFilePut("etc/" + SIMULATOR_CFG, "weatherPort", freePort()));
    }

    @Test
    public void aSimulatedParkComesOnline() throws Exception {
        awaitUrbisBundlesActive();
        service(FeaturesService.class)
                .installFeatures(
                        new LinkedHashSet<>(List.of(
                                "urbis-driver-irrigation", "urbis-driver-weather", "urbis-simulator-irrigation")),
                        EnumSet.noneOf(FeaturesService.Option.class));
        // the configuration ran in the JVM that started the container: the ports are read back from the file it wrote
        Properties simulator = new Properties();
        try (Reader in = Files.newBufferedReader(new File(System.getProperty("karaf.etc"), SIMULATOR_CFG).toPath())) {
            simulator.load(in);
        }
        File inventory = new File(System.getProperty("karaf.etc"), "urbis/inventory/irrigation-it.geojson");
        inventory.getParentFile().mkdirs();
        Files.writeString(
                inventory.toPath(),
                "{\"type\": \"FeatureCollection\", \"features\": ["
                        + feature(
                                "IR-IT-01",
                                "irrigation",
                                "opensprinkler://127.0.0.1:" + simulator.getProperty("openSprinklerPort"),
                                "irrigation-opensprinkler-6",
                                "\"zones\": \"6\", \"password\": \"opendoor\"")
                        + ", "
                        + feature(
                                "IR-IT-02",
                                "irrigation",
                                "tcp://127.0.0.1:" + simulator.getProperty("plcPort") + "/unit=1",
                                "irrigation-plc-4",
                                "\"zones\": \"4\"")
                        + ", "
                        + feature(
                                "WS-IT-01",
                                "weather",
                                "tcp://127.0.0.1:" + simulator.getProperty("weatherPort") + "/unit=1",
                                "weather-modbus",
                                "\"windHeight\": \"2\"")
                        + "]}",
                StandardCharsets.UTF_8);

        DeviceRegistry registry = service(DeviceRegistry.class);
        for (String id : List.of("IR-IT-01", "IR-IT-02", "WS-IT-01")) {
            await(id + " ONLINE with every point GOOD", TIMEOUT, () -> {
                DeviceSnapshot s = registry.snapshot(id).orElse(null);
                if (s == null) {
                    return "not in the inventory yet";
                }
                long readable = s.device().points().stream()
                        .filter(p -> p.access().readable())
                        .count();
                boolean good = s.values().size() == readable
                        && s.values().values().stream().allMatch(v -> v.quality() == Quality.GOOD);
                return s.health().status() == HealthStatus.ONLINE && readable > 0 && good
                        ? null
                        : s.health() + " " + s.values();
            });
        }
    }

    @Test
    public void aProgramFileIsLoadedAndPreviewed() throws Exception {
        awaitUrbisBundlesActive();
        service(FeaturesService.class)
                .installFeatures(
                        new LinkedHashSet<>(List.of("urbis-irrigation")), EnumSet.noneOf(FeaturesService.Option.class));
        File program = new File(System.getProperty("karaf.etc"), "urbis/irrigation/it-lawns.program.json");
        program.getParentFile().mkdirs();
        Files.writeString(
                program.toPath(),
                "{\"id\": \"it-lawns\", \"weather\": {\"station\": \"WS-IT-01\", \"latitude\": 10.93, "
                        + "\"climate\": {\"tmax\": 31, \"tmin\": 23}}, \"starts\": [\"22:00\"], \"days\": \"every\", "
                        + "\"window\": {\"from\": \"20:00\", \"to\": \"06:00\"}, \"zones\": [{\"controller\": \"IR-IT-09\", \"zone\": 1, "
                        + "\"name\": \"Lawn\", \"cropCoefficient\": 0.8, \"rootDepth\": 0.25, \"availableWater\": 80, "
                        + "\"precipitationRate\": 38}]}",
                StandardCharsets.UTF_8);
        IrrigationPrograms programs = service(IrrigationPrograms.class);
        await(
                "the program file in use",
                TIMEOUT,
                () -> programs.programs().stream().anyMatch(p -> p.id().equals("it-lawns"))
                        ? null
                        : "programs " + programs.programs());
        ProgramPreview preview =
                programs.preview("it-lawns", programs.today(), programs.today().plusDays(6));
        assertEquals(7, preview.days().size());
        assertEquals("live", preview.days().get(0).basis());
        // a site with no closed weather day yet waters from the program's first guess of ET0, and says so
        String notToday = preview.days().get(0).notWatering().get(0).why();
        assertTrue(
                notToday, notToday.contains("no day closed yet: ET0") && notToday.contains("first guess: Hargreaves"));
        ProgramPreview.Run run = preview.days().stream()
                .flatMap(d -> d.runs().stream())
                .findFirst()
                .orElseThrow(() -> new AssertionError("the lawn waters within the week: " + preview));
        assertEquals("IR-IT-09", run.controller());
        assertTrue(
                run.why(),
                run.why().contains("first guess: Hargreaves") && run.why().contains("refill"));
    }

    private static String feature(String id, String driver, String address, String profile, String options) {
        return "{\"type\": \"Feature\", \"id\": \"" + id + "\", \"geometry\": {\"type\": \"Point\", \"coordinates\": "
                + "[108.1033, 10.933]}, \"properties\": {\"class\": \"" + driver + "\", \"driver\": \"" + driver
                + "\", "
                + "\"address\": \"" + address + "\", \"tags\": {\"zone\": \"PT-Z1\", \"water-main\": \"WM-IT\"}, "
                + "\"profile\": \"" + profile + "\", \"pollInterval\": 2, \"options\": {" + options + "}}}";
    }
}
