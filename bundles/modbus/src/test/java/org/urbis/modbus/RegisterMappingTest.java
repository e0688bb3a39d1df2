package org.urbis.modbus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegisterMappingTest {

    @Test
    void parsesTablePrefixesHexAndModiconReferences() {
        assertEquals(
                new RegisterMapping(Table.HOLDING_REGISTER, 0, RegisterType.UINT16, WordOrder.ABCD, -1, false, 1, 0),
                RegisterMapping.parse("40001", Map.of()));
        assertEquals(
                Table.INPUT_REGISTER, RegisterMapping.parse("30001", Map.of()).table());
        assertEquals(
                0x48,
                RegisterMapping.parse("ir:0x48", Map.of("type", "float32")).address());
        assertEquals(
                Table.DISCRETE_INPUT, RegisterMapping.parse("10003", Map.of()).table());
        assertEquals(2, RegisterMapping.parse("10003", Map.of()).address());
        assertEquals(Table.COIL, RegisterMapping.parse("co:5", Map.of()).table());
        assertEquals(RegisterType.BOOL, RegisterMapping.parse("co:5", Map.of()).type());
        assertEquals(99, RegisterMapping.parse("400100", Map.of()).address());
    }

    @Test
    void refusesWhatMakesNoSense() {
        assertThrows(IllegalArgumentException.class, () -> RegisterMapping.parse("xx:1", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> RegisterMapping.parse("40000", Map.of()));
        assertThrows(
                IllegalArgumentException.class, () -> RegisterMapping.parse("hr:65535", Map.of("type", "float32")));
        assertThrows(IllegalArgumentException.class, () -> RegisterMapping.parse("co:1", Map.of("type", "int16")));
        assertThrows(IllegalArgumentException.class, () -> RegisterMapping.parse("hr:1", Map.of("type", "real")));
        assertThrows(IllegalArgumentException.class, () -> RegisterMapping.parse("hr:1", Map.of("order", "ACBD")));
        assertThrows(IllegalArgumentException.class, () -> RegisterMapping.parse("hr:1", Map.of("scale", "0")));
        assertThrows(IllegalArgumentException.class, () -> RegisterMapping.parse("hr:1", Map.of("rawMin", "4000")));
        assertThrows(
                IllegalArgumentException.class,
                () -> RegisterMapping.parse(
                        "hr:1", Map.of("scale", "2", "rawMin", "1", "rawMax", "2", "engMin", "0", "engMax", "1")));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RegisterMapping.parse("hr:1", Map.of("scael", "2")));
        assertTrue(e.getMessage().contains("scael"), e.getMessage());
    }

    @Test
    void fourToTwentyMilliampsBecomeBar() {
        RegisterMapping m = RegisterMapping.parse(
                "ir:1", Map.of("rawMin", "4000", "rawMax", "20000", "engMin", "0", "engMax", "10"));
        assertEquals(0.0, m.decode(new int[] {4000}, 0), 1e-9);
        assertEquals(5.0, m.decode(new int[] {12000}, 0), 1e-9);
        assertEquals(10.0, m.decode(new int[] {20000}, 0), 1e-9);
        assertArrayEquals(new int[] {12000}, m.encode(5.0));
    }

    @Test
    void invertFlipsBitsOnlyAndSaysWhatIsWrong() {
        RegisterMapping coil = RegisterMapping.parse("co:3", Map.of("invert", "true"));
        assertTrue(coil.invert());
        assertEquals(false, coil.sense(true));
        assertEquals(true, coil.sense(false));
        assertEquals(
                false, RegisterMapping.parse("di:0", Map.of("invert", "false")).invert());
        RegisterMapping bit = RegisterMapping.parse("hr:7", Map.of("bit", "2", "invert", "TRUE"));
        assertEquals(true, bit.decodeBit(new int[] {0b011}, 0));
        assertEquals(false, bit.decodeBit(new int[] {0b100}, 0));
        IllegalArgumentException notABit = assertThrows(
                IllegalArgumentException.class, () -> RegisterMapping.parse("hr:7", Map.of("invert", "true")));
        assertEquals(
                "option invert applies to bits (a coil, a discrete input or option bit), not to UINT16",
                notABit.getMessage());
        IllegalArgumentException yes = assertThrows(
                IllegalArgumentException.class, () -> RegisterMapping.parse("co:3", Map.of("invert", "yes")));
        assertEquals("option invert: 'yes' is neither true nor false", yes.getMessage());
    }

    @Test
    void valuesKeepTheDigitsOfTheirSource() {
        RegisterMapping f = RegisterMapping.parse("ir:0", Map.of("type", "float32"));
        assertEquals(3.42, f.decode(f.encode(3.42), 0));
        assertEquals("3.42", Double.toString(f.decode(new int[] {0x405A, 0xE148}, 0)));
        assertEquals(-0.1, f.decode(f.encode(-0.1), 0));
        assertTrue(Double.isNaN(f.decode(new int[] {0x7FC0, 0}, 0)));
        RegisterMapping tenths = RegisterMapping.parse("ir:0", Map.of("type", "float32", "scale", "0.1"));
        assertEquals(3.42, tenths.decode(tenths.encode(3.42), 0));
        assertEquals(
                3.42, RegisterMapping.parse("hr:0", Map.of("scale", "0.01")).decode(new int[] {342}, 0));
        assertEquals(
                -1.7,
                RegisterMapping.parse("hr:0", Map.of("type", "int16", "scale", "0.1", "offset", "0.3"))
                        .decode(new int[] {0xFFEC}, 0));
    }

    @Test
    void encodesAndDecodesEveryTypeInEveryOrder() {
        for (WordOrder order : WordOrder.values()) {
            for (RegisterType type : List.of(
                    RegisterType.INT16,
                    RegisterType.UINT16,
                    RegisterType.INT32,
                    RegisterType.UINT32,
                    RegisterType.FLOAT32)) {
                RegisterMapping m = new RegisterMapping(Table.HOLDING_REGISTER, 0, type, order, -1, false, 0.5, 10);
                double v = type == RegisterType.UINT16 || type == RegisterType.UINT32 ? 1234.5 : -1234.5;
                assertEquals(v, m.decode(m.encode(v), 0), 1e-3, type + " " + order);
            }
        }
        RegisterMapping cdab =
                new RegisterMapping(Table.INPUT_REGISTER, 0, RegisterType.UINT32, WordOrder.CDAB, -1, false, 1, 0);
        assertEquals(0x12345678L, (long) cdab.decode(new int[] {0x5678, 0x1234}, 0));
        RegisterMapping badc =
                new RegisterMapping(Table.INPUT_REGISTER, 0, RegisterType.UINT32, WordOrder.BADC, -1, false, 1, 0);
        assertEquals(0x12345678L, (long) badc.decode(new int[] {0x3412, 0x7856}, 0));
        RegisterMapping dcba =
                new RegisterMapping(Table.INPUT_REGISTER, 0, RegisterType.UINT32, WordOrder.DCBA, -1, false, 1, 0);
        assertEquals(0x12345678L, (long) dcba.decode(new int[] {0x7856, 0x3412}, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new RegisterMapping(
                                Table.HOLDING_REGISTER, 0, RegisterType.UINT16, WordOrder.ABCD, -1, false, 1, 0)
                        .encode(70000));
    }

    @Test
    void plansBlocksWithinSpanAndGap() {
        ModbusSettings s = new ModbusSettings(
                ModbusSettings.DEFAULTS.timeout(), 0, ModbusSettings.DEFAULTS.retryBackoff(), 10, 2, 16);
        List<RegisterMapping> ms = List.of(
                RegisterMapping.parse("hr:0", Map.of()),
                RegisterMapping.parse("hr:1", Map.of("type", "float32")), // 1-2
                RegisterMapping.parse("hr:5", Map.of()), // gap 2: joins
                RegisterMapping.parse("hr:9", Map.of("type", "int32")), // 9-10: span 11 > 10: new block
                RegisterMapping.parse("ir:0", Map.of()),
                RegisterMapping.parse("hr:20", Map.of()), // gap 9: new block
                RegisterMapping.parse("co:0", Map.of()),
                RegisterMapping.parse("co:3", Map.of()));
        List<ReadBlock> blocks = BlockPlanner.plan(ms, s);
        assertEquals(
                List.of(
                        new ReadBlock(Table.COIL, 0, 4, List.of(6, 7)),
                        new ReadBlock(Table.INPUT_REGISTER, 0, 1, List.of(4)),
                        new ReadBlock(Table.HOLDING_REGISTER, 0, 6, List.of(0, 1, 2)),
                        new ReadBlock(Table.HOLDING_REGISTER, 9, 2, List.of(3)),
                        new ReadBlock(Table.HOLDING_REGISTER, 20, 1, List.of(5))),
                blocks);
    }
}
