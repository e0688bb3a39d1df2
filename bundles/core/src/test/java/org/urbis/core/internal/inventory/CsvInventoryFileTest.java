package org.urbis.core.internal.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.urbis.core.internal.inventory.InventoryFolder.assertHasProblem;
import static org.urbis.core.internal.inventory.InventoryFolder.list;

import java.io.IOException;
import java.nio.file.Files;
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
import org.urbis.api.device.DeviceClass;
import org.urbis.api.device.GeoLocation;

class CsvInventoryFileTest {

    private static final String HEADER = "id,class,driver,address,lat,lon\n";

    @TempDir
    Path dir;

    private InventoryFolder folder;

    @BeforeEach
    void setUp() {
        folder = new InventoryFolder(dir);
    }

    private List<Device> devices(String csv) {
        InventoryReader.Result result = folder.write("devices.csv", csv).read();
        assertEquals(List.of(), result.problems(), () -> list(result));
        return result.devices();
    }

    /** CSV files with one fault each: the reader reports that one problem where it is, and no devices. */
    static Stream<Arguments> aFileWithOneFaultHasThatOneProblem() {
        return Stream.of(
                Arguments.of(
                        "skipsCommentsBlankLinesAndRowsOfBareCommasButCountsTheirLines",
                        "# Phan Thiết valves\n\n" + HEADER
                                + "WV-1,water,water-modbus,a,10.93,108.10\n"
                                + "\n# the next one is broken\n"
                                + ",,,,,\n"
                                + "WV-2,water,water-modbus,,10.93,108.10\n",
                        "line 8",
                        "missing address"),
                Arguments.of(
                        "aQuotedValueOverSeveralLinesDoesNotShiftTheLineNumbers",
                        "id,class,driver,address,tag.note\n"
                                + "WV-1,water,water-modbus,a,\"first line\nsecond line\"\n"
                                + "WV-2,water,water-modbus,b,\"one\ntwo\nthree\"\n"
                                + "WV-3,water,,c,\n",
                        "line 7",
                        "missing driver"),
                Arguments.of(
                        "anEmptyFileHasNoHeader",
                        "# nothing yet\n\n",
                        "",
                        "no header row; the first line must name the columns, at least id,class,driver,address"),
                Arguments.of(
                        "aHeaderNamingAColumnTwiceIsAProblem",
                        "id,class,driver,address,id\nWV-1,water,water-modbus,a,WV-2\n",
                        "line 1",
                        "The header contains a duplicate name: \"id\""),
                Arguments.of(
                        "aLatColumnWithoutALonColumnIsAProblem",
                        "id,class,driver,address,lat\nWV-1,water,water-modbus,a,10.93\n",
                        "line 1",
                        "columns lat and lon go together; the header has only lat"),
                Arguments.of(
                        "anUnparseableCoordinateIsAProblem",
                        HEADER + "WV-1,water,water-modbus,a,\"10,93\",108.10\n",
                        "line 2",
                        "lat '10,93' is not a number"),
                Arguments.of(
                        "aCoordinateOutOfRangeIsAProblem",
                        HEADER + "WV-1,water,water-modbus,a,108.10,10.93\n",
                        "line 2",
                        "latitude 108.1 is outside -90..90 (are latitude and longitude swapped?)"),
                Arguments.of(
                        "aBadPollIntervalIsAProblem",
                        "id,class,driver,address,pollInterval\nWV-1,water,water-modbus,a,10s\n",
                        "line 2",
                        "bad pollInterval '10s'"),
                Arguments.of(
                        "anUnbalancedQuoteIsAProblemAtItsLine",
                        HEADER + "WV-1,water,water-modbus,a,10.93,108.10\nWV-2,water,\"water\"-modbus,b,,\n",
                        "line 3",
                        "malformed CSV: Invalid char between encapsulated token and delimiter"),
                Arguments.of(
                        "anUnclosedQuoteIsAProblemWhereTheQuoteOpens",
                        HEADER + "WV-1,water,water-modbus,\"a,10.93,108.10\nWV-2,water,water-modbus,b,,\n",
                        "line 2",
                        "malformed CSV: EOF reached before encapsulated token finished"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void aFileWithOneFaultHasThatOneProblem(String fault, String content, String location, String message) {
        folder.write("devices.csv", content).onlyProblem("devices.csv", location, message);
    }

    @Test
    void readsRowsWithTagsOptionsAndMixedCaseColumns() {
        Device device = devices(
                        "ID, Class ,Driver,Address,Lat,Lon,Profile,PollInterval,tag.Street,opt.unitId,remarks\n"
                                + " WV-1 , Water ,water-modbus, 10.20.0.11:502 , 10.9312 , 108.0987 ,,30,Lê Lợi,7,new in 2024\n")
                .get(0);

        assertEquals(
                new Device(
                        "WV-1",
                        DeviceClass.WATER,
                        "water-modbus",
                        "10.20.0.11:502",
                        new GeoLocation(10.9312, 108.0987),
                        Map.of("Street", "Lê Lợi"),
                        List.of(),
                        Duration.ofSeconds(30),
                        Map.of("unitId", "7")),
                device);
    }

    @Test
    void aMisspeltColumnIsNamedWhileColumnsOfItsOwnAreIgnored() {
        InventoryReader.Result result = folder.write(
                        "devices.csv",
                        "id,class,driver,address,prafile,tags.zone,notes\n"
                                + "WV-1,water,water-modbus,10.20.0.11:502,valve,Z1,new\n")
                .read();
        assertEquals(List.of(), result.devices());
        assertHasProblem(
                result,
                "devices.csv",
                "line 1",
                "column 'prafile' is not one the platform reads; did you mean 'profile'?");
        assertHasProblem(
                result,
                "devices.csv",
                "line 1",
                "column 'tags.zone' is not one the platform reads; did you mean 'tag.zone'?");
        assertEquals(2, result.problems().size(), () -> list(result));
    }

    @Test
    void locationColumnsAreOptional() {
        Device device = devices("id,class,driver,address\nWV-1,water,water-modbus,10.20.0.11:502\n")
                .get(0);

        assertNull(device.location());
    }

    @Test
    void readsAFileWithAByteOrderMarkAndWindowsLineEnds() throws IOException {
        Files.write(
                dir.resolve("devices.csv"),
                ("\uFEFFid,class,driver,address\r\nWV-1,water,water-modbus,a\r\nWV-2,water,water-modbus,b\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        InventoryReader.Result result = folder.read();

        assertEquals(List.of(), result.problems(), () -> list(result));
        assertEquals(
                List.of("WV-1", "WV-2"),
                result.devices().stream().map(Device::id).toList());
    }

    @Test
    void aMissingRequiredColumnIsAProblemAtTheHeader() {
        InventoryReader.Result result = folder.write("devices.csv", "# valves\nid,class,adress\nWV-1,water,a\n")
                .read();
        assertHasProblem(
                result,
                "devices.csv",
                "line 2",
                "missing required columns driver, address (the header has id, class, adress)");
        assertHasProblem(
                result,
                "devices.csv",
                "line 2",
                "column 'adress' is not one the platform reads; did you mean 'address'?");
        assertEquals(2, result.problems().size(), () -> list(result));
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsAProblem() {
        folder.write(
                "devices.csv",
                HEADER
                        + "WV-1,water,water-modbus,a,10.93,108.10\n"
                        + "WV-2,water,water-modbus,b,10.93\n"
                        + "WV-3,water,water-modbus,c,10.93,108.10,extra\n");

        InventoryReader.Result result = folder.read();

        assertHasProblem(result, "devices.csv", "line 3", "the row has 5 fields, the header has 6");
        assertHasProblem(result, "devices.csv", "line 4", "the row has 7 fields, the header has 6");
        assertEquals(2, result.problems().size(), () -> list(result));
    }

    @Test
    void latWithoutLonIsAProblem() {
        folder.write(
                "devices.csv", HEADER + "WV-1,water,water-modbus,a,10.93,\n" + "WV-2,water,water-modbus,b,,108.10\n");

        InventoryReader.Result result = folder.read();

        assertHasProblem(result, "devices.csv", "line 2", "lat without lon; give both or neither");
        assertHasProblem(result, "devices.csv", "line 3", "lon without lat; give both or neither");
        assertEquals(2, result.problems().size(), () -> list(result));
    }

    @Test
    void textThatIsNotUtf8IsAProblem() throws IOException {
        Files.write(
                dir.resolve("devices.csv"),
                "id,class,driver,address,tag.street\nWV-1,water,water-modbus,a,L\u00ea L\u1ee3i\n"
                        .getBytes(java.nio.charset.Charset.forName("windows-1258")));

        folder.onlyProblem("devices.csv", "", "not UTF-8 text");
    }

    @Test
    void rowsGetTheSameChecksAsFeatures() {
        folder.write(
                "devices.csv",
                "id,class,driver,address,profile\n"
                        + "WV 1,water,water-modbus,a,\n"
                        + "WV-2,,water-modbus,b,\n"
                        + "WV-3,water,modbus,c,\n"
                        + ",water,water-modbus,d,\n"
                        + "WV-5,water,water-modbus,e,valve\n"
                        + "WV-2,water,water-modbus,f,\n");

        InventoryReader.Result result = folder.read();

        assertHasProblem(result, "devices.csv", "line 2", "device id 'WV 1' must be 1-128 letters");
        assertHasProblem(result, "devices.csv", "line 3", "missing class");
        assertHasProblem(
                result, "devices.csv", "line 4", "driver 'modbus' is not known; known drivers: parking-lorawan");
        assertHasProblem(result, "devices.csv", "line 5", "missing id");
        assertHasProblem(result, "devices.csv", "line 6", "unknown profile 'valve'");
        assertHasProblem(result, "devices.csv", "line 7", "duplicate id WV-2, first defined in devices.csv, line 3");
        assertEquals(6, result.problems().size(), () -> list(result));
    }
}
