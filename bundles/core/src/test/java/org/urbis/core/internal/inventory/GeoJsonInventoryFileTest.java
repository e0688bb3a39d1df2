package org.urbis.core.internal.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.urbis.core.internal.inventory.InventoryFolder.HERE;
import static org.urbis.core.internal.inventory.InventoryFolder.LIGHT;
import static org.urbis.core.internal.inventory.InventoryFolder.assertHasProblem;
import static org.urbis.core.internal.inventory.InventoryFolder.collection;
import static org.urbis.core.internal.inventory.InventoryFolder.feature;
import static org.urbis.core.internal.inventory.InventoryFolder.light;
import static org.urbis.core.internal.inventory.InventoryFolder.list;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.urbis.api.device.Device;
import org.urbis.api.runtime.InventoryProblem;

class GeoJsonInventoryFileTest {

    @TempDir
    Path dir;

    private InventoryFolder folder;

    @BeforeEach
    void setUp() {
        folder = new InventoryFolder(dir);
    }

    private Device onlyDevice(String geojson) {
        InventoryReader.Result result = folder.write("lights.geojson", geojson).read();
        assertEquals(List.of(), result.problems(), () -> list(result));
        assertEquals(1, result.devices().size());
        return result.devices().get(0);
    }

    /** GeoJSON files with one fault each: the reader reports that one problem where it is, and no devices. */
    static Stream<Arguments> aFileWithOneFaultHasThatOneProblem() {
        return Stream.of(
                Arguments.of(
                        "malformedJsonIsReportedAtJacksonsLineAndColumn",
                        "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [}\n",
                        "line 3, column 16",
                        "malformed JSON: Unexpected close marker '}'"),
                Arguments.of(
                        "aKeyGivenTwiceIsMalformed",
                        "{\"type\": \"FeatureCollection\",\n \"type\": \"Feature\", \"features\": []}",
                        "line 2, column 8",
                        "Duplicate field 'type'"),
                Arguments.of("anEmptyFileIsAProblem", "", "", "the file is empty"),
                Arguments.of(
                        "theTopLevelMustBeAFeatureCollection",
                        light("SL-1", ""),
                        "",
                        "the top level is a Feature, expected a GeoJSON FeatureCollection"),
                Arguments.of(
                        "aFeatureCollectionNeedsFeatures",
                        "{\"type\": \"FeatureCollection\"}",
                        "",
                        "the FeatureCollection has no \"features\" array"),
                Arguments.of(
                        "aMissingIdIsAProblem",
                        collection(
                                light("SL-1", ""),
                                "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {" + LIGHT + "}}"),
                        "feature 2",
                        "missing id"),
                Arguments.of(
                        "anInvalidIdIsReportedWithTheDevicesOwnRule",
                        collection(light("SL 1", "")),
                        "feature 1 (SL 1)",
                        "device id 'SL 1' must be 1-128 letters, digits"),
                Arguments.of(
                        "theFeatureIdAndThePropertiesIdMustAgree",
                        collection(light("SL-1", "\"id\": \"SL-2\"")),
                        "feature 1 (SL-1)",
                        "the feature id 'SL-1' and properties.id 'SL-2' differ"),
                Arguments.of(
                        "aMissingClassIsAProblem",
                        collection(feature("SL-1", HERE, "\"driver\": \"streetlight-mqtt\", \"address\": \"node/1\"")),
                        "feature 1 (SL-1)",
                        "missing class"),
                Arguments.of(
                        "anInvalidClassIsAProblem",
                        collection(feature(
                                "SL-1",
                                HERE,
                                "\"class\": \"street light\", \"driver\": \"streetlight-mqtt\", \"address\": \"a\"")),
                        "feature 1 (SL-1)",
                        "invalid class: device class 'street light' must be lower-case letters"),
                Arguments.of(
                        "aMisspeltPropertyIsNamedWhilePropertiesOfItsOwnAreIgnored",
                        collection(light("SL-1", "\"profle\": \"luminaire\", \"name\": \"Tran Hung Dao 1\"")),
                        "feature 1 (SL-1)",
                        "property 'profle' is not one the platform reads; did you mean 'profile'?"),
                Arguments.of(
                        "aMissingDriverIsAProblem",
                        collection(feature("SL-1", HERE, "\"class\": \"streetlight\", \"address\": \"node/1\"")),
                        "feature 1 (SL-1)",
                        "missing driver"),
                Arguments.of(
                        "anUnknownDriverIsAProblemListingTheKnownOnes",
                        collection(feature(
                                "SL-1",
                                HERE,
                                "\"class\": \"streetlight\", \"driver\": \"dali\", \"address\": \"node/1\"")),
                        "feature 1 (SL-1)",
                        "driver 'dali' is not known; known drivers: parking-lorawan, streetlight-mqtt, water-modbus"),
                Arguments.of(
                        "aMissingOrBlankAddressIsAProblem",
                        collection(feature(
                                "SL-1",
                                HERE,
                                "\"class\": \"streetlight\", \"driver\": \"streetlight-mqtt\", \"address\": \" \"")),
                        "feature 1 (SL-1)",
                        "missing address"),
                Arguments.of(
                        "aDuplicateIdInTheSameFileNamesTheFirst",
                        collection(light("SL-1", ""), light("SL-2", ""), light("SL-1", "")),
                        "feature 3 (SL-1)",
                        "duplicate id SL-1, first defined in lights.geojson, feature 1 (SL-1)"),
                Arguments.of(
                        "theGeometryMustBeAPoint",
                        collection(feature(
                                "SL-1",
                                "{\"type\": \"LineString\", \"coordinates\": [[108.1, 10.9], [108.2, 10.9]]}",
                                LIGHT)),
                        "feature 1 (SL-1)",
                        "the geometry is a LineString, expected a Point or null"),
                Arguments.of(
                        "coordinatesOutOfRangeAreAProblemWithAHintWhenSwapped",
                        collection(
                                feature("SL-1", "{\"type\": \"Point\", \"coordinates\": [10.9298, 108.1005]}", LIGHT)),
                        "feature 1 (SL-1)",
                        "latitude 108.1005 is outside -90..90 (are latitude and longitude swapped?)"),
                Arguments.of(
                        "longitudeOutOfRangeIsAProblem",
                        collection(feature("SL-1", "{\"type\": \"Point\", \"coordinates\": [208.1, 10.9]}", LIGHT)),
                        "feature 1 (SL-1)",
                        "longitude 208.1 is outside -180..180"),
                Arguments.of(
                        "anUnknownProfileWithoutProfileFiles",
                        collection(light("SL-1", "\"profile\": \"luminaire\"")),
                        "feature 1 (SL-1)",
                        "unknown profile 'luminaire'; known profiles: none are defined"),
                Arguments.of(
                        "inlinePointProblemsNameTheFeatureAndThePoint",
                        collection(
                                light(
                                        "SL-1",
                                        "\"points\": [{\"name\": \"dim\", \"type\": \"FLOAT\"}, {\"name\": \"dim\", \"type\": \"FLOAT\"}]")),
                        "feature 1 (SL-1), point 2 (dim)",
                        "duplicate point name 'dim', first defined as point 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void aFileWithOneFaultHasThatOneProblem(String fault, String content, String location, String message) {
        folder.write("lights.geojson", content).onlyProblem("lights.geojson", location, message);
    }

    @Test
    void aTruncatedFileNamesWhereTheOpenArrayStarts() {
        InventoryProblem problem = folder.write("lights.geojson", "{\"type\": \"FeatureCollection\",\n \"features\": [")
                .onlyProblem(
                        "lights.geojson",
                        "line 2, column 15",
                        "malformed JSON: Unexpected end-of-input: expected close marker for Array (start marker at line 2, column 14)");
        assertFalse(problem.message().contains("Source"), problem.message());
    }

    @Test
    void anEmptyFeatureCollectionIsFine() {
        InventoryReader.Result result =
                folder.write("lights.geojson", collection()).read();

        assertEquals(List.of(), result.devices());
        assertEquals(List.of(), result.problems());
        assertEquals(1, result.files());
    }

    @Test
    void everyFeatureMustBeAFeature() {
        folder.write("lights.geojson", collection(light("SL-1", ""), HERE, "\"SL-3\""));

        InventoryReader.Result result = folder.read();

        assertHasProblem(result, "lights.geojson", "feature 2", "expected a GeoJSON Feature, found a Point");
        assertHasProblem(result, "lights.geojson", "feature 3", "expected a GeoJSON Feature, found a string");
        assertEquals(2, result.problems().size(), () -> list(result));
    }

    @Test
    void takesTheIdFromThePropertiesWhenTheFeatureHasNone() {
        Device device = onlyDevice(collection(
                "{\"type\": \"Feature\", \"geometry\": null, \"properties\": {\"id\": \"SL-9\", " + LIGHT + "}}"));

        assertEquals("SL-9", device.id());
    }

    @Test
    void takesANumericId() {
        Device device = onlyDevice(
                collection("{\"type\": \"Feature\", \"id\": 17, \"geometry\": null, \"properties\": {" + LIGHT + "}}"));

        assertEquals("17", device.id());
    }

    @Test
    void anUnknownDriverSaysSoWhenNoDriverIsKnown() {
        folder.write("lights.geojson", collection(light("SL-1", "")));

        InventoryReader.Result result = new InventoryReader().read(dir, java.util.Set.of());

        assertEquals(1, result.problems().size(), () -> list(result));
        InventoryFolder.assertProblem(
                result.problems().get(0),
                "lights.geojson",
                "feature 1 (SL-1)",
                "driver 'streetlight-mqtt' is not known; known drivers: none");
    }

    @Test
    void coordinatesOfTheWrongArityAreAProblem() {
        folder.write(
                "lights.geojson",
                collection(
                        feature("SL-1", "{\"type\": \"Point\", \"coordinates\": [108.1]}", LIGHT),
                        feature("SL-2", "{\"type\": \"Point\", \"coordinates\": [108.1, 10.9, 4, 1]}", LIGHT),
                        feature("SL-3", "{\"type\": \"Point\"}", LIGHT),
                        feature("SL-4", "{\"type\": \"Point\", \"coordinates\": [\"108.1\", 10.9]}", LIGHT)));

        InventoryReader.Result result = folder.read();

        assertHasProblem(
                result,
                "lights.geojson",
                "feature 1 (SL-1)",
                "Point coordinates must be [longitude, latitude], found 1 values");
        assertHasProblem(
                result,
                "lights.geojson",
                "feature 2 (SL-2)",
                "Point coordinates must be [longitude, latitude], found 4 values");
        assertHasProblem(result, "lights.geojson", "feature 3 (SL-3)", "the Point has no coordinates");
        assertHasProblem(
                result, "lights.geojson", "feature 4 (SL-4)", "Point coordinates must be numbers, found a string");
        assertEquals(4, result.problems().size(), () -> list(result));
    }

    @Test
    void anUnknownProfileIsAProblemListingTheKnownOnes() {
        folder.write("city.profiles.json", "{\"profiles\": {\"luminaire\": [], \"valve\": []}}")
                .write("lights.geojson", collection(light("SL-1", "\"profile\": \"luminair\"")))
                .onlyProblem(
                        "lights.geojson",
                        "feature 1 (SL-1)",
                        "unknown profile 'luminair'; known profiles: luminaire, valve");
    }

    @Test
    void pollIntervalIsSecondsOrAnIsoDuration() {
        assertEquals(
                Duration.ofMillis(2500),
                onlyDevice(collection(light("SL-1", "\"pollInterval\": 2.5"))).pollInterval());
        assertEquals(
                Duration.ofSeconds(10),
                onlyDevice(collection(light("SL-1", "\"pollInterval\": \"pt10s\"")))
                        .pollInterval());
        assertEquals(
                Duration.ofSeconds(90),
                onlyDevice(collection(light("SL-1", "\"pollInterval\": \"90\"")))
                        .pollInterval());
    }

    @Test
    void aBadPollIntervalIsAProblem() {
        folder.write(
                "lights.geojson",
                collection(
                        light("SL-1", "\"pollInterval\": \"10 seconds\""),
                        light("SL-2", "\"pollInterval\": 0"),
                        light("SL-3", "\"pollInterval\": \"-PT5S\""),
                        light("SL-4", "\"pollInterval\": true")));

        InventoryReader.Result result = folder.read();

        assertHasProblem(
                result,
                "lights.geojson",
                "feature 1 (SL-1)",
                "bad pollInterval '10 seconds': expected a number of seconds or an ISO-8601 duration such as PT10S");
        assertHasProblem(result, "lights.geojson", "feature 2 (SL-2)", "device 'SL-2' poll interval must be positive");
        assertHasProblem(result, "lights.geojson", "feature 3 (SL-3)", "device 'SL-3' poll interval must be positive");
        assertHasProblem(result, "lights.geojson", "feature 4 (SL-4)", "pollInterval must be a string, not a boolean");
        assertEquals(4, result.problems().size(), () -> list(result));
    }

    @Test
    void tagsAndOptionsTakeScalarsAsText() {
        Device device = onlyDevice(
                collection(
                        light(
                                "SL-1",
                                "\"tags\": {\"zone\": \"Z1\", \"phase\": 2, \"ward\": null}, \"options\": {\"qos\": 1, \"retain\": true}")));

        assertEquals(Map.of("zone", "Z1", "phase", "2"), device.tags());
        assertEquals(Map.of("qos", "1", "retain", "true"), device.options());
    }

    @Test
    void tagsMustBeAnObjectOfScalars() {
        folder.write(
                "lights.geojson",
                collection(
                        light("SL-1", "\"tags\": [\"Z1\"]"), light("SL-2", "\"options\": {\"tls\": {\"ca\": \"x\"}}")));

        InventoryReader.Result result = folder.read();

        assertHasProblem(result, "lights.geojson", "feature 1 (SL-1)", "tags must be an object, not an array");
        assertHasProblem(result, "lights.geojson", "feature 2 (SL-2)", "options.tls must be a string, not an object");
        assertEquals(2, result.problems().size(), () -> list(result));
    }

    @Test
    void reportsEveryProblemOfOneFeature() {
        folder.write(
                "lights.geojson",
                collection(feature(
                        "SL 1",
                        "{\"type\": \"Point\", \"coordinates\": [108.1, 95]}",
                        "\"class\": \"Street Light\", \"profile\": \"none\", \"pollInterval\": \"often\"")));

        InventoryReader.Result result = folder.read();

        String at = "feature 1 (SL 1)";
        assertHasProblem(result, "lights.geojson", at, "invalid class");
        assertHasProblem(result, "lights.geojson", at, "missing driver");
        assertHasProblem(result, "lights.geojson", at, "missing address");
        assertHasProblem(result, "lights.geojson", at, "latitude 95.0 is outside -90..90");
        assertHasProblem(result, "lights.geojson", at, "unknown profile 'none'");
        assertHasProblem(result, "lights.geojson", at, "bad pollInterval 'often'");
        assertHasProblem(result, "lights.geojson", at, "device id 'SL 1' must be");
        assertEquals(7, result.problems().size(), () -> list(result));
    }
}
