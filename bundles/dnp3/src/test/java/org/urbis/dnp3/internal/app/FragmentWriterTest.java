package org.urbis.dnp3.internal.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.urbis.dnp3.CommandStatus;
import org.urbis.dnp3.Crob;
import org.urbis.dnp3.internal.Hex;

class FragmentWriterTest {

    @Test
    void integrityPollIsClass1230() {
        byte[] read = FragmentWriter.request(AppControl.single(false, false, 3), FunctionCode.READ)
                .all(60, 2)
                .all(60, 3)
                .all(60, 4)
                .all(60, 1)
                .toBytes();
        assertEquals("C3 01 3C 02 06 3C 03 06 3C 04 06 3C 01 06", Hex.of(read));
    }

    @Test
    void clearRestartWritesG80v1Index7() {
        byte[] write = FragmentWriter.request(AppControl.single(false, false, 2), FunctionCode.WRITE)
                .range(ObjectType.G80V1, 7, List.of(new ObjectValue.Bit(false)))
                .toBytes();
        assertEquals("C2 02 50 01 00 07 07 00", Hex.of(write));
    }

    @Test
    void crobWithTwoByteIndex() {
        byte[] select = FragmentWriter.request(AppControl.single(false, false, 0), FunctionCode.SELECT)
                .indexed(
                        ObjectType.G12V1,
                        List.of(300),
                        List.of(new ObjectValue.Control(Crob.pulse(Crob.TripClose.TRIP, 1000), CommandStatus.SUCCESS)))
                .toBytes();
        assertEquals("C0 03 0C 01 28 01 00 2C 01 81 01 E8 03 00 00 00 00 00 00 00", Hex.of(select));
    }

    @Test
    void timeWriteAndResponseWithIin() {
        byte[] write = FragmentWriter.request(AppControl.single(false, false, 1), FunctionCode.WRITE)
                .counted(ObjectType.G50V1, List.of(new ObjectValue.Time(0x0102030405L)))
                .toBytes();
        assertEquals("C1 02 32 01 07 01 05 04 03 02 01 00", Hex.of(write));
        byte[] response = FragmentWriter.response(AppControl.single(false, false, 1), FunctionCode.RESPONSE, 0x0290)
                .toBytes();
        assertEquals("C1 81 90 02", Hex.of(response));
    }

    @Test
    void relativeTimesAreWrittenAgainstTheCto() throws Exception {
        byte[] bytes = FragmentWriter.response(AppControl.single(true, true, 0), FunctionCode.UNSOLICITED_RESPONSE, 0)
                .counted(ObjectType.G51V1, List.of(new ObjectValue.Time(4096)))
                .indexed(ObjectType.G2V3, List.of(1), List.of(new ObjectValue.Point(1, 0x81, 4106)))
                .toBytes();
        assertEquals("F0 82 00 00 33 01 07 01 00 10 00 00 00 00 02 03 17 01 01 81 0A 00", Hex.of(bytes));
    }

    static Stream<Arguments> objectsAndQualifiers() {
        List<Arguments> cases = new ArrayList<>();
        for (ObjectType type : ObjectType.values()) {
            if (type.kind() == ObjectType.Kind.CLASS) {
                continue;
            }
            cases.add(Arguments.of(type, "range"));
            cases.add(Arguments.of(type, "range16"));
            if (!type.kind().packed()) {
                cases.add(Arguments.of(type, "indexed"));
                cases.add(Arguments.of(type, "indexed16"));
                cases.add(Arguments.of(type, "counted"));
            }
        }
        return cases.stream();
    }

    /** Every object with every qualifier it may use reads back as written. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("objectsAndQualifiers")
    void everyObjectAndQualifierRoundTrips(ObjectType type, String qualifier) throws Exception {
        Random random = new Random(type.ordinal() * 31L + qualifier.hashCode());
        List<ObjectValue> values = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            values.add(RandomObjects.value(type, random));
        }
        FragmentWriter writer = FragmentWriter.response(AppControl.single(false, false, 0), FunctionCode.RESPONSE, 0);
        if (type.relativeTime()) {
            writer.counted(ObjectType.G51V1, List.of(new ObjectValue.Time(RandomObjects.CTO)));
        }
        List<Integer> indices = switch (qualifier) {
            case "range" -> List.of(10, 11, 12, 13, 14);
            case "range16" -> List.of(1000, 1001, 1002, 1003, 1004);
            case "indexed" -> List.of(9, 3, 200, 0, 4);
            case "indexed16" -> List.of(9, 3, 2000, 0, 65535);
            default -> List.of(0, 1, 2, 3, 4);
        };
        switch (qualifier) {
            case "range", "range16" -> writer.range(type, indices.get(0), values);
            case "indexed", "indexed16" -> writer.indexed(type, indices, values);
            default -> writer.counted(type, values);
        }
        Fragment parsed = FragmentParser.parse(writer.toBytes());
        ObjectBlock block = parsed.blocks().get(parsed.blocks().size() - 1);
        assertEquals(type, block.type());
        assertEquals(indices, block.indices());
        assertEquals(values, block.values());
    }
}
