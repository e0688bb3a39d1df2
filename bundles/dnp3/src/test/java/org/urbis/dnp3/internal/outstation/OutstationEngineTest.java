package org.urbis.dnp3.internal.outstation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.urbis.dnp3.CommandStatus;
import org.urbis.dnp3.Crob;
import org.urbis.dnp3.IinFlag;
import org.urbis.dnp3.PointType;
import org.urbis.dnp3.Quality;
import org.urbis.dnp3.internal.Hex;
import org.urbis.dnp3.internal.app.Fragment;
import org.urbis.dnp3.internal.app.FragmentParser;
import org.urbis.dnp3.internal.app.FunctionCode;
import org.urbis.dnp3.internal.app.ObjectValue;
import org.urbis.dnp3.internal.link.LinkFrame;
import org.urbis.dnp3.internal.link.LinkFunction;
import org.urbis.dnp3.internal.link.LinkParser;
import org.urbis.dnp3.internal.transport.Reassembler;
import org.urbis.dnp3.internal.transport.Segmenter;
import org.urbis.dnp3.outstation.ControlHandler;
import org.urbis.dnp3.outstation.OutstationConfig;

/** The outstation's answers to requests written out as in the standard, byte for byte where it matters. */
class OutstationEngineTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
    private static final EnumSet<Quality> ONLINE = EnumSet.of(Quality.ONLINE);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final Segmenter segmenter = new Segmenter();
    private final List<String> operated = new ArrayList<>();
    private OutstationEngine engine;

    private final ControlHandler controls = new ControlHandler() {
        @Override
        public CommandStatus select(int index, Crob crob) {
            return CommandStatus.SUCCESS;
        }

        @Override
        public CommandStatus operate(int index, Crob crob) {
            operated.add(index + " " + crob.operation());
            return CommandStatus.SUCCESS;
        }
    };

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private void start(OutstationConfig config) {
        engine = new OutstationEngine(config.withUnsolicited(false), controls, executor, CLOCK);
        on(() -> {
            engine.connected(wire::writeBytes, false);
            return null;
        });
    }

    private <T> T on(Callable<T> action) {
        try {
            return executor.submit(action).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Sends a request fragment and returns the response fragments it brought. */
    private List<Fragment> request(String hex) {
        return on(() -> {
            wire.reset();
            for (byte[] segment : segmenter.segments(Hex.bytes(hex))) {
                byte[] frame = LinkFrame.primary(true, LinkFunction.UNCONFIRMED_USER_DATA, 1024, 1, segment)
                        .encode();
                engine.received(frame, frame.length);
            }
            return responses(wire.toByteArray());
        });
    }

    private static List<Fragment> responses(byte[] bytes) throws Exception {
        List<Fragment> fragments = new ArrayList<>();
        Reassembler reassembler = new Reassembler(4096);
        for (LinkFrame frame : new LinkParser().feed(bytes, 0, bytes.length)) {
            byte[] fragment = reassembler.accept(frame.data());
            if (fragment != null) {
                fragments.add(FragmentParser.parse(fragment));
            }
        }
        return fragments;
    }

    private byte[] rawResponse(String hex) {
        return on(() -> {
            wire.reset();
            byte[] frame = LinkFrame.primary(
                            true,
                            LinkFunction.UNCONFIRMED_USER_DATA,
                            1024,
                            1,
                            segmenter.segments(Hex.bytes(hex)).get(0))
                    .encode();
            engine.received(frame, frame.length);
            byte[] out = wire.toByteArray();
            LinkFrame response = new LinkParser().feed(out, 0, out.length).get(0);
            byte[] data = response.data();
            return Arrays.copyOfRange(data, 1, data.length);
        });
    }

    private void define(PointType type, int index, int eventClass, double value) {
        on(() -> {
            engine.define(type, index, eventClass);
            engine.update(type, index, value, ONLINE, -1);
            return null;
        });
    }

    @Test
    void classZeroReadAfterRestart() {
        start(OutstationConfig.of(1024, 1));
        define(PointType.BINARY_INPUT, 0, 0, 1);
        assertEquals("C1 81 80 00 01 02 00 00 00 81", Hex.of(rawResponse("C1 01 3C 01 06")));
    }

    @Test
    void rangeReadInANamedVariation() {
        start(OutstationConfig.of(1024, 1));
        for (int i = 0; i < 4; i++) {
            define(PointType.ANALOG_INPUT, i, 0, i * 10);
        }
        assertEquals("C2 81 80 00 1E 02 00 01 02 01 0A 00 01 14 00", Hex.of(rawResponse("C2 01 1E 02 00 01 02")));
    }

    @Test
    void unknownObjectsAndFunctionsAreIndicated() {
        start(OutstationConfig.of(1024, 1));
        assertEquals("C3 81 80 02", Hex.of(rawResponse("C3 01 63 01 06")));
        assertEquals("C4 81 80 01", Hex.of(rawResponse("C4 0D")));
    }

    @Test
    void restartIndicationIsClearedByWritingG80v1Index7() {
        start(OutstationConfig.of(1024, 1));
        assertEquals("C5 81 00 00", Hex.of(rawResponse("C5 02 50 01 00 07 07 00")));
        assertEquals("C6 81 00 04", Hex.of(rawResponse("C6 02 50 01 00 04 04 00")));
    }

    @Test
    void timeWriteSetsTheClockAndClearsNeedTime() {
        start(OutstationConfig.of(1024, 1).withNeedTimeAtStart(true));
        long masterTime = CLOCK.millis() + 3_600_000;
        Fragment response =
                request("C7 02 32 01 07 01 " + Hex.of(sixBytes(masterTime))).get(0);
        assertTrue(!response.has(IinFlag.NEED_TIME));
        assertEquals(masterTime, on(engine::now));
    }

    @Test
    void eventBufferOverflowDropsTheOldestAndIsIndicated() {
        start(OutstationConfig.of(1024, 1).withEventBufferSize(2));
        define(PointType.BINARY_INPUT, 0, 1, 0);
        on(() -> {
            engine.update(PointType.BINARY_INPUT, 0, 1, ONLINE, 1000);
            engine.update(PointType.BINARY_INPUT, 0, 0, ONLINE, 2000);
            return null;
        });
        Fragment response = request("C1 01 3C 02 06").get(0);
        assertTrue(response.has(IinFlag.EVENT_BUFFER_OVERFLOW));
        assertTrue(response.control().con(), "events need a confirm");
        assertEquals(
                List.of(new ObjectValue.Point(1, 0x81, 1000), new ObjectValue.Point(0, 0x01, 2000)),
                response.blocks().get(0).values());
        request("C1 00");
        Fragment after = request("C2 01 3C 02 06").get(0);
        assertTrue(after.blocks().isEmpty() && !after.has(IinFlag.EVENT_BUFFER_OVERFLOW), after.toString());
    }

    @Test
    void unconfirmedEventsAreReportedAgain() {
        start(OutstationConfig.of(1024, 1));
        define(PointType.ANALOG_INPUT, 5, 2, 1.5);
        Fragment first = request("C1 01 3C 03 06").get(0);
        Fragment again = request("C2 01 3C 03 06").get(0);
        assertEquals(first.blocks(), again.blocks());
        assertEquals(1, again.blocks().get(0).values().size());
        request("C2 00");
        assertTrue(request("C3 01 3C 03 06").get(0).blocks().isEmpty());
    }

    @Test
    void operateNeedsTheMatchingSelectJustBefore() {
        start(OutstationConfig.of(1024, 1));
        String crob = " 0C 01 17 01 03 03 01 64 00 00 00 64 00 00 00 00";
        assertEquals(CommandStatus.NO_SELECT, status(request("C1 04" + crob)));
        assertEquals(CommandStatus.SUCCESS, status(request("C2 03" + crob)));
        assertEquals(CommandStatus.NO_SELECT, status(request("C4 04" + crob)), "wrong sequence number");
        assertEquals(CommandStatus.SUCCESS, status(request("C5 03" + crob)));
        assertEquals(CommandStatus.SUCCESS, status(request("C6 04" + crob)));
        assertEquals(List.of("3 LATCH_ON"), operated);
        assertEquals(CommandStatus.SUCCESS, status(request("C7 05" + crob)));
        assertEquals(2, operated.size());
        assertEquals(CommandStatus.SUCCESS, status(request("C7 05" + crob)), "a repeated request is answered again");
        assertEquals(2, operated.size(), "but not executed again");
    }

    private static CommandStatus status(List<Fragment> response) {
        assertEquals(FunctionCode.RESPONSE, response.get(0).function());
        return ((ObjectValue.Control) response.get(0).blocks().get(0).values().get(0)).status();
    }

    private static byte[] sixBytes(long time) {
        byte[] bytes = new byte[6];
        for (int i = 0; i < 6; i++) {
            bytes[i] = (byte) (time >>> 8 * i);
        }
        return bytes;
    }
}
