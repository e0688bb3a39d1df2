package org.urbis.core.internal.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.urbis.core.internal.inventory.InventoryFolder.assertHasProblem;
import static org.urbis.core.internal.inventory.InventoryFolder.collection;
import static org.urbis.core.internal.inventory.InventoryFolder.light;
import static org.urbis.core.internal.inventory.InventoryFolder.list;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.EngineeringLimits;
import org.urbis.api.device.Point;

/** Point definitions and the profile files that hold them. */
class PointDefinitionsTest {

    @TempDir
    Path dir;

    private InventoryFolder folder;

    @BeforeEach
    void setUp() {
        folder = new InventoryFolder(dir);
    }

    /** A profile file with one profile 'p' holding the given points (JSON objects). */
    private InventoryFolder profile(String... points) {
        return folder.write("city.profiles.json", "{\"profiles\": {\"p\": [\n" + String.join(",\n", points) + "\n]}}");
    }

    /** The points of a device using profile 'p', which must have no problems. */
    private List<Point> points(String... points) {
        profile(points).write("lights.geojson", collection(light("SL-1", "\"profile\": \"p\"")));
        InventoryReader.Result result = folder.read();
        assertEquals(List.of(), result.problems(), () -> list(result));
        return result.devices().get(0).points();
    }

    /** Points of profile 'p' with one fault each: the reader reports that one problem where it is, and no devices. */
    static Stream<Arguments> aPointWithOneFaultHasThatOneProblem() {
        return Stream.of(
                Arguments.of(
                        "minGreaterThanMaxIsAProblem",
                        "{\"name\": \"dim\", \"type\": \"FLOAT\", \"min\": 100, \"max\": 0}",
                        "profile 'p', point 1 (dim)",
                        "min 100.0 is greater than max 0.0"),
                Arguments.of(
                        "aNonPositiveMaxRateIsAProblem",
                        "{\"name\": \"dim\", \"type\": \"FLOAT\", \"maxRate\": 0}",
                        "profile 'p', point 1 (dim)",
                        "maxRate must be positive, not 0.0"),
                Arguments.of(
                        "aNegativeDeadbandIsAProblem",
                        "{\"name\": \"dim\", \"type\": \"FLOAT\", \"deadband\": -1}",
                        "profile 'p', point 1 (dim)",
                        "deadband of point 'dim' must be >= 0, not -1.0"),
                Arguments.of(
                        "limitsOnANonNumericPointAreAProblem",
                        "{\"name\": \"on\", \"type\": \"BOOLEAN\", \"max\": 1}",
                        "profile 'p', point 1 (on)",
                        "point 'on' of type BOOLEAN cannot have numeric limits"),
                Arguments.of(
                        "anUnknownTypeIsAProblem",
                        "{\"name\": \"dim\", \"type\": \"DOUBLE\"}",
                        "profile 'p', point 1 (dim)",
                        "unknown type 'DOUBLE'; expected one of BOOLEAN, INTEGER, FLOAT, STRING"),
                Arguments.of(
                        "aMissingTypeIsAProblem", "{\"name\": \"dim\"}", "profile 'p', point 1 (dim)", "missing type"),
                Arguments.of(
                        "anUnknownAccessIsAProblem",
                        "{\"name\": \"dim\", \"type\": \"FLOAT\", \"access\": \"readonly\"}",
                        "profile 'p', point 1 (dim)",
                        "unknown access 'readonly'; expected READ, WRITE or READ_WRITE (or r, w, rw)"),
                Arguments.of(
                        "aDuplicatePointNameIsAProblem",
                        "{\"name\": \"dim\", \"type\": \"FLOAT\"}, {\"name\": \"on\", \"type\": \"BOOLEAN\"},"
                                + " {\"name\": \"dim\", \"type\": \"INTEGER\"}",
                        "profile 'p', point 3 (dim)",
                        "duplicate point name 'dim', first defined as point 1"),
                Arguments.of(
                        "anUnparseableNumberIsAProblem",
                        "{\"name\": \"dim\", \"type\": \"FLOAT\", \"max\": \"ten\"}",
                        "profile 'p', point 1 (dim)",
                        "max 'ten' is not a number"),
                Arguments.of(
                        "aMisspelledKeyIsAProblem",
                        "{\"name\": \"dim\", \"type\": \"FLOAT\", \"deadBand\": 1}",
                        "profile 'p', point 1 (dim)",
                        "unknown key 'deadBand'; expected one of"),
                Arguments.of(
                        "selectBeforeOperateNeedsAWritablePoint",
                        "{\"name\": \"dim\", \"type\": \"FLOAT\", \"sbo\": true}",
                        "profile 'p', point 1 (dim)",
                        "point 'dim' is read-only and cannot require select-before-operate"),
                Arguments.of(
                        "sboMustBeABoolean",
                        "{\"name\": \"dim\", \"type\": \"FLOAT\", \"access\": \"rw\", \"sbo\": \"yes\"}",
                        "profile 'p', point 1 (dim)",
                        "sbo must be true or false, not a string"),
                Arguments.of(
                        "aPointMustBeAnObject",
                        "\"dim\"",
                        "profile 'p', point 1",
                        "a point must be an object, not a string"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void aPointWithOneFaultHasThatOneProblem(String fault, String content, String location, String message) {
        profile(content).onlyProblem("city.profiles.json", location, message);
    }

    @Test
    void readsEveryField() {
        Point point = points(
                        "{\"name\": \"position\", \"type\": \"float\", \"unit\": \"%\", \"access\": \"READ_WRITE\","
                                + " \"min\": 0, \"max\": 100, \"maxRate\": 5, \"deadband\": 0.5, \"address\": 40001, \"sbo\": true,"
                                + " \"options\": {\"scale\": 0.1, \"wordOrder\": \"big\"}}")
                .get(0);

        assertEquals(
                new Point(
                        "position",
                        DataType.FLOAT,
                        "%",
                        Access.READ_WRITE,
                        new EngineeringLimits(0.0, 100.0, 5.0),
                        0.5,
                        "40001",
                        true,
                        Map.of("scale", "0.1", "wordOrder", "big")),
                point);
    }

    @Test
    void defaultsToAReadOnlyPointWithoutLimits() {
        Point point =
                points("{\"name\": \"lampFailure\", \"type\": \"BOOLEAN\"}").get(0);

        assertEquals(Point.builder("lampFailure", DataType.BOOLEAN).build(), point);
    }

    @Test
    void accessIsCaseInsensitiveAndHasShortForms() {
        List<Point> points = points(
                "{\"name\": \"a\", \"type\": \"STRING\", \"access\": \"r\"}",
                "{\"name\": \"b\", \"type\": \"STRING\", \"access\": \"W\"}",
                "{\"name\": \"c\", \"type\": \"STRING\", \"access\": \"rw\"}",
                "{\"name\": \"d\", \"type\": \"STRING\", \"access\": \"read_write\"}",
                "{\"name\": \"e\", \"type\": \"STRING\", \"access\": \"Write\"}");

        assertEquals(
                List.of(Access.READ, Access.WRITE, Access.READ_WRITE, Access.READ_WRITE, Access.WRITE),
                points.stream().map(Point::access).toList());
    }

    @Test
    void aNumberInAStringIsAccepted() {
        assertEquals(
                new EngineeringLimits(null, 10.0, null),
                points("{\"name\": \"dim\", \"type\": \"FLOAT\", \"max\": \"10\"}")
                        .get(0)
                        .limits());
    }

    @Test
    void aMissingOrInvalidNameIsAProblem() {
        profile("{\"type\": \"FLOAT\"}", "{\"name\": \"2nd floor\", \"type\": \"FLOAT\"}");

        InventoryReader.Result result = folder.read();

        assertHasProblem(result, "city.profiles.json", "profile 'p', point 1", "missing name");
        assertHasProblem(
                result,
                "city.profiles.json",
                "profile 'p', point 2 (2nd floor)",
                "point name '2nd floor' must start with a letter");
        assertEquals(2, result.problems().size(), () -> list(result));
    }

    @Test
    void reportsEveryProblemOfOnePoint() {
        profile("{\"name\": \"dim\", \"type\": \"FLOAT\", \"access\": \"x\", \"min\": 5, \"max\": 1, \"unit\": [],"
                + " \"colour\": \"red\"}");

        InventoryReader.Result result = folder.read();

        String at = "profile 'p', point 1 (dim)";
        assertHasProblem(result, "city.profiles.json", at, "unknown key 'colour'");
        assertHasProblem(result, "city.profiles.json", at, "unknown access 'x'");
        assertHasProblem(result, "city.profiles.json", at, "unit must be a string, not an array");
        assertHasProblem(result, "city.profiles.json", at, "min 5.0 is greater than max 1.0");
        assertEquals(4, result.problems().size(), () -> list(result));
    }

    @Test
    void aProfileDefinedTwiceIsAProblemNamingBothFiles() {
        folder.write("a.profiles.json", "{\"profiles\": {\"luminaire\": []}}")
                .write("b.profiles.json", "{\"profiles\": {\"valve\": [], \"luminaire\": []}}")
                .onlyProblem(
                        "b.profiles.json",
                        "profile 'luminaire'",
                        "profile 'luminaire' is already defined in a.profiles.json");
    }

    @Test
    void aProfileDefinedTwiceInOneFileIsMalformed() {
        folder.write("a.profiles.json", "{\"profiles\": {\n\"luminaire\": [],\n\"luminaire\": []}}")
                .onlyProblem("a.profiles.json", "line 3, column 12", "Duplicate field 'luminaire'");
    }

    @Test
    void aProfileFileNeedsAProfilesObject() {
        folder.write("a.profiles.json", "{\"luminaire\": []}")
                .onlyProblem("a.profiles.json", "", "expected an object with a \"profiles\" object");
    }

    @Test
    void aProfileMustBeAnArray() {
        folder.write("a.profiles.json", "{\"profiles\": {\"luminaire\": {\"name\": \"dim\"}}}")
                .onlyProblem("a.profiles.json", "profile 'luminaire'", "points must be an array, not an object");
    }

    @Test
    void aBrokenProfileFileDoesNotMakeEveryDeviceNameAnUnknownProfile() {
        folder.write("a.profiles.json", "{\"profiles\": {\"luminaire\": [}}")
                .write(
                        "lights.geojson",
                        collection(
                                light("SL-1", "\"profile\": \"luminaire\""),
                                light("SL-2", "\"profile\": \"luminaire\"")));

        InventoryReader.Result result = folder.read();

        assertEquals(1, result.problems().size(), () -> list(result));
        assertEquals("a.profiles.json", result.problems().get(0).file());
    }

    @Test
    void aProfileWithABadPointStillCountsAsDefined() {
        profile("{\"name\": \"dim\", \"type\": \"DOUBLE\"}", "{\"name\": \"on\", \"type\": \"BOOLEAN\"}")
                .write("lights.geojson", collection(light("SL-1", "\"profile\": \"p\"")))
                .onlyProblem("city.profiles.json", "profile 'p', point 1 (dim)", "unknown type 'DOUBLE'");
    }

    @Test
    void profilesFromAnyProfileFileServeDevicesOfAnyFile() {
        folder.write(
                        "z.profiles.json",
                        "{\"profiles\": {\"luminaire\": [{\"name\": \"on\", \"type\": \"BOOLEAN\", \"access\": \"rw\"}]}}")
                .write("a.geojson", collection(light("SL-1", "\"profile\": \"luminaire\"")))
                .write(
                        "b.csv",
                        "id,class,driver,address,profile\nSL-2,streetlight,streetlight-mqtt,node/2,luminaire\n");

        InventoryReader.Result result = folder.read();

        assertEquals(List.of(), result.problems(), () -> list(result));
        assertTrue(result.devices().stream().allMatch(d -> d.point("on").isPresent()));
        assertEquals(3, result.files());
    }
}
