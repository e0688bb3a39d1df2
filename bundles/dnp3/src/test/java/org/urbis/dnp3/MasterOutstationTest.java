package org.urbis.dnp3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.urbis.dnp3.internal.app.Fragment;
import org.urbis.dnp3.internal.app.FunctionCode;
import org.urbis.dnp3.internal.link.LinkFunction;
import org.urbis.dnp3.outstation.ControlHandler;
import org.urbis.dnp3.outstation.Outstation;
import org.urbis.dnp3.outstation.OutstationConfig;
import org.urbis.dnp3.support.Await;
import org.urbis.dnp3.support.Recorder;
import org.urbis.dnp3.support.Tap;
import org.urbis.dnp3.support.Traffic;

/** The master against the outstation over loopback sockets, with a tap on the wire. */
class MasterOutstationTest {

    private static final int MASTER = 1;
    private static final int OUTSTATION = 1024;
    private static final Set<Quality> ONLINE = EnumSet.of(Quality.ONLINE);
    /** No periodic polls: what the master sends comes from the startup sequence, IIN bits and the test. */
    private static final AssociationConfig QUIET = AssociationConfig.of(MASTER, OUTSTATION)
            .withPolls(Duration.ofHours(1), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<String> operated = new CopyOnWriteArrayList<>();
    private Outstation outstation;
    private Tap tap;
    private final Recorder recorder = new Recorder();

    private final ControlHandler controls = new ControlHandler() {
        @Override
        public CommandStatus select(int index, Crob crob) {
            return index == 9 ? CommandStatus.LOCAL : CommandStatus.SUCCESS;
        }

        @Override
        public CommandStatus operate(int index, Crob crob) {
            operated.add("crob " + index + " " + crob.operation());
            return CommandStatus.SUCCESS;
        }

        @Override
        public CommandStatus select(int index, AnalogOutput output) {
            return CommandStatus.SUCCESS;
        }

        @Override
        public CommandStatus operate(int index, AnalogOutput output) {
            operated.add("ao " + index + " " + output.encoding() + " " + output.value());
            return output.value() > 1000 ? CommandStatus.OUT_OF_RANGE : CommandStatus.SUCCESS;
        }
    };

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        closing.add(c);
        return c;
    }

    private Association start(OutstationConfig outstationConfig, Clock outstationClock, AssociationConfig config)
            throws IOException {
        outstation = closing(Outstation.listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                outstationConfig,
                controls,
                outstationClock));
        outstation.define(PointType.BINARY_INPUT, 0, 1);
        outstation.define(PointType.DOUBLE_BIT_BINARY_INPUT, 1, 1);
        outstation.define(PointType.BINARY_OUTPUT_STATUS, 3, 0);
        outstation.define(PointType.COUNTER, 0, 3);
        outstation.define(PointType.FROZEN_COUNTER, 0, 3);
        outstation.define(PointType.ANALOG_OUTPUT_STATUS, 0, 0);
        for (int i = 0; i < 300; i++) {
            outstation.define(PointType.ANALOG_INPUT, i, 2);
            outstation.update(PointType.ANALOG_INPUT, i, i * 1.5, ONLINE);
        }
        outstation.update(PointType.BINARY_INPUT, 0, 1, ONLINE);
        outstation.update(PointType.DOUBLE_BIT_BINARY_INPUT, 1, 2, ONLINE);
        outstation.update(PointType.COUNTER, 0, 4_000_000_000L, ONLINE);
        tap = closing(new Tap(new InetSocketAddress(InetAddress.getLoopbackAddress(), outstation.port())));
        Dnp3Master master = closing(Dnp3Master.create(2));
        return closing(master.connect(tap.address(), config, recorder));
    }

    private Association startDefault(AssociationConfig config) throws IOException {
        return start(OutstationConfig.of(OUTSTATION, MASTER).withMaxFragmentSize(512), Clock.systemUTC(), config);
    }

    private static void awaitOnline(Association association) {
        Await.until("association online", () -> association.stats().state() == AssociationState.ONLINE);
    }

    private List<FunctionCode> requests() {
        return new Traffic(tap.chunks(), true)
                .fragments().stream().map(Fragment::function).toList();
    }

    @Test
    void startupDisablesUnsolicitedPollsIntegrityThenEnablesUnsolicitedAndClearsRestart() throws Exception {
        Association association = startDefault(QUIET);
        awaitOnline(association);

        List<FunctionCode> requests = requests();
        int disable = requests.indexOf(FunctionCode.DISABLE_UNSOLICITED);
        int read = requests.indexOf(FunctionCode.READ);
        int enable = requests.indexOf(FunctionCode.ENABLE_UNSOLICITED);
        assertTrue(disable == 0 && disable < read && read < enable, requests.toString());
        Fragment integrity = new Traffic(tap.chunks(), true).fragments().get(read);
        assertEquals(
                List.of(2, 3, 4, 1),
                integrity.blocks().stream().map(b -> b.header().variation()).toList());
        assertTrue(requests.contains(FunctionCode.WRITE), "restart cleared: " + requests);
        Await.until(
                "restart indication cleared", () -> !outstation.indications().contains(IinFlag.DEVICE_RESTART));
        assertTrue(association.stats().lastIntegrityPoll() != null);
    }

    @Test
    void integrityPollReportsEveryValueOverSeveralFragments() throws Exception {
        Association association = startDefault(QUIET);
        awaitOnline(association);

        Await.until(
                "all 300 analogs",
                () -> recorder.latest(PointType.ANALOG_INPUT, 299).isPresent());
        assertEquals(
                299 * 1.5,
                recorder.latest(PointType.ANALOG_INPUT, 299).orElseThrow().value());
        assertEquals(
                1.0, recorder.latest(PointType.BINARY_INPUT, 0).orElseThrow().value());
        assertEquals(
                2.0,
                recorder.latest(PointType.DOUBLE_BIT_BINARY_INPUT, 1)
                        .orElseThrow()
                        .value());
        assertEquals(
                4_000_000_000.0,
                recorder.latest(PointType.COUNTER, 0).orElseThrow().value());
        Measurement output = recorder.latest(PointType.BINARY_OUTPUT_STATUS, 3).orElseThrow();
        assertEquals(EnumSet.of(Quality.RESTART), output.quality());
        List<Fragment> responses = new Traffic(tap.chunks(), false).fragments();
        assertTrue(
                responses.stream()
                                .filter(f -> f.function() == FunctionCode.RESPONSE
                                        && !f.control().fin())
                                .count()
                        >= 2,
                "a multi-fragment response");
        long confirms = new Traffic(tap.chunks(), true)
                .fragments().stream()
                        .filter(f -> f.function() == FunctionCode.CONFIRM
                                && !f.control().uns())
                        .count();
        assertTrue(confirms >= 2, "each fragment asking for it is confirmed: " + confirms);
    }

    @Test
    void eventPollReportsTheOutstationsTimestamps() throws Exception {
        Association association = startDefault(QUIET.withUnsolicited(false)
                .withPolls(Duration.ofHours(1), Duration.ZERO, Duration.ofMillis(100), Duration.ZERO, Duration.ZERO));
        awaitOnline(association);
        Instant changed = Instant.parse("2026-01-02T03:04:05.678Z");

        outstation.update(PointType.BINARY_INPUT, 0, 0, ONLINE, changed);

        Measurement event = Await.until(
                "binary event", () -> recorder.latest(PointType.BINARY_INPUT, 0).orElseThrow(), m -> m.event());
        assertEquals(0.0, event.value());
        assertEquals(changed, event.outstationTime());
        assertTrue(requests().stream().noneMatch(f -> f == FunctionCode.ENABLE_UNSOLICITED));
    }

    @Test
    void unsolicitedEventsAreConfirmed() throws Exception {
        Association association = startDefault(QUIET);
        awaitOnline(association);
        Instant changed = Instant.parse("2026-03-04T05:06:07.089Z");

        outstation.update(PointType.ANALOG_INPUT, 7, 230.5, EnumSet.of(Quality.ONLINE, Quality.OVER_RANGE), changed);

        Measurement event = Await.until(
                "unsolicited analog event",
                () -> recorder.latest(PointType.ANALOG_INPUT, 7).orElseThrow(),
                Measurement::event);
        assertEquals(230.5, event.value());
        assertEquals(EnumSet.of(Quality.ONLINE, Quality.OVER_RANGE), event.quality());
        assertEquals(changed, event.outstationTime());
        Await.until("event confirmed and gone", () -> !outstation.indications().contains(IinFlag.CLASS_2_EVENTS));
        List<Fragment> fromMaster = new Traffic(tap.chunks(), true).fragments();
        assertTrue(fromMaster.stream()
                .anyMatch(
                        f -> f.function() == FunctionCode.CONFIRM && f.control().uns()));
        assertTrue(association.stats().unsolicitedReceived() >= 2, "the null unsolicited response and the event");
    }

    @Test
    void selectBeforeOperateOfACrobReportsTheStatus() throws Exception {
        Association association = startDefault(QUIET);
        awaitOnline(association);

        assertEquals(
                CommandStatus.SUCCESS,
                association
                        .operate(3, Crob.latchOn(), CommandMode.SELECT_BEFORE_OPERATE)
                        .get(10, TimeUnit.SECONDS));
        assertEquals(
                CommandStatus.LOCAL,
                association
                        .operate(9, Crob.latchOff(), CommandMode.SELECT_BEFORE_OPERATE)
                        .get(10, TimeUnit.SECONDS));

        assertEquals(List.of("crob 3 LATCH_ON"), operated);
        List<FunctionCode> requests = requests();
        int select = requests.indexOf(FunctionCode.SELECT);
        assertEquals(FunctionCode.OPERATE, requests.get(select + 1));
        assertEquals(1, requests.stream().filter(f -> f == FunctionCode.OPERATE).count(), "no OPERATE after LOCAL");
    }

    @Test
    void analogOutputsDirectAndSelectBeforeOperate() throws Exception {
        Association association = startDefault(QUIET);
        awaitOnline(association);

        assertEquals(
                CommandStatus.SUCCESS,
                association
                        .operate(0, AnalogOutput.float32(12.5f), CommandMode.DIRECT_OPERATE)
                        .get(10, TimeUnit.SECONDS));
        assertEquals(
                CommandStatus.SUCCESS,
                association
                        .operate(1, AnalogOutput.int32(-20), CommandMode.SELECT_BEFORE_OPERATE)
                        .get(10, TimeUnit.SECONDS));
        assertEquals(
                CommandStatus.OUT_OF_RANGE,
                association
                        .operate(
                                2,
                                new AnalogOutput(AnalogOutput.Encoding.DOUBLE64, 5000.25),
                                CommandMode.DIRECT_OPERATE)
                        .get(10, TimeUnit.SECONDS));

        assertEquals(List.of("ao 0 FLOAT32 12.5", "ao 1 INT32 -20.0", "ao 2 DOUBLE64 5000.25"), operated);
    }

    @ParameterizedTest
    @EnumSource(
            value = TimeSyncMode.class,
            names = {"LAN", "NON_LAN"})
    void needTimeIsAnsweredWithTimeSync(TimeSyncMode mode) throws Exception {
        Clock dayBehind = Clock.offset(Clock.systemUTC(), Duration.ofDays(-1));
        Association association = start(
                OutstationConfig.of(OUTSTATION, MASTER).withNeedTimeAtStart(true), dayBehind, QUIET.withTimeSync(mode));
        awaitOnline(association);

        Await.until("time synchronised", () -> !outstation.indications().contains(IinFlag.NEED_TIME));
        Duration error = Duration.between(Instant.now(), outstation.time()).abs();
        assertTrue(error.compareTo(Duration.ofMinutes(1)) < 0, "the outstation's clock is off by " + error);
        List<FunctionCode> requests = requests();
        assertTrue(
                requests.contains(
                        mode == TimeSyncMode.LAN ? FunctionCode.RECORD_CURRENT_TIME : FunctionCode.DELAY_MEASURE),
                requests.toString());
    }

    @Test
    void deviceRestartIsClearedAgainAfterARestart() throws Exception {
        Association association = startDefault(QUIET);
        awaitOnline(association);
        Await.until("restart cleared", () -> !outstation.indications().contains(IinFlag.DEVICE_RESTART));

        outstation.restart();

        Await.until(
                "restart seen and cleared again",
                () -> requests().stream().filter(f -> f == FunctionCode.WRITE).count() == 2
                        && !outstation.indications().contains(IinFlag.DEVICE_RESTART));
    }

    @Test
    void frameWithBadCrcIsDiscardedAndCounted() throws Exception {
        boolean[] corrupted = {false};
        // the outstation repeats its unconfirmed null unsolicited response soon
        OutstationConfig config = new OutstationConfig(
                OUTSTATION, MASTER, 2048, 100, true, Duration.ofMillis(200), Duration.ofSeconds(10), false);
        Association association = startWithTap(config, bytes -> {
            if (!corrupted[0] && bytes.length > 12) {
                corrupted[0] = true;
                bytes[11] ^= 0x40;
            }
            return bytes;
        });

        awaitOnline(association);
        Await.until("CRC error counted", () -> association.stats().crcErrors() == 1);
    }

    private Association startWithTap(OutstationConfig config, UnaryOperator<byte[]> rewrite) throws IOException {
        outstation = closing(Outstation.listen(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), config, controls, Clock.systemUTC()));
        tap = closing(new Tap(new InetSocketAddress(InetAddress.getLoopbackAddress(), outstation.port())));
        tap.rewriteFromOutstation(rewrite);
        Dnp3Master master = closing(Dnp3Master.create(1));
        return closing(master.connect(tap.address(), QUIET, recorder));
    }

    @Test
    void eventClassBitsInAnyResponseBringAnEventPoll() throws Exception {
        Association association = startDefault(QUIET.withUnsolicited(false));
        awaitOnline(association);
        outstation.update(PointType.COUNTER, 0, 17, ONLINE);

        association.timeSync().get(10, TimeUnit.SECONDS);

        Await.until(
                "class 3 polled",
                () -> recorder.latest(PointType.COUNTER, 0)
                        .map(Measurement::event)
                        .orElse(false));
        assertTrue(
                new Traffic(tap.chunks(), true)
                        .fragments().stream()
                                .anyMatch(f -> f.function() == FunctionCode.READ
                                        && f.blocks().size() == 1
                                        && f.blocks().get(0).header().variation() == 4),
                "READ g60v4");
    }

    @Test
    void eventBufferOverflowBringsAnIntegrityPoll() throws Exception {
        Association association = start(
                OutstationConfig.of(OUTSTATION, MASTER).withEventBufferSize(2),
                Clock.systemUTC(),
                QUIET.withUnsolicited(false));
        awaitOnline(association);
        for (int i = 0; i < 3; i++) {
            outstation.update(PointType.BINARY_INPUT, 0, i % 2, ONLINE);
        }

        association.timeSync().get(10, TimeUnit.SECONDS);

        Await.until(
                "a second integrity poll",
                () -> new Traffic(tap.chunks(), true)
                                .fragments().stream()
                                        .filter(f -> f.function() == FunctionCode.READ
                                                && f.blocks().size() == 4)
                                        .count()
                        == 2);
        Await.until("overflow gone", () -> !outstation.indications().contains(IinFlag.EVENT_BUFFER_OVERFLOW));
    }

    @Test
    void unansweredStartupIsRetriedWithBackoff() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                Dnp3Master master = Dnp3Master.create(1)) {
            Association association = master.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
                    QUIET.withResponseTimeout(Duration.ofMillis(50))
                            .withRetry(Duration.ofMillis(20), Duration.ofMillis(80)),
                    recorder);
            try (Socket accepted = silent.accept()) {
                accepted.setSoTimeout(20_000);
                Traffic[] seen = new Traffic[1];
                InputStream in = accepted.getInputStream();
                List<Tap.Chunk> chunks = new ArrayList<>();
                Await.until("DISABLE_UNSOLICITED sent three times", () -> {
                    try {
                        byte[] buffer = new byte[1024];
                        int n = in.read(buffer);
                        chunks.add(new Tap.Chunk(true, Arrays.copyOf(buffer, Math.max(n, 0))));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    seen[0] = new Traffic(chunks, true);
                    return seen[0].fragments().stream()
                                    .filter(f -> f.function() == FunctionCode.DISABLE_UNSOLICITED)
                                    .count()
                            >= 3;
                });
                assertTrue(association.stats().timeouts() >= 2);
                assertTrue(
                        seen[0].fragments().stream().allMatch(f -> f.function() == FunctionCode.DISABLE_UNSOLICITED),
                        "nothing else before the startup gets through");
                assertTrue(recorder.states().contains(AssociationState.WAITING_RETRY));
            }
            association.close();
        }
    }

    @Test
    void keepAliveAsksForLinkStatus() throws Exception {
        Association association = startDefault(QUIET.withKeepAlive(Duration.ofMillis(100)));
        awaitOnline(association);

        Await.until(
                "LINK_STATUS answered",
                () -> new Traffic(tap.chunks(), false)
                        .frames().stream().anyMatch(f -> f.function() == LinkFunction.LINK_STATUS));
        assertTrue(new Traffic(tap.chunks(), true)
                .frames().stream().anyMatch(f -> f.function() == LinkFunction.REQUEST_LINK_STATUS));
        assertEquals(1, association.stats().connects());
    }

    @Test
    void aSilentOutstationDoesNotDelayAnotherAssociation() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                Dnp3Master master = Dnp3Master.create(1)) {
            Recorder silentRecorder = new Recorder();
            Association hanging = master.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
                    AssociationConfig.of(MASTER, 7).withResponseTimeout(Duration.ofMinutes(1)),
                    silentRecorder);
            Await.until("silent outstation connected", () -> hanging.stats().state() == AssociationState.STARTING);
            outstation = closing(Outstation.listen(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    OutstationConfig.of(OUTSTATION, MASTER),
                    controls,
                    Clock.systemUTC()));
            outstation.define(PointType.ANALOG_INPUT, 0, 1);
            outstation.update(PointType.ANALOG_INPUT, 0, 42, ONLINE);

            Association healthy = master.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), outstation.port()), QUIET, recorder);

            Await.until(
                    "healthy outstation polled",
                    () -> recorder.latest(PointType.ANALOG_INPUT, 0).isPresent());
            awaitOnline(healthy);
            AssociationStats stuck = hanging.stats();
            assertEquals(AssociationState.STARTING, stuck.state());
            assertEquals(0, stuck.timeouts(), "the silent one is still waiting for its first response");
            assertEquals(0, stuck.fragmentsReceived());
            healthy.close();
            hanging.close();
        }
    }

    @Test
    void outstationsDialInOnOnePortAndAreToldApartByAddress() throws Exception {
        Dnp3Master master = closing(Dnp3Master.create(1));
        DialInPort port = closing(master.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        List<Recorder> recorders = List.of(new Recorder(), new Recorder());
        List<Association> associations = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            associations.add(closing(port.accept(
                    AssociationConfig.of(MASTER, 10 + i)
                            .withPolls(Duration.ofHours(1), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO),
                    recorders.get(i))));
            Outstation dialer = closing(Outstation.dial(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port.port()),
                    OutstationConfig.of(10 + i, MASTER),
                    controls,
                    Clock.systemUTC()));
            dialer.define(PointType.COUNTER, 0, 3);
            dialer.update(PointType.COUNTER, 0, 100 + i, ONLINE);
        }

        for (int i = 0; i < 2; i++) {
            awaitOnline(associations.get(i));
            Recorder r = recorders.get(i);
            double expected = 100 + i;
            Await.until(
                    "counter of outstation " + (10 + i),
                    () -> r.latest(PointType.COUNTER, 0)
                            .map(m -> m.value() == expected)
                            .orElse(false));
        }
        assertFalse(recorders.get(0).measurements().stream().anyMatch(m -> m.value() == 101));
        associations.get(0).close();
        closing(port.accept(AssociationConfig.of(MASTER, 10), new Recorder()));
    }

    @Test
    void deviceTroubleReachesTheListenerInAResponseWithoutValues() throws Exception {
        List<Set<Integer>> reads = new CopyOnWriteArrayList<>();
        Association association = startDefault(QUIET);
        outstation.observeReads(reads::add);
        awaitOnline(association);
        outstation.deviceTrouble(true);
        association.timeSync().get(10, TimeUnit.SECONDS); // a response without values
        Await.until(
                "DEVICE_TROUBLE told",
                () -> recorder.indications().stream().anyMatch(i -> i.contains(IinFlag.DEVICE_TROUBLE)));
        assertTrue(association.stats().iin().contains(IinFlag.DEVICE_TROUBLE));
        outstation.deviceTrouble(false);
        association.integrityPoll().get(10, TimeUnit.SECONDS);
        Await.until(
                "DEVICE_TROUBLE cleared",
                () -> !recorder.indications()
                        .get(recorder.indications().size() - 1)
                        .contains(IinFlag.DEVICE_TROUBLE));
        assertEquals(
                Set.of(0, 1, 2, 3), reads.get(reads.size() - 1), "the integrity poll READ, as the outstation saw it");
    }
}
