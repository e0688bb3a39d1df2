package org.urbis.dnp3.internal.master;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.dnp3.AnalogOutput;
import org.urbis.dnp3.Association;
import org.urbis.dnp3.AssociationConfig;
import org.urbis.dnp3.AssociationListener;
import org.urbis.dnp3.AssociationState;
import org.urbis.dnp3.AssociationStats;
import org.urbis.dnp3.CommandFailedException;
import org.urbis.dnp3.CommandMode;
import org.urbis.dnp3.CommandStatus;
import org.urbis.dnp3.Crob;
import org.urbis.dnp3.IinFlag;
import org.urbis.dnp3.TimeSyncMode;
import org.urbis.dnp3.internal.app.AppControl;
import org.urbis.dnp3.internal.app.Fragment;
import org.urbis.dnp3.internal.app.FragmentParser;
import org.urbis.dnp3.internal.app.FragmentWriter;
import org.urbis.dnp3.internal.app.FunctionCode;
import org.urbis.dnp3.internal.app.ObjectParseException;
import org.urbis.dnp3.internal.app.ObjectType;
import org.urbis.dnp3.internal.app.ObjectValue;
import org.urbis.dnp3.internal.link.LinkChannel;

/**
 * The master's side of one outstation, run entirely on one I/O loop: the startup sequence, the task queue with
 * one request outstanding, response timeouts, confirms, IIN handling, periodic polls and keep-alive.
 */
final class MasterSession implements Association, Connection.Events, LinkChannel.Peer {

    private static final Logger LOG = LoggerFactory.getLogger(MasterSession.class);
    private static final int MAX_FRAGMENT = 65536;

    private final IoLoop loop;
    private final AssociationConfig config;
    private final AssociationListener listener;
    private final Clock clock;
    private final InetSocketAddress outstation;
    private final Statistics stats = new Statistics();
    private final Backoff backoff;
    private final TaskQueue queue = new TaskQueue();
    private final List<IoLoop.Timer> periodic = new ArrayList<>();
    private Connection connection;
    private LinkChannel link;
    private long crcErrorsBefore;
    private MasterTask current;
    private int nextSeq;
    private int expectedSeq;
    private final IoLoop.Timeout responseTimeout;
    private final IoLoop.Timeout keepAliveTimeout;
    private IoLoop.Timer linkStatusTimer;
    private boolean started;
    private int lastUnsolicitedSeq = -1;
    private byte[] lastUnsolicited;
    private volatile boolean closing;

    /**
     * @param outstation where to connect, null for an outstation that dials in
     */
    MasterSession(
            IoLoop loop,
            AssociationConfig config,
            AssociationListener listener,
            Clock clock,
            InetSocketAddress outstation) {
        this.loop = loop;
        this.config = config;
        this.listener = listener;
        this.clock = clock;
        this.outstation = outstation;
        this.backoff = new Backoff(config.retryMin(), config.retryMax());
        this.responseTimeout = loop.timeout(this::timedOut);
        this.keepAliveTimeout = loop.timeout(this::keepAlive);
    }

    // ---- connection life

    void start() {
        if (outstation != null) {
            connect();
        }
    }

    private void connect() {
        if (stats.state == AssociationState.CLOSED) {
            return;
        }
        state(AssociationState.CONNECTING);
        try {
            Connection.connect(loop, outstation, this);
        } catch (IOException e) {
            closed("connect failed: " + e.getMessage());
        }
    }

    /** Takes a connection from an outstation that dialed in; a previous one of the same outstation is dropped. */
    void attach(Connection dialedIn, byte[] received) {
        if (stats.state == AssociationState.CLOSED) {
            dialedIn.close("association closed");
            return;
        }
        if (connection != null) {
            connection.close("the outstation dialed in again");
        }
        dialedIn.handTo(this);
        connected(dialedIn);
        received(received, received.length);
    }

    @Override
    public void connected(Connection newConnection) {
        connection = newConnection;
        link = new LinkChannel(true, config.masterAddress(), config.outstationAddress(), MAX_FRAGMENT, this);
        stats.connects++;
        started = false;
        nextSeq = 0;
        lastUnsolicitedSeq = -1;
        state(AssociationState.STARTING);
        startupSequence();
        restartKeepAlive();
        pump();
    }

    private void startupSequence() {
        enqueue(PollTask.unsolicited(false));
        enqueue(PollTask.integrity(null));
        if (config.unsolicited()) {
            enqueue(PollTask.unsolicited(true));
        }
    }

    private static boolean startupStep(MasterTask task) {
        return !task.onDemand()
                && (task.kind() == MasterTask.Kind.DISABLE_UNSOLICITED
                        || task.kind() == MasterTask.Kind.INTEGRITY
                        || task.kind() == MasterTask.Kind.ENABLE_UNSOLICITED);
    }

    @Override
    public void received(byte[] bytes, int count) {
        restartKeepAlive();
        link.receive(bytes, 0, count);
        if (link != null) {
            stats.crcErrors = crcErrorsBefore + link.crcErrors();
        }
    }

    @Override
    public void closed(String reason) {
        LOG.info("DNP3 outstation {}: connection lost: {}", config.outstationAddress(), reason);
        if (link != null) {
            crcErrorsBefore += link.crcErrors();
        }
        connection = null;
        link = null;
        responseTimeout.stop();
        keepAliveTimeout.stop();
        cancel(linkStatusTimer);
        periodic.forEach(IoLoop.Timer::cancel);
        periodic.clear();
        if (current != null) {
            current.failed(reason);
            current = null;
        }
        queue.failAll(reason);
        if (stats.state == AssociationState.CLOSED) {
            return;
        }
        if (outstation == null) {
            state(AssociationState.CONNECTING);
        } else {
            state(AssociationState.WAITING_RETRY);
            loop.schedule(backoff.next(), this::connect);
        }
    }

    // ---- link

    @Override
    public void send(byte[] bytes) {
        if (connection != null) {
            connection.send(bytes);
        }
    }

    @Override
    public void linkStatus() {
        cancel(linkStatusTimer);
    }

    private void restartKeepAlive() {
        cancel(linkStatusTimer);
        keepAliveTimeout.start(config.keepAlive());
    }

    private void keepAlive() {
        if (link == null) {
            return;
        }
        link.requestLinkStatus();
        linkStatusTimer = loop.schedule(config.responseTimeout(), () -> {
            stats.timeouts++;
            connection.close("no LINK_STATUS within " + config.responseTimeout());
        });
    }

    // ---- application

    @Override
    public void fragment(byte[] bytes) {
        stats.fragmentsReceived++;
        Fragment fragment;
        try {
            fragment = FragmentParser.parse(bytes);
        } catch (ObjectParseException e) {
            LOG.warn("DNP3 outstation {}: fragment dropped: {}", config.outstationAddress(), e.getMessage());
            return;
        }
        if (fragment.function() == FunctionCode.UNSOLICITED_RESPONSE) {
            unsolicited(fragment, bytes);
        } else if (fragment.function() == FunctionCode.RESPONSE) {
            solicited(fragment);
        }
    }

    private void unsolicited(Fragment fragment, byte[] bytes) {
        stats.unsolicited++;
        int seq = fragment.control().seq();
        if (fragment.control().con()) {
            confirm(seq, true);
        }
        if (seq == lastUnsolicitedSeq && Arrays.equals(bytes, lastUnsolicited)) {
            return;
        }
        lastUnsolicitedSeq = seq;
        lastUnsolicited = bytes;
        accept(fragment);
        pump();
    }

    private void solicited(Fragment fragment) {
        if (current == null || fragment.control().seq() != expectedSeq) {
            return;
        }
        if (fragment.control().con()) {
            confirm(fragment.control().seq(), false);
        }
        accept(fragment);
        responseTimeout.stop();
        if (!fragment.control().fin()) {
            expectedSeq = AppControl.next(expectedSeq);
            responseTimeout.start(config.responseTimeout());
            return;
        }
        MasterTask task = current;
        if (task.response(fragment) == MasterTask.Step.NEXT_REQUEST) {
            request(task);
            return;
        }
        current = null;
        completed(task);
        pump();
    }

    private void accept(Fragment fragment) {
        int eventBits = IinFlag.CLASS_1_EVENTS.mask() | IinFlag.CLASS_2_EVENTS.mask() | IinFlag.CLASS_3_EVENTS.mask();
        boolean changed = (stats.iin & ~eventBits) != (fragment.iin() & ~eventBits);
        stats.iin = fragment.iin();
        if (changed) {
            listener.indicationsChanged(IinFlag.of(fragment.iin()));
        }
        var measurements = Measurements.of(fragment);
        if (!measurements.isEmpty()) {
            listener.measurements(measurements);
        }
        if (fragment.has(IinFlag.DEVICE_RESTART)) {
            enqueue(new ClearRestartTask());
        }
        if (fragment.has(IinFlag.NEED_TIME) && config.timeSync() != TimeSyncMode.NONE) {
            enqueue(new TimeSyncTask(config.timeSync(), clock, null));
        }
        if (fragment.has(IinFlag.EVENT_BUFFER_OVERFLOW)) {
            enqueue(PollTask.integrity(null));
        }
        List<Integer> classes = new ArrayList<>();
        for (int eventClass = 1; eventClass <= 3; eventClass++) {
            if (fragment.has(IinFlag.values()[eventClass])) {
                classes.add(eventClass);
            }
        }
        if (started && !classes.isEmpty()) {
            enqueue(PollTask.events(classes));
        }
    }

    private void completed(MasterTask task) {
        if (task.kind().needed()) {
            backoff.reset();
        }
        if (task.kind() == MasterTask.Kind.INTEGRITY) {
            stats.lastIntegrityPoll = clock.instant();
        }
        boolean startupDone = task.kind() == MasterTask.Kind.ENABLE_UNSOLICITED
                || task.kind() == MasterTask.Kind.INTEGRITY && !config.unsolicited();
        if (!started && startupDone) {
            started = true;
            state(AssociationState.ONLINE);
            schedulePolls();
        }
    }

    private void timedOut() {
        if (current == null) {
            return;
        }
        stats.timeouts++;
        MasterTask task = current;
        current = null;
        String reason = "no response to " + task + " within " + config.responseTimeout();
        LOG.info("DNP3 outstation {}: {}", config.outstationAddress(), reason);
        task.failed(reason);
        if (!started && startupStep(task)) {
            // the sequence starts over, in order, after the backoff
            queue.removeIf(MasterSession::startupStep);
            state(AssociationState.WAITING_RETRY);
            retryLater(this::startupSequence);
        } else if (task.kind().needed() && !task.onDemand()) {
            retryLater(() -> enqueue(again(task)));
        }
        pump();
    }

    /** Runs after the backoff, on the same connection only. */
    private void retryLater(Runnable enqueue) {
        long connection = stats.connects;
        loop.schedule(backoff.next(), () -> {
            if (link != null && stats.connects == connection) {
                enqueue.run();
                pump();
            }
        });
    }

    /** A fresh copy of a needed task, for its retry. */
    private MasterTask again(MasterTask task) {
        return switch (task.kind()) {
            case INTEGRITY -> PollTask.integrity(null);
            case CLEAR_RESTART -> new ClearRestartTask();
            case TIME_SYNC -> new TimeSyncTask(config.timeSync(), clock, null);
            default -> throw new IllegalArgumentException(task + " is not repeated");
        };
    }

    private void confirm(int seq, boolean unsolicited) {
        if (link == null) {
            return;
        }
        link.send(FragmentWriter.request(AppControl.single(false, unsolicited, seq), FunctionCode.CONFIRM)
                .toBytes());
    }

    // ---- task queue

    private void enqueue(MasterTask task) {
        queue.add(task, current);
    }

    private void pump() {
        if (current != null || link == null) {
            return;
        }
        current = queue.next();
        if (current == null) {
            return;
        }
        if (stats.state == AssociationState.WAITING_RETRY && startupStep(current)) {
            state(AssociationState.STARTING);
        }
        request(current);
    }

    private void request(MasterTask task) {
        int seq = nextSeq;
        nextSeq = AppControl.next(nextSeq);
        expectedSeq = seq;
        link.send(task.request(seq));
        stats.fragmentsSent++;
        responseTimeout.start(config.responseTimeout());
    }

    private void schedulePolls() {
        // Associations that came online together (all of them, when the master starts) would otherwise poll in
        // the same instant every period, a burst of requests on the loop and of responses after it: the first
        // periodic poll of each kind falls at random within its period, which spreads them evenly over it.
        every(config.integrityPeriod(), () -> PollTask.integrity(null));
        every(config.class0Period(), PollTask::staticData);
        // classes 1, 2 and 3 keep one phase, so that equal periods poll them one after another
        double phase = ThreadLocalRandom.current().nextDouble();
        for (int eventClass = 1; eventClass <= 3; eventClass++) {
            List<Integer> classes = List.of(eventClass);
            every(config.eventPeriod(eventClass), phase, () -> PollTask.events(classes));
        }
    }

    private void every(Duration period, Supplier<MasterTask> task) {
        every(period, ThreadLocalRandom.current().nextDouble(), task);
    }

    /**
     * A poll at a fixed rate, so that a late one does not push back every one after it; the first comes after
     * {@code phase} (0 to 1) of a period.
     */
    private void every(Duration period, double phase, Supplier<MasterTask> task) {
        if (period.isZero()) {
            return;
        }
        Duration first = Duration.ofNanos(1 + (long) (phase * (period.toNanos() - 1)));
        periodic.add(loop.every(first, period, () -> {
            if (link != null) {
                enqueue(task.get());
                pump();
            }
        }));
    }

    private void state(AssociationState state) {
        if (stats.state != state) {
            stats.state = state;
            listener.stateChanged(state);
        }
    }

    private static void cancel(IoLoop.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    // ---- API, from any thread

    @Override
    public AssociationConfig config() {
        return config;
    }

    @Override
    public AssociationStats stats() {
        return stats.snapshot();
    }

    @Override
    public CompletableFuture<CommandStatus> operate(int index, Crob crob, CommandMode mode) {
        return command(ObjectType.G12V1, index, new ObjectValue.Control(crob, CommandStatus.SUCCESS), mode);
    }

    @Override
    public CompletableFuture<CommandStatus> operate(int index, AnalogOutput output, CommandMode mode) {
        ObjectType type = ObjectType.of(41, output.encoding().variation());
        return command(type, index, new ObjectValue.AnalogCommand(output.value(), CommandStatus.SUCCESS), mode);
    }

    private CompletableFuture<CommandStatus> command(ObjectType type, int index, ObjectValue value, CommandMode mode) {
        if (index < 0 || index > 0xFFFF || mode == null) {
            throw new IllegalArgumentException("a command needs a mode and a point index 0..65535: " + index);
        }
        CompletableFuture<CommandStatus> outcome = new CompletableFuture<>();
        run(new CommandTask(type, index, value, mode, outcome), outcome);
        return outcome;
    }

    @Override
    public CompletableFuture<Void> integrityPoll() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        run(PollTask.integrity(done), done);
        return done;
    }

    @Override
    public CompletableFuture<Void> timeSync() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        run(new TimeSyncTask(config.timeSync(), clock, done), done);
        return done;
    }

    private void run(MasterTask task, CompletableFuture<?> outcome) {
        loop.execute(() -> {
            if (link == null) {
                outcome.completeExceptionally(
                        new CommandFailedException("outstation " + config.outstationAddress() + " is not connected"));
                return;
            }
            enqueue(task);
            pump();
        });
    }

    /** Whether {@link #close()} was called; the closing itself happens on the loop. */
    boolean closing() {
        return closing;
    }

    @Override
    public void close() {
        closing = true;
        loop.execute(() -> {
            state(AssociationState.CLOSED);
            if (connection != null) {
                connection.close("association closed");
            }
        });
    }
}
