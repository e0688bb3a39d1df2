package org.urbis.core.internal.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.urbis.core.internal.inventory.InventoryFolder.DRIVERS;
import static org.urbis.core.internal.inventory.InventoryFolder.assertHasProblem;
import static org.urbis.core.internal.inventory.InventoryFolder.collection;
import static org.urbis.core.internal.inventory.InventoryFolder.light;
import static org.urbis.core.internal.inventory.InventoryFolder.list;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.EngineeringLimits;
import org.urbis.api.device.GeoLocation;
import org.urbis.api.device.Point;

class InventoryReaderTest {

    @TempDir
    Path dir;

    private InventoryReader.Result readSamples() throws URISyntaxException {
        Path samples = Path.of(getClass().getResource("/inventory/phan-thiet").toURI());
        return new InventoryReader().read(samples, DRIVERS);
    }

    @Test
    void readsTheSampleFolderInFileOrder() throws Exception {
        InventoryReader.Result result = readSamples();

        assertEquals(List.of(), result.problems(), () -> list(result));
        assertEquals(4, result.files());
        assertEquals(
                List.of(
                        "PK-PT-0101",
                        "PK-PT-0102",
                        "SL-PT-0001",
                        "SL-PT-0002",
                        "SL-PT-0003",
                        "WV-PT-001",
                        "WV-PT-002",
                        "WV-PT-003"),
                result.devices().stream().map(Device::id).toList());
    }

    @Test
    void readsAGeoJsonStreetlightWithItsProfile() throws Exception {
        Device light = device(readSamples(), "SL-PT-0001");

        assertEquals(DeviceClass.STREETLIGHT, light.deviceClass());
        assertEquals("streetlight-mqtt", light.driver());
        assertEquals("phanthiet/thd/0001", light.address());
        assertEquals(new GeoLocation(10.92984, 108.10052), light.location(), "GeoJSON is [lon, lat]");
        assertEquals(Map.of("street", "Trần Hưng Đạo", "zone", "Z1", "cabinet", "C-12"), light.tags());
        assertEquals(Duration.ofSeconds(30), light.pollInterval());
        assertEquals(Map.of(), light.options());
        assertEquals(List.of("on", "dim", "power", "energy", "lampFailure"), names(light));
        Point dim = light.point("dim").orElseThrow();
        assertEquals(
                Point.builder("dim", DataType.FLOAT)
                        .unit("%")
                        .access(Access.READ_WRITE)
                        .limits(new EngineeringLimits(0.0, 100.0, 20.0))
                        .deadband(1)
                        .address("dim")
                        .build(),
                dim);
        assertEquals(Access.READ, light.point("power").orElseThrow().access());
    }

    @Test
    void inlinePointsOverrideTheProfileInPlaceAndAddToIt() throws Exception {
        Device light = device(readSamples(), "SL-PT-0002");

        assertEquals(List.of("on", "dim", "power", "energy", "lampFailure", "tilt"), names(light));
        assertEquals(
                new EngineeringLimits(0.0, 80.0, 10.0),
                light.point("dim").orElseThrow().limits());
        assertEquals(Duration.ofMinutes(1), light.pollInterval());
        assertEquals(Map.of("qos", "1", "retain", "false"), light.options());
    }

    @Test
    void aNullGeometryMeansNoLocationAndClassIsCaseInsensitive() throws Exception {
        Device light = device(readSamples(), "SL-PT-0003");

        assertNull(light.location());
        assertEquals(DeviceClass.STREETLIGHT, light.deviceClass());
    }

    @Test
    void readsAnyJsonAsGeoJsonWithPropertiesIdAndAltitude() throws Exception {
        Device bay = device(readSamples(), "PK-PT-0101");

        assertEquals(DeviceClass.PARKING, bay.deviceClass());
        assertEquals(new GeoLocation(10.93305, 108.10712), bay.location());
        assertEquals(List.of("occupied", "battery"), names(bay));
        assertEquals(DataType.INTEGER, bay.point("battery").orElseThrow().type());
    }

    @Test
    void readsACsvValve() throws Exception {
        InventoryReader.Result result = readSamples();
        Device valve = device(result, "WV-PT-001");

        assertEquals(DeviceClass.WATER, valve.deviceClass());
        assertEquals("water-modbus", valve.driver());
        assertEquals("10.20.0.11:502", valve.address());
        assertEquals(new GeoLocation(10.93121, 108.09873), valve.location());
        assertEquals(Duration.ofSeconds(10), valve.pollInterval());
        assertEquals(Map.of("zone", "Z2", "dma", "DMA-3", "street", "Nguyễn Tất Thành"), valve.tags());
        assertEquals(Map.of("unitId", "1"), valve.options());
        Point position = valve.point("position").orElseThrow();
        assertTrue(position.selectBeforeOperate());
        assertEquals(Map.of("scale", "0.1"), position.options());

        Device second = device(result, "WV-PT-002");
        assertEquals("Lê Lợi, đoạn 2", second.tags().get("street"));
        assertEquals(Duration.ofSeconds(15), second.pollInterval());

        Device spare = device(result, "WV-PT-003");
        assertNull(spare.location(), "empty lat and lon cells");
        assertNull(spare.pollInterval());
        assertEquals(Map.of("zone", "Z2", "dma", "DMA-3"), spare.tags(), "empty cells are left out");
    }

    @Test
    void anEmptyFolderHoldsNoDevices() {
        InventoryReader.Result result = new InventoryReader().read(dir, DRIVERS);

        assertEquals(List.of(), result.devices());
        assertEquals(List.of(), result.problems());
        assertEquals(0, result.files());
    }

    @Test
    void skipsHiddenTemporaryAndForeignFiles() {
        String broken = "{ not json";
        new InventoryFolder(dir)
                .write("lights.geojson", collection(light("SL-1", "")))
                .write(".lights.geojson", broken)
                .write("lights.geojson~", broken)
                .write("lights.geojson.swp", broken)
                .write("lights.csv.tmp", broken)
                .write("download.csv.part", broken)
                .write("README.txt", broken)
                .write("map.kml", broken);

        InventoryReader.Result result = new InventoryReader().read(dir, DRIVERS);

        assertEquals(List.of(), result.problems(), () -> list(result));
        assertEquals(1, result.files());
        assertEquals(1, result.devices().size());
    }

    @Test
    void doesNotReadSubfolders() throws IOException {
        Files.createDirectories(dir.resolve("old.geojson"));
        Files.createDirectories(dir.resolve("archive"));
        Files.writeString(dir.resolve("archive/lights.geojson"), "{ not json");

        InventoryReader.Result result = new InventoryReader().read(dir, DRIVERS);

        assertEquals(List.of(), result.devices());
        assertEquals(List.of(), result.problems());
        assertEquals(0, result.files());
    }

    @Test
    void aMissingFolderIsAProblem() {
        Path missing = dir.resolve("nowhere");

        InventoryReader.Result result = new InventoryReader().read(missing, DRIVERS);

        assertEquals(1, result.problems().size());
        InventoryFolder.assertProblem(result.problems().get(0), missing.toString(), "", "the folder cannot be read");
    }

    @Test
    void aFileThatCannotBeReadIsAProblemNamingTheError() throws IOException {
        // A dangling link is a file any user, root included, fails to read.
        Files.createSymbolicLink(dir.resolve("lights.geojson"), dir.resolve("moved-away.geojson"));

        new InventoryFolder(dir).onlyProblem("lights.geojson", "", "the file cannot be read: no such file");
    }

    @Test
    void reportsAllProblemsOfAllFilesTogether() {
        new InventoryFolder(dir)
                .write("a.profiles.json", "{\"profiles\": {\"p\": [{\"name\": \"x\", \"type\": \"DOUBLE\"}]}}")
                .write(
                        "b.geojson",
                        collection(
                                light("SL-1", "\"pollInterval\": \"soon\""),
                                InventoryFolder.feature("SL-2", "null", "\"class\": \"streetlight\"")))
                .write("c.csv", "id,class,driver,address\nWV-1,water,water-modbus\nSL-1,water,ftp,x\n")
                .write("d.json", "[]");

        InventoryReader.Result result = new InventoryReader().read(dir, DRIVERS);

        assertHasProblem(result, "a.profiles.json", "profile 'p', point 1 (x)", "unknown type 'DOUBLE'");
        assertHasProblem(result, "b.geojson", "feature 1 (SL-1)", "bad pollInterval 'soon'");
        assertHasProblem(result, "b.geojson", "feature 2 (SL-2)", "missing driver");
        assertHasProblem(result, "b.geojson", "feature 2 (SL-2)", "missing address");
        assertHasProblem(result, "c.csv", "line 2", "the row has 3 fields, the header has 4");
        assertHasProblem(result, "c.csv", "line 3", "duplicate id SL-1, first defined in b.geojson, feature 1 (SL-1)");
        assertHasProblem(result, "c.csv", "line 3", "driver 'ftp' is not known");
        assertHasProblem(result, "d.json", "", "the top level is an array, expected a GeoJSON FeatureCollection");
        assertEquals(8, result.problems().size(), () -> list(result));
        assertEquals(List.of(), result.devices());
        assertEquals(4, result.files());
    }

    @Test
    void aDuplicateIdAcrossFilesNamesBothPlaces() {
        new InventoryFolder(dir)
                .write("a.geojson", collection(light("SL-1", "")))
                .write("b.geojson", collection(light("SL-2", ""), light("SL-1", "")))
                .onlyProblem(
                        "b.geojson",
                        "feature 2 (SL-1)",
                        "duplicate id SL-1, first defined in a.geojson, feature 1 (SL-1)");
    }

    @Test
    void readsTenThousandGeoJsonDevices() throws URISyntaxException, IOException {
        Files.copy(
                Path.of(getClass()
                        .getResource("/inventory/phan-thiet/city.profiles.json")
                        .toURI()),
                dir.resolve("city.profiles.json"));
        List<String> features = new java.util.ArrayList<>();
        for (int i = 1; i <= 10_000; i++) {
            double lon = 108.05 + (i % 100) * 0.001;
            double lat = 10.90 + (i / 100) * 0.0006;
            features.add(InventoryFolder.feature(
                    String.format("SL-PT-%05d", i),
                    "{\"type\": \"Point\", \"coordinates\": [" + lon + ", " + lat + "]}",
                    InventoryFolder.LIGHT + ", \"profile\": \"luminaire\", \"pollInterval\": 60, "
                            + "\"tags\": {\"street\": \"S" + (i / 100) + "\", \"zone\": \"Z" + (i / 2500) + "\"}"));
        }
        new InventoryFolder(dir).write("city.geojson", collection(features.toArray(String[]::new)));

        InventoryReader.Result result = new InventoryReader().read(dir, DRIVERS);

        assertEquals(List.of(), result.problems(), () -> list(result));
        assertEquals(10_000, result.devices().size());
    }

    @Test
    void readsTenThousandCsvDevices() throws URISyntaxException, IOException {
        Files.copy(
                Path.of(getClass()
                        .getResource("/inventory/phan-thiet/city.profiles.json")
                        .toURI()),
                dir.resolve("city.profiles.json"));
        StringBuilder csv = new StringBuilder(
                "id,class,driver,address,lat,lon,profile,pollInterval,tag.street,tag.zone,opt.unitId\n");
        for (int i = 1; i <= 10_000; i++) {
            csv.append(String.format(
                    java.util.Locale.ROOT,
                    "WM-PT-%05d,water,water-modbus,10.20.%d.%d:502,%.5f,%.5f,valve,PT10S,S%d,Z%d,%d\n",
                    i,
                    i / 250,
                    i % 250,
                    10.90 + (i / 100) * 0.0006,
                    108.05 + (i % 100) * 0.001,
                    i / 100,
                    i / 2500,
                    1 + i % 247));
        }
        new InventoryFolder(dir).write("meters.csv", csv.toString());

        InventoryReader.Result result = new InventoryReader().read(dir, DRIVERS);

        assertEquals(List.of(), result.problems(), () -> list(result));
        assertEquals(10_000, result.devices().size());
    }

    private static Device device(InventoryReader.Result result, String id) {
        assertEquals(List.of(), result.problems(), () -> list(result));
        return result.devices().stream()
                .filter(d -> d.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> names(Device device) {
        return device.points().stream().map(Point::name).toList();
    }
}
