package org.urbis.dnp3.internal.outstation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.dnp3.IinFlag;
import org.urbis.dnp3.PointType;
import org.urbis.dnp3.Quality;
import org.urbis.dnp3.internal.app.AppControl;
import org.urbis.dnp3.internal.app.Fragment;
import org.urbis.dnp3.internal.app.FragmentParser;
import org.urbis.dnp3.internal.app.FragmentWriter;
import org.urbis.dnp3.internal.app.FunctionCode;
import org.urbis.dnp3.internal.app.ObjectBlock;
import org.urbis.dnp3.internal.app.ObjectHeader;
import org.urbis.dnp3.internal.app.ObjectParseException;
import org.urbis.dnp3.internal.app.ObjectType;
import org.urbis.dnp3.internal.app.ObjectValue;
import org.urbis.dnp3.internal.link.LinkChannel;
import org.urbis.dnp3.outstation.ControlHandler;
import org.urbis.dnp3.outstation.OutstationConfig;

/**
 * The outstation's application layer: answers requests, sends responses fragment by fragment with confirms,
 * keeps events until confirmed, sends unsolicited responses when enabled. Runs on one executor thread.
 */
public final class OutstationEngine implements LinkChannel.Peer {

    /** Where the engine's bytes go. */
    public interface Wire {
        void write(byte[] bytes);
    }

    private static final Logger LOG = LoggerFactory.getLogger(OutstationEngine.class);

    private final OutstationConfig config;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final PointStore points = new PointStore();
    private final EventBuffer events;
    private final Controls commands;
    private volatile long clockOffset;
    private volatile int indications;
    private LinkChannel link;
    private Wire wire;
    private long requestReceivedAt;
    private long recordedTime = -1;
    private final boolean[] unsolicitedEnabled = new boolean[4];
    private boolean nullUnsolicitedConfirmed;
    private Solicited solicited;
    private Unsolicited unsolicited;
    private int unsolicitedSeq;
    private byte[] lastRequest;
    private byte[] lastResponse;
    private Consumer<Set<Integer>> readObserver = classes -> {};

    /** A multi-fragment response in progress. */
    private final class Solicited {
        final List<List<ObjectBlock>> fragments;
        final List<List<Event>> carried;
        final int extraIin;
        int next;
        int seq;
        Future<?> timer;

        Solicited(List<List<ObjectBlock>> fragments, List<List<Event>> carried, int seq, int extraIin) {
            this.fragments = fragments;
            this.carried = carried;
            this.seq = seq;
            this.extraIin = extraIin;
        }
    }

    /** An unsolicited response awaiting its confirm. */
    private final class Unsolicited {
        final List<Event> carried;
        final byte[] fragment;
        Future<?> timer;

        Unsolicited(List<Event> carried, byte[] fragment) {
            this.carried = carried;
            this.fragment = fragment;
        }
    }

    public OutstationEngine(
            OutstationConfig config, ControlHandler controls, ScheduledExecutorService executor, Clock clock) {
        this.config = config;
        this.executor = executor;
        this.clock = clock;
        this.events = new EventBuffer(config.eventBufferSize());
        this.commands = new Controls(controls, config.selectTimeout());
        this.indications = IinFlag.DEVICE_RESTART.mask() | (config.needTimeAtStart() ? IinFlag.NEED_TIME.mask() : 0);
    }

    // ---- connection

    /** A master connected; a null unsolicited response announces the outstation until one is confirmed. */
    public void connected(Wire newWire, boolean dialedOut) {
        wire = newWire;
        link = new LinkChannel(false, config.address(), config.masterAddress(), config.maxFragmentSize(), this);
        solicited = null;
        unsolicited = null;
        lastRequest = null;
        if (config.unsolicited() && !nullUnsolicitedConfirmed) {
            sendUnsolicited(List.of());
        } else if (dialedOut) {
            link.requestLinkStatus();
        }
    }

    public void disconnected() {
        wire = null;
        link = null;
        if (solicited != null) {
            solicited.carried.forEach(events::release);
            cancel(solicited.timer);
            solicited = null;
        }
        if (unsolicited != null) {
            events.release(unsolicited.carried);
            cancel(unsolicited.timer);
            unsolicited = null;
        }
    }

    public void received(byte[] bytes, int count) {
        if (link != null) {
            link.receive(bytes, 0, count);
        }
    }

    @Override
    public void send(byte[] bytes) {
        if (wire != null) {
            wire.write(bytes);
        }
    }

    // ---- the database and indications

    public void define(PointType type, int index, int eventClass) {
        if (eventClass < 0 || eventClass > 3 || eventClass > 0 && Variations.eventType(type) == null) {
            throw new IllegalArgumentException(type + " " + index + " cannot have event class " + eventClass);
        }
        points.define(type, index, eventClass);
    }

    /** Stores a value; a change of a point with a class becomes an event, maybe sent unsolicited. */
    public void update(PointType type, int index, double value, Set<Quality> quality, long time) {
        int flags = type.flags(quality);
        ObjectValue.Point point = new ObjectValue.Point(value, flags, time < 0 ? now() : time);
        int eventClass = points.update(type, index, point);
        if (eventClass < 0) {
            throw new IllegalArgumentException("no " + type + " " + index + " is defined");
        }
        if (eventClass > 0) {
            events.add(new Event(type, index, eventClass, point));
            maybeSendUnsolicited();
        }
    }

    public long now() {
        return clock.millis() + clockOffset;
    }

    public int iin() {
        return indications;
    }

    public void deviceTrouble(boolean trouble) {
        indications =
                trouble ? indications | IinFlag.DEVICE_TROUBLE.mask() : indications & ~IinFlag.DEVICE_TROUBLE.mask();
    }

    public void requestTime() {
        indications |= IinFlag.NEED_TIME.mask();
    }

    /** As after a restart: IIN1.7 set, unsolicited disabled, a null unsolicited response due. */
    public void restart() {
        indications |= IinFlag.DEVICE_RESTART.mask();
        Arrays.fill(unsolicitedEnabled, false);
        nullUnsolicitedConfirmed = false;
        if (link != null && config.unsolicited() && unsolicited == null) {
            sendUnsolicited(List.of());
        }
    }

    private int iin(int extra) {
        int iin = indications | extra;
        for (int c = 1; c <= 3; c++) {
            if (events.waiting(c)) {
                iin |= IinFlag.values()[c].mask();
            }
        }
        return events.overflow() ? iin | IinFlag.EVENT_BUFFER_OVERFLOW.mask() : iin;
    }

    // ---- requests

    @Override
    public void fragment(byte[] bytes) {
        requestReceivedAt = clock.millis();
        Fragment request;
        try {
            request = FragmentParser.parse(bytes);
        } catch (ObjectParseException e) {
            LOG.debug("outstation {}: bad request: {}", config.address(), e.getMessage());
            if (bytes.length >= 2 && (bytes[1] & 0xFF) != FunctionCode.CONFIRM.code()) {
                int iin = e.getMessage().contains("unknown object")
                        ? IinFlag.OBJECT_UNKNOWN.mask()
                        : IinFlag.PARAMETER_ERROR.mask();
                respond(AppControl.decode(bytes[0] & 0xFF).seq(), List.of(), iin);
            }
            return;
        }
        if (request.control().uns() && request.function() != FunctionCode.CONFIRM) {
            return;
        }
        if (request.function() == FunctionCode.CONFIRM) {
            confirmed(request.control());
            return;
        }
        if (request.function() != FunctionCode.READ && Arrays.equals(bytes, lastRequest)) {
            // the master repeats a request whose response it missed: answer again, do not act twice
            if (lastResponse != null) {
                link.send(lastResponse);
            }
            return;
        }
        lastRequest = bytes;
        lastResponse = null;
        if (solicited != null) {
            solicited.carried.forEach(events::release);
            cancel(solicited.timer);
            solicited = null;
        }
        int seq = request.control().seq();
        switch (request.function()) {
            case READ -> read(request, seq);
            case WRITE -> respond(seq, List.of(), write(request));
            case SELECT, OPERATE, DIRECT_OPERATE -> control(request, seq);
            case DIRECT_OPERATE_NR -> commands.handle(request, FunctionCode.DIRECT_OPERATE_NR, clock.millis());
            case ENABLE_UNSOLICITED, DISABLE_UNSOLICITED -> respond(seq, List.of(), unsolicitedControl(request));
            case DELAY_MEASURE -> respond(seq, List.of(new FragmentPacker.Item(delayBlock(), List.of())), 0);
            case RECORD_CURRENT_TIME -> {
                recordedTime = requestReceivedAt;
                respond(seq, List.of(), 0);
            }
            default -> respond(seq, List.of(), IinFlag.NO_FUNC_CODE_SUPPORT.mask());
        }
    }

    private ObjectBlock delayBlock() {
        int delay = (int) Math.min(0xFFFF, Math.max(0, clock.millis() - requestReceivedAt));
        return new ObjectBlock(
                new ObjectHeader(52, 2, ObjectHeader.COUNT_8, 0, 1),
                ObjectType.G52V2,
                List.of(0),
                List.of(new ObjectValue.Delay(delay)));
    }

    /** Told of the classes (0-3) each READ asks for, on the engine's thread. */
    public void observeReads(Consumer<Set<Integer>> observer) {
        readObserver = observer;
    }

    private void read(Fragment request, int seq) {
        Set<Integer> classes = new TreeSet<>();
        for (ObjectBlock block : request.blocks()) {
            int v = block.header().variation();
            if (block.header().group() == 60 && v >= 1 && v <= 4) {
                classes.add(v - 1);
            }
        }
        readObserver.accept(classes);
        ReadPlan plan = ReadPlan.of(request, points, events);
        respond(seq, plan.items(), plan.iin());
    }

    private int write(Fragment request) {
        int iin = 0;
        for (ObjectBlock block : request.blocks()) {
            if (block.type() == ObjectType.G80V1) {
                for (int i = 0; i < block.values().size(); i++) {
                    boolean cleared = !((ObjectValue.Bit) block.values().get(i)).set();
                    if (block.indices().get(i) == 7 && cleared) {
                        indications &= ~IinFlag.DEVICE_RESTART.mask();
                    } else {
                        iin |= IinFlag.PARAMETER_ERROR.mask();
                    }
                }
            } else if (block.type() == ObjectType.G50V1 && block.values().size() == 1) {
                setTime(((ObjectValue.Time) block.values().get(0)).time(), clock.millis());
            } else if (block.type() == ObjectType.G50V3 && block.values().size() == 1 && recordedTime >= 0) {
                setTime(((ObjectValue.Time) block.values().get(0)).time(), recordedTime);
                recordedTime = -1;
            } else {
                iin |= (block.type() == ObjectType.G50V3 ? IinFlag.PARAMETER_ERROR : IinFlag.OBJECT_UNKNOWN).mask();
            }
        }
        return iin;
    }

    /** The master's time applies at a moment of our own clock; keep the difference. */
    private void setTime(long masterTime, long at) {
        clockOffset = masterTime - at;
        indications &= ~IinFlag.NEED_TIME.mask();
    }

    private void control(Fragment request, int seq) {
        List<ObjectBlock> echo = commands.handle(request, request.function(), clock.millis());
        if (echo == null) {
            respond(seq, List.of(), IinFlag.PARAMETER_ERROR.mask());
            return;
        }
        respond(
                seq,
                echo.stream().map(b -> new FragmentPacker.Item(b, List.of())).toList(),
                0);
    }

    private int unsolicitedControl(Fragment request) {
        boolean enable = request.function() == FunctionCode.ENABLE_UNSOLICITED;
        int iin = 0;
        for (ObjectBlock block : request.blocks()) {
            int v = block.header().variation();
            if (block.header().group() == 60 && v >= 2 && v <= 4) {
                unsolicitedEnabled[v - 1] = enable && config.unsolicited();
            } else {
                iin |= IinFlag.PARAMETER_ERROR.mask();
            }
        }
        if (!enable && unsolicited != null && !unsolicited.carried.isEmpty()) {
            events.release(unsolicited.carried);
            cancel(unsolicited.timer);
            unsolicited = null;
        }
        if (enable) {
            executor.execute(this::maybeSendUnsolicited);
        }
        return iin;
    }

    // ---- responses

    private void respond(int seq, List<FragmentPacker.Item> items, int extraIin) {
        List<List<FragmentPacker.Item>> fragments = FragmentPacker.pack(items, config.maxFragmentSize());
        List<List<ObjectBlock>> blocks = new ArrayList<>();
        List<List<Event>> carried = new ArrayList<>();
        for (List<FragmentPacker.Item> fragment : fragments) {
            blocks.add(fragment.stream().map(FragmentPacker.Item::block).toList());
            carried.add(fragment.stream().flatMap(i -> i.events().stream()).toList());
        }
        solicited = new Solicited(blocks, carried, seq, extraIin);
        sendNextFragment();
    }

    private void sendNextFragment() {
        Solicited s = solicited;
        int i = s.next++;
        boolean last = s.next == s.fragments.size();
        boolean con = !last || !s.carried.get(i).isEmpty();
        FragmentWriter writer = FragmentWriter.response(
                new AppControl(i == 0, last, con, false, s.seq), FunctionCode.RESPONSE, iin(s.extraIin));
        s.fragments.get(i).forEach(writer::block);
        byte[] fragment = writer.toBytes();
        if (i == 0) {
            lastResponse = fragment;
        }
        link.send(fragment);
        if (con) {
            s.timer = executor.schedule(
                    this::solicitedTimedOut, config.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } else {
            solicited = null;
        }
    }

    private void solicitedTimedOut() {
        if (solicited != null) {
            solicited.carried.forEach(events::release);
            solicited = null;
        }
    }

    private void confirmed(AppControl control) {
        if (control.uns()) {
            if (unsolicited != null && control.seq() == unsolicitedSeq) {
                cancel(unsolicited.timer);
                events.remove(unsolicited.carried);
                nullUnsolicitedConfirmed = true;
                unsolicited = null;
                unsolicitedSeq = AppControl.next(unsolicitedSeq);
                maybeSendUnsolicited();
            }
            return;
        }
        Solicited s = solicited;
        if (s == null || control.seq() != s.seq) {
            return;
        }
        cancel(s.timer);
        events.remove(s.carried.get(s.next - 1));
        if (s.next == s.fragments.size()) {
            solicited = null;
            maybeSendUnsolicited();
            return;
        }
        s.seq = AppControl.next(s.seq);
        sendNextFragment();
    }

    private void maybeSendUnsolicited() {
        if (link == null || unsolicited != null || solicited != null || !nullUnsolicitedConfirmed) {
            return;
        }
        List<Event> chosen = events.select(e -> unsolicitedEnabled[e.eventClass()], Integer.MAX_VALUE);
        if (chosen.isEmpty()) {
            return;
        }
        List<FragmentPacker.Item> first = FragmentPacker.pack(FragmentPacker.events(chosen), config.maxFragmentSize())
                .get(0);
        List<Event> carried = first.stream().flatMap(i -> i.events().stream()).toList();
        List<Event> left = new ArrayList<>(chosen);
        left.removeAll(carried);
        events.release(left);
        sendUnsolicited(first);
    }

    private void sendUnsolicited(List<FragmentPacker.Item> items) {
        List<Event> carried = items.stream().flatMap(i -> i.events().stream()).toList();
        FragmentWriter writer = FragmentWriter.response(
                AppControl.single(true, true, unsolicitedSeq), FunctionCode.UNSOLICITED_RESPONSE, iin(0));
        items.forEach(i -> writer.block(i.block()));
        unsolicited = new Unsolicited(carried, writer.toBytes());
        transmitUnsolicited();
    }

    /** Sends the unsolicited response, and again with the same sequence number until it is confirmed. */
    private void transmitUnsolicited() {
        Unsolicited u = unsolicited;
        if (u == null || link == null) {
            return;
        }
        link.send(u.fragment);
        u.timer = executor.schedule(
                this::transmitUnsolicited, config.confirmTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void cancel(Future<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
