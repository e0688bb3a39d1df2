package org.urbis.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.Access;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.simulator.water.Fault;
import org.urbis.simulator.water.WaterRtu;
import org.urbis.simulator.water.WaterSimulator;

/** The Modbus layer over real sockets against the simulated gateway. */
class ModbusDeviceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private WaterSimulator sim;
    private ModbusLinks links;
    private ModbusDevice device;

    @BeforeEach
    void start() throws Exception {
        sim = WaterSimulator.start(2);
        links = new ModbusLinks(new ModbusSettings(Duration.ofMillis(500), 0, Duration.ofMillis(20), 64, 8, 256));
        device = links.device(new ModbusEndpoint("127.0.0.1", sim.port(), 1));
    }

    @AfterEach
    void stop() {
        device.close();
        links.close();
        sim.close();
    }

    private static Point point(String name, DataType type, String address, Map<String, String> options) {
        return Point.builder(name, type).address(address).options(options).build();
    }

    private static Point number(String name, String address, String... options) {
        Map<String, String> o = new java.util.HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            o.put(options[i], options[i + 1]);
        }
        return point(name, DataType.FLOAT, address, o);
    }

    @Test
    void decodesEveryTypeAndWordOrderFromRealRegisters() throws Exception {
        WaterRtu rtu = sim.rtu(1);
        int bits = Float.floatToIntBits(-12.5f); // 0xC1480000
        int[][] layouts = {
            {0xC148, 0x0000}, // ABCD
            {0x0000, 0xC148}, // CDAB
            {0x48C1, 0x0000}, // BADC
            {0x0000, 0x48C1}, // DCBA
        };
        String[] orders = {"ABCD", "CDAB", "BADC", "DCBA"};
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            rtu.holding(100 + 2 * i, layouts[i][0]);
            rtu.holding(101 + 2 * i, layouts[i][1]);
            points.add(number("f" + orders[i], "hr:" + (100 + 2 * i), "type", "float32", "order", orders[i]));
        }
        assertEquals(0xC1480000, bits);
        rtu.holding(110, 0x1234);
        rtu.holding(111, 0x5678); // uint32 ABCD 0x12345678, CDAB 0x56781234
        rtu.holding(112, 0xFFFE); // int16 -2, uint16 65534
        rtu.holding(113, 0xFFFF);
        rtu.holding(114, 0xFFFE); // int32 ABCD -2
        rtu.holding(115, 0x0105); // bit 0 and 2 set, 8 set
        points.add(number("u32", "hr:110", "type", "uint32"));
        points.add(number("u32cdab", "hr:110", "type", "uint32", "order", "CDAB"));
        points.add(number("i16", "hr:112", "type", "int16"));
        points.add(number("u16", "hr:112"));
        points.add(number("i16swapped", "hr:112", "type", "int16", "order", "BADC")); // 0xFEFF = -257
        points.add(number("i32", "hr:113", "type", "int32"));
        points.add(number("scaled", "hr:112", "type", "int16", "scale", "0.5", "offset", "100"));
        points.add(point("bit0", DataType.BOOLEAN, "hr:115", Map.of("bit", "0")));
        points.add(point("bit1", DataType.BOOLEAN, "hr:115", Map.of("bit", "1")));
        points.add(point("count", DataType.INTEGER, "hr:110", Map.of()));
        // the simulator's own process values
        points.add(number("position", "ir:0", "scale", "0.1"));
        points.add(number("pressure", "ir:1", "rawMin", "4000", "rawMax", "20000", "engMin", "0", "engMax", "10"));
        points.add(number("flow", "ir:2", "type", "float32", "order", "CDAB"));
        points.add(number("temperature", "ir:6", "type", "int16", "scale", "0.1"));
        points.add(number("supply", "ir:7", "type", "float32"));
        points.add(point("local", DataType.BOOLEAN, "di:0", Map.of()));
        points.add(point("open", DataType.BOOLEAN, "co:0", Map.of()));

        List<Value> values = device.read(points, TIMEOUT);
        Map<String, Object> v = new java.util.HashMap<>();
        for (Value value : values) {
            assertEquals(Quality.GOOD, value.quality(), value.toString());
            v.put(value.point(), value.value());
        }
        for (String o : orders) {
            assertEquals(-12.5, (Double) v.get("f" + o), 1e-9, o);
        }
        assertEquals((double) 0x12345678L, v.get("u32"));
        assertEquals((double) 0x56781234L, v.get("u32cdab"));
        assertEquals(-2.0, v.get("i16"));
        assertEquals(65534.0, v.get("u16"));
        assertEquals(-257.0, v.get("i16swapped"));
        assertEquals(-2.0, v.get("i32"));
        assertEquals(99.0, v.get("scaled"));
        assertEquals(true, v.get("bit0"));
        assertEquals(false, v.get("bit1"));
        assertEquals(0x1234L, v.get("count"));
        assertEquals(50.0, (Double) v.get("position"), 0.5);
        assertEquals(rtu.pressureBar(), (Double) v.get("pressure"), 0.05);
        assertEquals(200.0, (Double) v.get("flow"), 2);
        assertEquals(27.5, (Double) v.get("temperature"), 1e-9);
        assertEquals(6.0, (Double) v.get("supply"), 1e-6);
        assertEquals(false, v.get("local"));
        assertEquals(true, v.get("open"));
    }

    @Test
    void mergesAdjacentPointsIntoBlockReads() throws Exception {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            points.add(number("h" + i, "hr:" + (100 + i * 2))); // hr:100..138, holes of one register
        }
        for (int i = 0; i < 9; i++) {
            points.add(number("i" + i, "ir:" + i));
        }
        long before = sim.proxy().requests();
        List<Value> values = device.read(points, TIMEOUT);
        assertTrue(values.stream().allMatch(v -> v.quality() == Quality.GOOD), values.toString());
        assertEquals(2, sim.proxy().requests() - before, "one request for hr:100-138, one for ir:0-8");

        ModbusLinks narrow =
                new ModbusLinks(new ModbusSettings(Duration.ofMillis(500), 0, Duration.ofMillis(20), 10, 0, 8));
        try (ModbusDevice d = narrow.device(new ModbusEndpoint("127.0.0.1", sim.port(), 1))) {
            before = sim.proxy().requests();
            d.read(points, TIMEOUT);
            assertEquals(21, sim.proxy().requests() - before, "no holes allowed: 20 holding reads, one for ir:0-8");
        } finally {
            narrow.close();
        }
    }

    @Test
    void mapsEveryExceptionCodeToADeviceError() throws Exception {
        List<Point> points = List.of(number("position", "ir:0", "scale", "0.1"), number("sp", "hr:0", "scale", "0.1"));
        int[] codes = {1, 2, 3, 4, 6, 0x0B};
        String[] words = {
            "illegal function",
            "illegal data address",
            "illegal data value",
            "slave device failure",
            "slave device busy",
            "gateway target device failed to respond"
        };
        for (int i = 0; i < codes.length; i++) {
            sim.proxy().inject(Fault.exception(codes[i]), 1);
            List<Value> values = device.read(points, TIMEOUT);
            Value failed = values.stream()
                    .filter(v -> v.quality() == Quality.BAD)
                    .findFirst()
                    .orElseThrow();
            assertEquals(QualityReason.DEVICE_ERROR, failed.reason());
            assertTrue(failed.detail().contains("exception code " + codes[i] + " (" + words[i] + ")"), failed.detail());
            assertEquals(
                    1,
                    values.stream().filter(v -> v.quality() == Quality.GOOD).count(),
                    "the other block still reads: " + values);
        }
        // a real one from j2mod: a register the RTU does not have
        Value missing =
                device.read(List.of(number("nothing", "hr:500")), TIMEOUT).get(0);
        assertEquals(QualityReason.DEVICE_ERROR, missing.reason());
        assertTrue(missing.detail().contains("exception code 2 (illegal data address)"), missing.detail());
        assertTrue(missing.detail().contains("hr:500"), missing.detail());
    }

    @Test
    void busyIsRetriedWithBackoff() throws Exception {
        ModbusLinks retrying =
                new ModbusLinks(new ModbusSettings(Duration.ofMillis(500), 2, Duration.ofMillis(10), 64, 8, 256));
        try (ModbusDevice d = retrying.device(new ModbusEndpoint("127.0.0.1", sim.port(), 1))) {
            sim.proxy().inject(Fault.exception(6), 2);
            Value v = d.read(List.of(number("position", "ir:0")), TIMEOUT).get(0);
            assertEquals(Quality.GOOD, v.quality(), v.toString());
            assertEquals(3, retrying.requestCount());
        } finally {
            retrying.close();
        }
    }

    @Test
    void aSlowReplyTimesOutAndTheNextReadReconnects() throws Exception {
        List<Point> points = List.of(number("position", "ir:0"));
        assertEquals(Quality.GOOD, device.read(points, TIMEOUT).get(0).quality());
        sim.proxy().inject(Fault.delay(1500), 1);
        DriverException e = assertThrows(DriverException.class, () -> device.read(points, TIMEOUT));
        assertEquals(QualityReason.TIMEOUT, e.reason(), e.getMessage());
        assertEquals(Quality.GOOD, device.read(points, TIMEOUT).get(0).quality());
        assertEquals(2, sim.proxy().connectionsAccepted(), "the timed-out connection was replaced");
        // the caller's deadline is shorter than the reply timeout
        sim.proxy().inject(Fault.silence(), 1);
        long t0 = System.nanoTime();
        DriverException e2 = assertThrows(DriverException.class, () -> device.read(points, Duration.ofMillis(150)));
        assertEquals(QualityReason.TIMEOUT, e2.reason());
        assertTrue(System.nanoTime() - t0 < 450_000_000L, "the caller's 150 ms deadline bounds the wait");
    }

    @Test
    void aDroppedConnectionIsReopenedOnRetry() throws Exception {
        ModbusLinks retrying =
                new ModbusLinks(new ModbusSettings(Duration.ofMillis(500), 2, Duration.ofMillis(10), 64, 8, 256));
        try (ModbusDevice d = retrying.device(new ModbusEndpoint("127.0.0.1", sim.port(), 1))) {
            List<Point> points = List.of(number("position", "ir:0"));
            assertEquals(Quality.GOOD, d.read(points, TIMEOUT).get(0).quality());
            sim.proxy().dropConnections();
            assertEquals(Quality.GOOD, d.read(points, TIMEOUT).get(0).quality());
            sim.proxy().inject(Fault.drop(), 1);
            assertEquals(Quality.GOOD, d.read(points, TIMEOUT).get(0).quality());
            assertTrue(retrying.connects("127.0.0.1:" + sim.port()) >= 3, "reconnected twice");
            assertTrue(sim.proxy().connectionsAccepted() >= 3);
        } finally {
            retrying.close();
        }
        // with no retries left a dropped connection fails the read as COMM_ERROR
        sim.proxy().inject(Fault.drop(), 1);
        DriverException e =
                assertThrows(DriverException.class, () -> device.read(List.of(number("p", "ir:0")), TIMEOUT));
        assertEquals(QualityReason.COMM_ERROR, e.reason(), e.getMessage());
    }

    @Test
    void aGarbledReplyIsACommErrorAndResetsTheConnection() throws Exception {
        List<Point> points = List.of(number("position", "ir:0"), number("pressure", "ir:1"));
        assertEquals(Quality.GOOD, device.read(points, TIMEOUT).get(0).quality());
        sim.proxy().inject(Fault.garble(), 1);
        DriverException e = assertThrows(DriverException.class, () -> device.read(points, TIMEOUT));
        assertEquals(QualityReason.COMM_ERROR, e.reason(), e.getMessage());
        assertTrue(
                e.getMessage().contains("malformed reply") && e.getMessage().contains("2 data bytes where 4"),
                e.getMessage());
        assertTrue(e.getMessage().contains("connection reset"), e.getMessage());
        int accepted = sim.proxy().connectionsAccepted();
        assertEquals(Quality.GOOD, device.read(points, TIMEOUT).get(1).quality());
        assertEquals(accepted + 1, sim.proxy().connectionsAccepted());
    }

    @Test
    void unitsBehindOneGatewayShareOneConnection() throws Exception {
        try (ModbusDevice two = links.device(new ModbusEndpoint("127.0.0.1", sim.port(), 2))) {
            sim.rtu(2).holding(100, 7);
            sim.rtu(1).holding(100, 3);
            assertEquals(
                    3.0,
                    device.read(List.of(number("x", "hr:100")), TIMEOUT).get(0).value());
            assertEquals(
                    7.0,
                    two.read(List.of(number("x", "hr:100")), TIMEOUT).get(0).value());
            assertEquals(1, links.linkCount());
            assertEquals(1, sim.proxy().connectionsAccepted());
        }
    }

    @Test
    void writesRegistersAndCoils() throws Exception {
        Point setpoint = Point.builder("sp", DataType.FLOAT)
                .access(Access.READ_WRITE)
                .address("hr:0")
                .options(Map.of("scale", "0.1"))
                .build();
        Point wide = Point.builder("wide", DataType.FLOAT)
                .access(Access.READ_WRITE)
                .address("hr:120")
                .options(Map.of("type", "float32", "order", "CDAB"))
                .build();
        Point open = Point.builder("open", DataType.BOOLEAN)
                .access(Access.READ_WRITE)
                .address("co:0")
                .build();
        device.write(setpoint, 12.3, TIMEOUT);
        assertEquals(123, sim.rtu(1).holding(0));
        device.write(wide, 1.5, TIMEOUT);
        assertEquals(1.5, (Double) device.read(List.of(wide), TIMEOUT).get(0).value(), 1e-9);
        assertEquals(0, sim.rtu(1).holding(120));
        assertEquals(0x3FC0, sim.rtu(1).holding(121));
        device.write(open, true, TIMEOUT);
        assertEquals(1000, sim.rtu(1).holding(0));
        Point readOnly = Point.builder("p", DataType.FLOAT)
                .access(Access.READ_WRITE)
                .address("ir:0")
                .build();
        DriverException e = assertThrows(DriverException.class, () -> device.write(readOnly, 1.0, TIMEOUT));
        assertEquals(QualityReason.CONFIGURATION_ERROR, e.reason());
        assertEquals(
                List.of("point 'p' is writable but ir:0 is a read-only table"),
                ModbusDevice.validate(List.of(readOnly)));
    }

    @Test
    void anInvertedBitReadsAndWritesTheOtherWayRound() throws Exception {
        Map<String, String> inverted = Map.of("invert", "true");
        Point closed = Point.builder("closed", DataType.BOOLEAN)
                .access(Access.READ_WRITE)
                .address("co:0")
                .options(inverted)
                .build();
        Point remote = point("remote", DataType.BOOLEAN, "di:0", inverted);
        Point ready = point("ready", DataType.BOOLEAN, "hr:130", Map.of("bit", "3", "invert", "true"));
        sim.rtu(1).holding(130, 0b1000);
        sim.rtu(1).local(false);
        device.write(closed, false, TIMEOUT); // not closed: the coil "open" is set
        assertEquals(1000, sim.rtu(1).holding(0));
        List<Value> values = device.read(List.of(closed, remote, ready), TIMEOUT);
        assertEquals(
                List.of(false, true, false), values.stream().map(Value::value).toList());
        device.write(closed, true, TIMEOUT);
        assertEquals(0, sim.rtu(1).holding(0));
        assertEquals(true, device.read(List.of(closed), TIMEOUT).get(0).value());
    }

    @Test
    void aBadAddressIsAConfigurationErrorOfThatPointOnly() throws Exception {
        List<Value> values = device.read(List.of(number("ok", "ir:0"), number("bad", "zz:1")), TIMEOUT);
        assertEquals(Quality.GOOD, values.get(0).quality());
        assertEquals(QualityReason.CONFIGURATION_ERROR, values.get(1).reason());
    }

    @Test
    void aRefusedConnectionFailsTheWholeRead() throws Exception {
        int port = sim.port();
        sim.close();
        DriverException e =
                assertThrows(DriverException.class, () -> device.read(List.of(number("p", "ir:0")), TIMEOUT));
        assertEquals(QualityReason.COMM_ERROR, e.reason());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        sim = WaterSimulator.start(1);
    }
}
