package org.urbis.modbus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Point;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.Quality;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;
import org.urbis.simulator.water.Fault;
import org.urbis.simulator.water.WaterSimulator;

/**
 * Replies with random bits flipped, header included, over real sockets (seeded, bounded): every
 * read gives values of the points' types or fails as a communication, timeout or device error
 * with a message; nothing else escapes, nothing hangs, and once the noise stops the link reads
 * true values again. Modbus TCP has no checksum, so a flipped data bit can pass as a value: that
 * is what the types and limits checked further up are for.
 */
class ModbusNoiseTest {

    private static final int READS = 250;
    private static final Set<QualityReason> READ_FAILURES =
            EnumSet.of(QualityReason.COMM_ERROR, QualityReason.TIMEOUT, QualityReason.DEVICE_ERROR);

    @Test
    void noisyRepliesGiveTypedValuesOrAClearFailureAndTheLinkRecovers() throws Exception {
        try (WaterSimulator sim = WaterSimulator.start(1);
                ModbusLinks links = new ModbusLinks(
                        new ModbusSettings(Duration.ofMillis(150), 0, Duration.ofMillis(10), 64, 8, 256));
                ModbusDevice device = links.device(new ModbusEndpoint("127.0.0.1", sim.port(), 1))) {
            sim.rtu(1).holding(100, 0x4148); // float32 12.5
            sim.rtu(1).holding(101, 0x0000);
            sim.rtu(1).holding(102, 0xFFFE); // int16 -2
            List<Point> points = List.of(
                    Point.builder("f", DataType.FLOAT)
                            .address("hr:100")
                            .options(Map.of("type", "float32"))
                            .build(),
                    Point.builder("i", DataType.FLOAT)
                            .address("hr:102")
                            .options(Map.of("type", "int16"))
                            .build(),
                    Point.builder("n", DataType.INTEGER).address("hr:102").build(),
                    Point.builder("open", DataType.BOOLEAN).address("co:0").build());
            Duration timeout = Duration.ofMillis(200);
            int[] outcome = new int[2]; // read, failed
            sim.proxy().inject(Fault.corrupt(20261122), -1);
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                for (int i = 0; i < READS; i++) {
                    try {
                        List<Value> values = device.read(points, timeout);
                        assertEquals(points.size(), values.size());
                        for (Value v : values) {
                            if (v.quality() == Quality.GOOD) {
                                Point p = points.stream()
                                        .filter(x -> x.name().equals(v.point()))
                                        .findFirst()
                                        .orElseThrow();
                                assertEquals(p.type().coerce(v.value()), v.value(), v + " is not a " + p.type());
                            }
                        }
                        outcome[0]++;
                    } catch (DriverException e) {
                        assertTrue(READ_FAILURES.contains(e.reason()), e.reason() + ": " + e.getMessage());
                        assertFalse(e.getMessage().isBlank(), "a failure says what went wrong");
                        outcome[1]++;
                    }
                }
            });
            assertTrue(
                    outcome[0] > 0 && outcome[1] > 0,
                    "both outcomes seen: " + outcome[0] + " read, " + outcome[1] + " failed");

            sim.proxy().clearFaults();
            List<Value> clean;
            try {
                clean = device.read(points, timeout);
            } catch (DriverException leftover) {
                // the tail of the last noisy reply may still be in the socket: that read fails and resets the link
                clean = device.read(points, timeout);
            }
            assertEquals(12.5, clean.get(0).value());
            assertEquals(-2.0, clean.get(1).value());
            assertEquals(65534L, clean.get(2).value());
        }
    }
}
