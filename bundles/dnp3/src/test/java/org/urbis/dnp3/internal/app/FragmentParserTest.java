package org.urbis.dnp3.internal.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.urbis.dnp3.CommandStatus;
import org.urbis.dnp3.Crob;
import org.urbis.dnp3.IinFlag;
import org.urbis.dnp3.PointType;
import org.urbis.dnp3.Quality;
import org.urbis.dnp3.internal.Hex;

class FragmentParserTest {

    @Test
    void classZeroReadRequest() throws Exception {
        Fragment read = FragmentParser.parse(Hex.bytes("C0 01 3C 01 06"));
        assertEquals(AppControl.single(false, false, 0), read.control());
        assertEquals(FunctionCode.READ, read.function());
        ObjectBlock block = read.blocks().get(0);
        assertEquals(new ObjectHeader(60, 1, 0x06, 0, 0), block.header());
        assertEquals(ObjectType.G60V1, block.type());
    }

    @Test
    void responseHeaderAndAllSixteenIinBits() throws Exception {
        Fragment response = FragmentParser.parse(Hex.bytes("E3 81 96 0A"));
        assertEquals(new AppControl(true, true, true, false, 3), response.control());
        assertEquals(
                EnumSet.of(
                        IinFlag.CLASS_2_EVENTS,
                        IinFlag.NEED_TIME,
                        IinFlag.DEVICE_RESTART,
                        IinFlag.OBJECT_UNKNOWN,
                        IinFlag.EVENT_BUFFER_OVERFLOW,
                        IinFlag.CLASS_1_EVENTS),
                IinFlag.of(response.iin()));
        assertEquals(EnumSet.allOf(IinFlag.class), IinFlag.of(0xFFFF));
    }

    @Test
    void binaryInputsWithFlagsStartStop8() throws Exception {
        List<ObjectValue> values = only("C0 81 00 00 01 02 00 00 02 81 01 21").values();
        assertEquals(List.of(point(1, 0x81), point(0, 0x01), point(0, 0x21)), values);
        assertEquals(EnumSet.of(Quality.ONLINE, Quality.CHATTER), PointType.BINARY_INPUT.quality(0x21));
    }

    @Test
    void packedBinaryInputs() throws Exception {
        ObjectBlock block = only("C0 81 00 00 01 01 00 03 0C 05 02");
        assertEquals(10, block.values().size());
        assertEquals(List.of(3, 4, 5), block.indices().subList(0, 3));
        assertEquals(point(1, 0x81), block.values().get(0));
        assertEquals(point(0, 0x01), block.values().get(1));
        assertEquals(point(1, 0x81), block.values().get(2));
        assertEquals(point(1, 0x81), block.values().get(9));
    }

    @Test
    void packedDoubleBitInputs() throws Exception {
        ObjectBlock block = only("C0 81 00 00 03 01 00 00 03 E4");
        assertEquals(List.of(point(0, 0x01), point(1, 0x41), point(2, 0x81), point(3, 0xC1)), block.values());
    }

    @Test
    void binaryEventWithAbsoluteTime() throws Exception {
        ObjectBlock block = only("C0 81 00 00 02 02 17 01 05 81 E8 03 00 00 00 00");
        assertEquals(List.of(5), block.indices());
        assertEquals(new ObjectValue.Point(1, 0x81, 1000), block.values().get(0));
    }

    @Test
    void relativeTimeAddsThePrecedingCto() throws Exception {
        Fragment f = FragmentParser.parse(
                Hex.bytes("C0 82 00 00 33 01 07 01 00 10 00 00 00 00 02 03 17 02 01 01 0A 00 02 81 14 00"));
        assertEquals(FunctionCode.UNSOLICITED_RESPONSE, f.function());
        assertEquals(
                List.of(new ObjectValue.Point(0, 0x01, 4106), new ObjectValue.Point(1, 0x81, 4116)),
                f.blocks().get(1).values());
    }

    @Test
    void relativeTimeWithoutCtoIsAnError() {
        ObjectParseException e = assertThrows(
                ObjectParseException.class,
                () -> FragmentParser.parse(Hex.bytes("C0 81 00 00 04 03 17 01 01 41 0A 00")));
        assertTrue(e.getMessage().contains("g4v3 qualifier 0x17"), e.getMessage());
    }

    @Test
    void analogInputs32BitStartStop16() throws Exception {
        ObjectBlock block = only("C0 81 00 00 1E 01 01 00 00 01 00 01 0A 00 00 00 21 F6 FF FF FF");
        assertEquals(
                List.of(new ObjectValue.Point(10, 0x01, -1), new ObjectValue.Point(-10, 0x21, -1)), block.values());
        assertEquals(EnumSet.of(Quality.ONLINE, Quality.OVER_RANGE), PointType.ANALOG_INPUT.quality(0x21));
        assertEquals(EnumSet.of(Quality.ONLINE, Quality.ROLLOVER), PointType.COUNTER.quality(0x21));
    }

    @Test
    void floatAnalogEventWithTimeIndexed16() throws Exception {
        ObjectBlock block = only("C0 81 00 00 20 07 28 01 00 07 00 01 00 00 48 43 E8 03 00 00 00 00");
        assertEquals(List.of(7), block.indices());
        assertEquals(new ObjectValue.Point(200.0, 0x01, 1000), block.values().get(0));
    }

    @Test
    void countersWithoutFlagsAreOnline() throws Exception {
        ObjectBlock block = only("C0 81 00 00 14 06 00 00 00 FF FF");
        assertEquals(new ObjectValue.Point(65535, 0x01, -1), block.values().get(0));
    }

    @Test
    void crobWithStatus() throws Exception {
        ObjectBlock block = only("C0 81 00 00 0C 01 28 01 00 03 00 03 01 64 00 00 00 64 00 00 00 02");
        assertEquals(List.of(3), block.indices());
        assertEquals(
                new ObjectValue.Control(
                        new Crob(Crob.Operation.LATCH_ON, Crob.TripClose.NUL, false, 1, 100, 100),
                        CommandStatus.NO_SELECT),
                block.values().get(0));
    }

    @Test
    void analogOutputCommand() throws Exception {
        ObjectBlock block = only("C0 81 00 00 29 01 17 01 02 E8 03 00 00 00");
        assertEquals(
                new ObjectValue.AnalogCommand(1000, CommandStatus.SUCCESS),
                block.values().get(0));
    }

    @Test
    void timeDelayAndIinWrites() throws Exception {
        assertEquals(
                new ObjectValue.Delay(300),
                only("C0 81 00 00 34 02 07 01 2C 01").values().get(0));
        Fragment write = FragmentParser.parse(Hex.bytes("C1 02 32 01 07 01 E8 03 00 00 00 00"));
        assertEquals(new ObjectValue.Time(1000), write.blocks().get(0).values().get(0));
        Fragment clear = FragmentParser.parse(Hex.bytes("C2 02 50 01 00 07 07 00"));
        assertEquals(List.of(7), clear.blocks().get(0).indices());
        assertEquals(new ObjectValue.Bit(false), clear.blocks().get(0).values().get(0));
    }

    @Test
    void unknownObjectNamesGroupVariationAndQualifier() {
        assertError("C0 81 00 00 63 01 00 00 00 00", "g99v1 qualifier 0x00: unknown object");
        assertError("C0 81 00 00 1E 07 00 00 00 00", "g30v7 qualifier 0x00: unknown object");
    }

    @Test
    void unknownQualifierNamesIt() {
        assertError("C0 81 00 00 1E 01 5B 01 00", "g30v1 qualifier 0x5B: unknown qualifier");
        assertError("C0 81 00 00 1E 01 27 01 00", "g30v1 qualifier 0x27: unknown qualifier");
    }

    @Test
    void truncatedBackwardsAndMisqualifiedObjectsAreErrors() {
        assertError("C0 81 00 00 1E 01 00 00 01 01 0A 00 00 00", "g30v1 qualifier 0x00: the fragment ends");
        assertError("C0 81 00 00 1E 01 00 05 01", "g30v1 qualifier 0x00: range stop 1 before start 5");
        assertError("C0 81 00 00 01 01 17 01 00 01", "g1v1 qualifier 0x17: packed objects need a start-stop range");
        assertError("C0 81 00 00 1E 01 06", "g30v1 qualifier 0x06: qualifier 0x06 carries no objects");
        assertError("C0 81 00 00 0C 01 17 01 00 0A 01 00 00 00 00 00 00 00 00 00", "reserved codes");
        assertError("C0 81 00 00 1E", "an object header needs 3 bytes");
        assertError("C0 63", "unknown function code 99");
        assertError("C0 81 00", "has no IIN");
    }

    @Test
    void readRequestsMayNameAnyVariationAndIndexPrefixes() throws Exception {
        Fragment read = FragmentParser.parse(Hex.bytes("C0 01 1E 00 01 00 00 10 00 0A 00 17 02 03 09 3C 02 07 05"));
        assertEquals(new ObjectHeader(30, 0, 0x01, 0, 17), read.blocks().get(0).header());
        assertEquals(List.of(3, 9), read.blocks().get(1).indices());
        assertEquals(new ObjectHeader(60, 2, 0x07, 0, 5), read.blocks().get(2).header());
    }

    private static ObjectBlock only(String hex) throws ObjectParseException {
        List<ObjectBlock> blocks = FragmentParser.parse(Hex.bytes(hex)).blocks();
        assertEquals(1, blocks.size());
        return blocks.get(0);
    }

    private static ObjectValue.Point point(double value, int flags) {
        return new ObjectValue.Point(value, flags, ObjectValue.Point.NO_TIME);
    }

    private static void assertError(String hex, String message) {
        ObjectParseException e = assertThrows(ObjectParseException.class, () -> FragmentParser.parse(Hex.bytes(hex)));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
