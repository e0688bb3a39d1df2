package org.urbis.dnp3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.urbis.dnp3.outstation.ControlHandler;
import org.urbis.dnp3.outstation.Outstation;
import org.urbis.dnp3.outstation.OutstationConfig;
import org.urbis.dnp3.support.Await;
import org.urbis.dnp3.support.Pcap;
import org.urbis.dnp3.support.Recorder;
import org.urbis.dnp3.support.Tap;

/**
 * Wireshark's DNP3 dissector, which nobody here wrote, decodes a whole session of this master and outstation:
 * every CRC good, nothing malformed, the objects and values as sent.
 */
class TsharkInteropTest {

    private static final Set<Quality> ONLINE = EnumSet.of(Quality.ONLINE);

    @TempDir
    Path dir;

    @BeforeAll
    static void tsharkInstalled() {
        assumeTrue(
                run(List.of("tshark", "--version")) != null,
                "tshark is not installed (Debian package tshark): the DNP3 interop check is skipped");
    }

    @ParameterizedTest
    @EnumSource(
            value = TimeSyncMode.class,
            names = {"LAN", "NON_LAN"})
    void wiresharkDecodesASessionWithoutErrors(TimeSyncMode timeSync) throws Exception {
        Path pcap = dir.resolve("session.pcap");
        Pcap.write(pcap, session(timeSync));

        String verbose = tshark(pcap, "-V");
        for (String bad : List.of("Malformed", "Status: Bad", "incorrect", "Expert Info (Error", "Expert Info (Warn")) {
            assertFalse(verbose.contains(bad), "tshark reports " + bad + ":\n" + excerpt(verbose, bad));
        }
        assertEquals(
                "",
                tshark(pcap, "-Y", "tcp.len > 0 && !dnp3").strip(),
                "every segment is DNP3 (a frame with a bad header CRC is not recognised at all)");

        String fields = tshark(
                pcap,
                "-T",
                "fields",
                "-e",
                "dnp3.al.func",
                "-e",
                "dnp3.al.obj",
                "-e",
                "dnp3.al.ana.float",
                "-e",
                "dnp3.al.anaout.float",
                "-e",
                "dnp3.al.ctrlstatus",
                "-e",
                "dnp3.al.timestamp");
        Set<String> functions = column(fields, 0);
        String sync = timeSync == TimeSyncMode.LAN ? "24" : "23";
        for (String f : List.of("0", "1", "2", "3", "4", "5", "20", "21", sync, "129", "130")) {
            assertTrue(functions.contains(f), "function code " + f + " decoded: " + functions);
        }
        Set<String> objects = column(fields, 1);
        List<Integer> syncObjects = timeSync == TimeSyncMode.LAN ? List.of(0x3203) : List.of(0x3402, 0x3201);
        List<Integer> expected =
                new ArrayList<>(List.of(0x3C02, 0x3C01, 0x0C01, 0x2903, 0x2007, 0x1E05, 0x0202, 0x1401, 0x5001));
        expected.addAll(syncObjects);
        for (int object : expected) {
            assertTrue(
                    objects.contains(String.format("0x%04x", object)),
                    String.format("object g%dv%d decoded: %s", object >> 8, object & 0xFF, objects));
        }
        Set<String> floats = column(fields, 2);
        assertTrue(floats.contains("230.5"), "the analog event's value: " + floats);
        Set<String> outputs = column(fields, 3);
        assertTrue(outputs.contains("12.5"), "the analog output's value: " + outputs);
        assertEquals(Set.of("0"), column(fields, 4), "every control status SUCCESS");
        String times = String.join(" | ", column(fields, 5));
        assertTrue(
                times.contains("2026 10:00:00.000") && times.contains("2026 10:00:01.000"),
                "the events' timestamps: " + times);
    }

    private List<Tap.Chunk> session(TimeSyncMode timeSync) throws Exception {
        ControlHandler controls = new ControlHandler() {
            @Override
            public CommandStatus select(int index, Crob crob) {
                return CommandStatus.SUCCESS;
            }

            @Override
            public CommandStatus operate(int index, Crob crob) {
                return CommandStatus.SUCCESS;
            }

            @Override
            public CommandStatus operate(int index, AnalogOutput output) {
                return CommandStatus.SUCCESS;
            }
        };
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (Outstation outstation = Outstation.listen(
                        any, OutstationConfig.of(1024, 1).withNeedTimeAtStart(true), controls, Clock.systemUTC());
                Tap tap = new Tap(new InetSocketAddress(InetAddress.getLoopbackAddress(), outstation.port()));
                Dnp3Master master = Dnp3Master.create(1)) {
            outstation.define(PointType.BINARY_INPUT, 0, 1);
            outstation.define(PointType.COUNTER, 0, 3);
            outstation.define(PointType.ANALOG_INPUT, 0, 2);
            outstation.update(PointType.COUNTER, 0, 12345, ONLINE);
            Recorder recorder = new Recorder();
            Association association = master.connect(
                    tap.address(),
                    AssociationConfig.of(1, 1024)
                            .withPolls(Duration.ofHours(1), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO)
                            .withTimeSync(timeSync),
                    recorder);
            Await.until(
                    "online and synchronised",
                    () -> association.stats().state() == AssociationState.ONLINE
                            && !outstation.indications().contains(IinFlag.NEED_TIME));

            outstation.update(PointType.ANALOG_INPUT, 0, 230.5, ONLINE, Instant.parse("2026-12-01T10:00:00Z"));
            outstation.update(PointType.BINARY_INPUT, 0, 1, ONLINE, Instant.parse("2026-12-01T10:00:01Z"));
            Await.until(
                    "events reported",
                    () -> recorder.measurements().stream()
                                    .filter(Measurement::event)
                                    .count()
                            >= 2);
            assertEquals(
                    CommandStatus.SUCCESS,
                    association
                            .operate(2, Crob.latchOn(), CommandMode.SELECT_BEFORE_OPERATE)
                            .get(10, TimeUnit.SECONDS));
            assertEquals(
                    CommandStatus.SUCCESS,
                    association
                            .operate(1, AnalogOutput.float32(12.5f), CommandMode.DIRECT_OPERATE)
                            .get(10, TimeUnit.SECONDS));
            association.integrityPoll().get(10, TimeUnit.SECONDS);
            association.close();
            return tap.chunks();
        }
    }

    private static String tshark(Path pcap, String... options) {
        List<String> command = new ArrayList<>(
                List.of("tshark", "-r", pcap.toString(), "-d", "tcp.port==" + Pcap.OUTSTATION_PORT + ",dnp3"));
        command.addAll(Arrays.asList(options));
        String output = run(command);
        assertTrue(output != null, "tshark failed: " + command);
        return output;
    }

    private static Set<String> column(String fields, int column) {
        return fields.lines()
                .map(l -> l.split("\t", -1))
                .filter(c -> c.length > column)
                .flatMap(c -> Arrays.stream(c[column].split(",")))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }

    private static String excerpt(String text, String around) {
        int at = text.indexOf(around);
        return text.substring(Math.max(0, at - 1500), Math.min(text.length(), at + 300));
    }

    /** The command's output, or null when it cannot run or fails. */
    private static String run(List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("TZ", "UTC");
            Process p = builder.start();
            byte[] out = p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0
                    ? new String(out, StandardCharsets.UTF_8)
                    : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
