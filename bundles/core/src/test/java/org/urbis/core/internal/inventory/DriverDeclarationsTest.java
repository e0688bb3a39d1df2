package org.urbis.core.internal.inventory;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.device.Point;
import org.urbis.api.runtime.InventoryProblem;
import org.urbis.api.runtime.InventoryReport;
import org.urbis.core.internal.device.CoreSettings;
import org.urbis.core.internal.device.StandaloneDeviceRuntime;
import org.urbis.core.internal.event.EventBus;

/** Profiles and options that driver bundles declare: arriving, leaving, overridden by the inventory, checked. */
class DriverDeclarationsTest {

    private static final String VALVE = "{\"profiles\": {\"valve\": ["
            + "{\"name\": \"position\", \"type\": \"FLOAT\", \"unit\": \"%\", \"address\": \"ir:0\"},"
            + "{\"name\": \"setpoint\", \"type\": \"FLOAT\", \"access\": \"rw\", \"address\": \"hr:0\", \"options\": {\"scale\": \"0.1\"}}]}}";
    private static final String OPTIONS = "{\"driver\": \"water\","
            + " \"device\": [{\"name\": \"pressureHigh\", \"type\": \"FLOAT\"},"
            + "              {\"name\": \"unitId\", \"type\": \"INTEGER\", \"required\": true, \"description\": \"Modbus unit\"}],"
            + " \"point\": [{\"name\": \"scale\", \"type\": \"FLOAT\"}]}";

    @TempDir
    Path folder;

    @TempDir
    Path data;

    private final EventBus events = new EventBus();
    private final StandaloneDeviceRuntime devices = new StandaloneDeviceRuntime(
            events,
            new CoreSettings(
                    Duration.ofSeconds(10), 2, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(10), 3),
            Set.of("water"));
    private final DriverDeclarations declarations = new DriverDeclarations();
    private InventoryService inventory;

    @AfterEach
    void stop() {
        if (inventory != null) {
            inventory.deactivate();
        }
        devices.deactivate();
        events.close();
    }

    private static DriverDeclaration bundle(Map<String, String> files) {
        return DriverDeclaration.read(
                "urbis-driver-water 1.0.0",
                files.entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(
                                Map.Entry::getKey, e -> e.getValue().getBytes(UTF_8))));
    }

    private InventoryService start() throws IOException {
        return new InventoryService(
                devices.membership(),
                devices.alarms(),
                declarations,
                folder,
                data.resolve("last-good.zip"),
                Duration.ofMillis(50));
    }

    private List<String> points(String id) {
        return devices.snapshot(id).orElseThrow().device().points().stream()
                .map(Point::name)
                .toList();
    }

    private static boolean warns(InventoryReport report, String part) {
        return report.warnings().stream().anyMatch(w -> w.toString().contains(part));
    }

    @Test
    void aBundlesProfilesReachItsDevicesWhenItArrivesAndStayWhenItLeaves() throws IOException {
        new InventoryFolder(folder)
                .write(
                        "valves.csv",
                        "id,class,driver,address,profile\n"
                                + "WV-1,water,water,tcp://10.0.0.1/unit=1,valve\n"
                                + "WV-2,water,water,tcp://10.0.0.1/unit=2,\n");
        inventory = start();
        InventoryReport first = inventory.lastReport();
        assertTrue(first.applied(), first.problems().toString());
        assertEquals(List.of(), points("WV-1"), "no profile yet");
        assertTrue(
                warns(first, "profile 'valve' is not known until driver 'water' is installed"),
                first.warnings().toString());

        declarations.add(7, bundle(Map.of("URBIS-INF/profiles/water.profiles.json", VALVE)));
        assertEquals(List.of("position", "setpoint"), points("WV-1"), "the bundle's profile, applied at once");
        assertEquals(1, inventory.lastReport().updated(), "only the device using the profile changed");
        assertEquals(List.of(), inventory.lastReport().warnings());

        declarations.remove(7);
        assertTrue(
                inventory.lastReport().applied(),
                inventory.lastReport().problems().toString());
        assertEquals(
                List.of("position", "setpoint"), points("WV-1"), "kept while its driver is away, so its values stay");
        assertEquals(0, inventory.lastReport().updated());
        assertTrue(
                warns(inventory.lastReport(), "WV-1 keeps its 2 point(s) until then"),
                inventory.lastReport().warnings().toString());
    }

    @Test
    void aProfileThatLeftBeforeItsDriversServiceIsKeptToo() {
        declarations.add(7, bundle(Map.of("URBIS-INF/profiles/water.profiles.json", VALVE)));
        declarations.remove(7);
        List<Point> inForce = List.of(
                Point.builder("position", org.urbis.api.device.DataType.FLOAT).build());
        InventoryFolder files = new InventoryFolder(folder)
                .write("valves.csv", "id,class,driver,address,profile\nWV-1,water,water,tcp://a,valve\n");
        InventoryReader.Result result = new InventoryReader()
                .read(
                        files.dir,
                        new InventoryReader.Context(
                                Set.of("water"), Set.of("water"), declarations.current(), id -> Optional.of(inForce)));
        assertEquals(List.of(), result.problems());
        assertEquals(inForce, result.devices().get(0).points());
        declarations.add(8, bundle(Map.of("URBIS-INF/profiles/water.profiles.json", VALVE)));
        assertEquals(Set.of(), declarations.current().departed(), "back with a bundle");
    }

    @Test
    void aMisspeltProfileIsAProblemEvenWhileItsDriverIsAway() {
        declarations.add(7, bundle(Map.of("URBIS-INF/profiles/water.profiles.json", VALVE)));
        InventoryFolder files = new InventoryFolder(folder)
                .write("valves.csv", "id,class,driver,address,profile\nWV-1,water,water,tcp://a,valv\n");
        InventoryReader.Result result = new InventoryReader()
                .read(
                        files.dir,
                        new InventoryReader.Context(
                                Set.of("water"), Set.of(), declarations.current(), id -> Optional.empty()));
        assertEquals(1, result.problems().size(), result.problems().toString());
        InventoryFolder.assertProblem(
                result.problems().get(0), "valves.csv", "line 2", "unknown profile 'valv'; known profiles: valve");
    }

    @Test
    void anInventoryProfileOfTheSameNameWinsWithAWarning() throws IOException {
        declarations.add(7, bundle(Map.of("URBIS-INF/profiles/water.profiles.json", VALVE)));
        new InventoryFolder(folder)
                .write(
                        "site.profiles.json",
                        "{\"profiles\": {\"valve\": [{\"name\": \"open\", \"type\": \"BOOLEAN\"}]}}")
                .write("valves.csv", "id,class,driver,address,profile\nWV-1,water,water,tcp://10.0.0.1/unit=1,valve\n");
        inventory = start();
        InventoryReport report = inventory.lastReport();
        assertTrue(report.applied(), report.problems().toString());
        assertEquals(List.of("open"), points("WV-1"));
        assertEquals(
                List.of(
                        new InventoryProblem(
                                "site.profiles.json",
                                "profile 'valve'",
                                "profile 'valve' replaces the one driver bundle urbis-driver-water 1.0.0 declares: the inventory's wins")),
                report.warnings());
    }

    @Test
    void optionsAreCheckedAgainstTheDriversDeclaration() {
        declarations.add(
                7, bundle(Map.of("URBIS-INF/profiles/water.profiles.json", VALVE, "URBIS-INF/options.json", OPTIONS)));
        InventoryFolder files = new InventoryFolder(folder)
                .write(
                        "valves.csv",
                        "id,class,driver,address,profile,opt.unitId,opt.presureHigh,opt.pressureHigh,opt.colour\n"
                                + "WV-1,water,water,tcp://a,valve,1,9,,\n"
                                + "WV-2,water,water,tcp://a,valve,2,,high,\n"
                                + "WV-3,water,water,tcp://a,valve,,,8,\n"
                                + "WV-4,water,water,tcp://a,valve,4,,8,red\n");
        InventoryReader.Result result = new InventoryReader()
                .read(
                        files.dir,
                        new InventoryReader.Context(
                                Set.of("water"), Set.of("water"), declarations.current(), id -> Optional.empty()));
        assertEquals(3, result.problems().size(), result.problems().toString());
        InventoryFolder.assertProblem(
                result.problems().get(0),
                "valves.csv",
                "line 2",
                "device WV-1: unknown option 'presureHigh' of driver 'water'; did you mean 'pressureHigh'?");
        InventoryFolder.assertProblem(
                result.problems().get(1),
                "valves.csv",
                "line 3",
                "device WV-2: option 'pressureHigh' of driver 'water' must be a FLOAT, not 'high'");
        InventoryFolder.assertProblem(
                result.problems().get(2),
                "valves.csv",
                "line 4",
                "device WV-3: missing option 'unitId', which driver 'water' requires (Modbus unit)");
        assertEquals(1, result.warnings().size(), result.warnings().toString());
        assertTrue(result.warnings()
                .get(0)
                .message()
                .contains("device WV-4: option 'colour' is not one driver 'water' declares"));
    }

    @Test
    void aBundlesBrokenFileIsReportedAndItsGoodProfilesKept() {
        DriverDeclaration d = bundle(Map.of(
                "URBIS-INF/profiles/a.profiles.json",
                VALVE,
                "URBIS-INF/profiles/b.profiles.json",
                "{\"profiles\": {\"meter\": [{\"name\": \"kwh\", \"type\": \"DOUBLE\"}]}}",
                "URBIS-INF/options.json",
                "[]"));
        assertEquals(Set.of("valve", "meter"), d.profiles().keySet());
        assertEquals(2, d.problems().size(), d.problems().toString());
        assertTrue(
                d.problems().get(0).toString().startsWith("urbis-driver-water 1.0.0: URBIS-INF/options.json"),
                d.problems().toString());
        assertTrue(
                d.problems().get(1).toString().contains("unknown type 'DOUBLE'"),
                d.problems().toString());
        declarations.add(1, d);
        assertEquals(2, declarations.current().warnings().size(), "the inventory report shows them as warnings");
    }
}
