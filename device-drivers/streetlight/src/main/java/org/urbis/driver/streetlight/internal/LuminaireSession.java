package org.urbis.driver.streetlight.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.AsyncDriverSession;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DriverException;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/**
 * The session of one luminaire node: its two subscriptions on the shared connection, the last
 * values it reported and the commands awaiting acknowledgement. What it hears is judged by the
 * node's {@link LuminaireMonitor} (silent, unreadable, lamp failure, day-burner).
 *
 * <p>Readback: {@link #read} answers from the last status when that status is known to follow the
 * last acknowledged command (it carries the command's id, or arrived after the acknowledgement);
 * otherwise it asks the node for a status and waits for it, up to the timeout.
 */
final class LuminaireSession implements AsyncDriverSession {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong COMMAND_IDS = new AtomicLong();

    private final Device device;
    private final DeviceCallback callback;
    private final StreetlightDriver driver;
    private final NodeLink link;
    private final NodeTraffic traffic;
    private final DriverSettings settings;
    private final Clock clock;
    private final String topic;
    /** Status field → the point it feeds. */
    private final Map<String, Point> readable = new HashMap<>();

    private final Map<String, CompletableFuture<NodeMessages.Ack>> pending = new ConcurrentHashMap<>();
    private final LuminaireMonitor monitor;

    // guarded by this
    private final Map<String, Object> fields = new HashMap<>();
    private final Map<String, Value> values = new HashMap<>();
    private long statusSeq;
    private long seqAtAck;
    private String ackedCommand;
    /** Reads waiting for the node's next status. */
    private final List<CompletableFuture<Void>> statusWaiters = new ArrayList<>();

    private String lastStatusCommand;
    private volatile boolean closed;

    LuminaireSession(
            Device device,
            DeviceCallback callback,
            StreetlightDriver driver,
            NodeLink link,
            NodeTraffic traffic,
            DriverSettings settings,
            Clock clock) {
        this.device = device;
        this.callback = callback;
        this.driver = driver;
        this.link = link;
        this.traffic = traffic;
        this.settings = settings;
        this.clock = clock;
        this.topic = StreetlightDriver.topicOf(device);
        for (Point p : device.points()) {
            if (p.access().readable()) {
                readable.put(StreetlightDriver.field(p), p);
            }
        }
        this.monitor = new LuminaireMonitor(device, callback, settings, driver.daylight(), clock);
    }

    String topic() {
        return topic;
    }

    void start() {
        link.subscribe(topic + "/ack", (t, payload) -> onAck(payload), null);
        // once the status topic is subscribed (again), ask for a status rather than wait for the next one
        link.subscribe(topic + "/status", (t, payload) -> onStatus(payload), this::requestStatus);
    }

    @Override
    public Acquisition acquisition() {
        return Acquisition.PUSHED;
    }

    // ---- what the node sends ----

    private void onStatus(byte[] payload) {
        if (closed) {
            return;
        }
        NodeMessages.Status status;
        try {
            status = NodeMessages.status(payload, settings.maxPayloadBytes(), clock.instant());
        } catch (NodeMessages.Rejected e) {
            traffic.rejected(device.id(), topic + "/status", e.getMessage());
            synchronized (this) {
                monitor.unreadable(e.getMessage());
            }
            return;
        }
        traffic.statusReceived();
        if (!status.problems().isEmpty()) {
            traffic.fieldProblems(device.id(), topic + "/status", status.problems());
        }
        List<Value> changed = new ArrayList<>();
        List<CompletableFuture<Void>> answered;
        synchronized (this) {
            fields.putAll(status.fields());
            Object cmd = status.fields().get("cmd");
            lastStatusCommand = cmd instanceof String s ? s : null;
            for (Map.Entry<String, Object> f : status.fields().entrySet()) {
                Point p = readable.get(f.getKey());
                if (p != null) {
                    Value v = Value.good(p.name(), f.getValue(), status.time());
                    values.put(p.name(), v);
                    changed.add(v);
                }
            }
            monitor.status(fields);
            if (!changed.isEmpty()) {
                callback.values(changed);
            }
            statusSeq++;
            answered = List.copyOf(statusWaiters);
            statusWaiters.clear();
        }
        // outside the lock: what waited goes on here, and frees its place for another node's command
        answered.forEach(w -> w.complete(null));
    }

    private void onAck(byte[] payload) {
        if (closed) {
            return;
        }
        NodeMessages.Ack ack;
        try {
            ack = NodeMessages.ack(payload, settings.maxPayloadBytes());
        } catch (NodeMessages.Rejected e) {
            traffic.rejected(device.id(), topic + "/ack", e.getMessage());
            return;
        }
        synchronized (this) {
            monitor.acknowledged();
        }
        CompletableFuture<NodeMessages.Ack> waiting = pending.remove(ack.id());
        if (waiting == null) {
            traffic.lateAck(device.id(), ack.id());
        } else {
            waiting.complete(ack);
        }
    }

    /** Runs every driver tick: silence and daylight change without any message arriving. */
    synchronized void tick(long nowNanos) {
        if (closed) {
            return;
        }
        monitor.tick(nowNanos);
    }

    private void requestStatus() {
        if (!closed) {
            // Its turn may come late when thousands of nodes start at once; once asked, a live node answers at once.
            // Failing, it leaves the values to the node's periodic status.
            askStatus(new CompletableFuture<Void>(), settings.silentAfter(), Duration.ofSeconds(1));
        }
    }

    /**
     * Asks the node for a status, once the driver has a place for the question among the commands out: its answer,
     * like a command's, waits at the broker. {@code answered} completes with the next status, or fails when none came
     * within {@code timeout}, nor within {@code answerTimeout} of the question, or the question could not be sent.
     */
    private void askStatus(CompletableFuture<Void> answered, Duration timeout, Duration answerTimeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        answered.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        synchronized (this) {
            statusWaiters.add(answered);
        }
        CommandWindow.Place place = link.commands().enter(() -> {
            if (answered.isDone() || closed) {
                return false;
            }
            try {
                send(nextCommandId(), "status", null, deadline, null);
                if (answerTimeout.compareTo(timeout) < 0) {
                    answered.orTimeout(answerTimeout.toNanos(), TimeUnit.NANOSECONDS);
                }
                return true;
            } catch (DriverException e) {
                answered.completeExceptionally(e);
                return false;
            }
        });
        answered.whenComplete((ok, error) -> {
            place.release();
            if (error != null) {
                dropWaiter(answered);
            }
        });
    }

    // ---- what the platform asks ----

    /** Answers from the last status when it is fresh, else asks the node for one and answers from that. */
    @Override
    public CompletionStage<List<Value>> readAsync(List<Point> points, Duration timeout) {
        synchronized (this) {
            if (fresh()) {
                return CompletableFuture.completedFuture(answer(points));
            }
        }
        CompletableFuture<Void> next = new CompletableFuture<>();
        askStatus(next, timeout, timeout);
        return next.handle((ok, error) -> {
            if (error instanceof DriverException e) {
                throw new CompletionException(e);
            }
            if (error != null) {
                throw new CompletionException(new DriverException(
                        QualityReason.TIMEOUT,
                        "node " + device.id() + " sent no status within " + timeout.toMillis() + " ms of being asked"));
            }
            synchronized (this) {
                return answer(points);
            }
        });
    }

    private synchronized void dropWaiter(CompletableFuture<Void> waiter) {
        statusWaiters.remove(waiter);
    }

    private boolean fresh() {
        return statusSeq > 0
                && monitor.statusUsable()
                && (ackedCommand == null || ackedCommand.equals(lastStatusCommand) || statusSeq > seqAtAck);
    }

    private List<Value> answer(List<Point> points) {
        List<Value> result = new ArrayList<>(points.size());
        Instant now = clock.instant();
        for (Point p : points) {
            Value v = values.get(p.name());
            result.add(
                    v != null
                            ? v
                            : Value.bad(
                                    p.name(),
                                    QualityReason.COMM_ERROR,
                                    "node " + device.id() + " has not reported '" + StreetlightDriver.field(p) + "'",
                                    now));
        }
        return result;
    }

    /** Sends a command; completes when the node acknowledges it. */
    @Override
    public CompletionStage<Void> writeAsync(Point point, Object value, Duration timeout) {
        try {
            return command(point, value, timeout);
        } catch (DriverException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<Void> command(Point point, Object value, Duration timeout) throws DriverException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String field = StreetlightDriver.field(point);
        String op;
        Object sent;
        switch (field) {
            case "relay":
                op = "switch";
                sent = value;
                break;
            case "dim":
                op = "dim";
                sent = value;
                break;
            case "program":
                op = "program";
                try {
                    sent = ProgramFormat.check(String.valueOf(value));
                } catch (IllegalArgumentException e) {
                    throw new DriverException(
                            QualityReason.CONFIGURATION_ERROR,
                            "program not sent to " + device.id() + ": " + e.getMessage());
                }
                break;
            default:
                throw new DriverException(
                        QualityReason.CONFIGURATION_ERROR,
                        "point '" + point.name() + "' of " + device.id() + " (field '" + field
                                + "') cannot be commanded");
        }
        String id = nextCommandId();
        CompletableFuture<NodeMessages.Ack> acknowledged =
                new CompletableFuture<NodeMessages.Ack>().orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
        AtomicBoolean published = new AtomicBoolean();
        // Sent once the driver has a place for it among the commands out; never once its time ran out waiting.
        CommandWindow.Place place = link.commands().enter(() -> {
            if (acknowledged.isDone()) {
                return false;
            }
            if (closed) {
                acknowledged.cancel(false);
                return false;
            }
            try {
                published.set(true); // before: the acknowledgement may come back before send returns
                send(id, op, sent, deadline, acknowledged);
                return true;
            } catch (DriverException e) {
                acknowledged.completeExceptionally(e);
                return false;
            }
        });
        return acknowledged.handle((ack, error) -> {
            place.release();
            pending.remove(id);
            if (error instanceof DriverException e) {
                throw new CompletionException(e);
            }
            if (error != null) {
                throw new CompletionException(
                        error instanceof TimeoutException
                                ? new DriverException(
                                        QualityReason.TIMEOUT,
                                        published.get()
                                                ? "node " + device.id() + " did not acknowledge " + op + " " + id
                                                        + " within " + timeout.toMillis() + " ms"
                                                : op + " not sent to " + device.id() + ": it waited "
                                                        + timeout.toMillis() + " ms behind the driver's "
                                                        + link.commands().size() + " commands in flight"
                                                        + " (commands.inFlight)")
                                : new DriverException(
                                        QualityReason.COMM_ERROR,
                                        "no acknowledgement of " + id + ": "
                                                + (error instanceof CancellationException
                                                        ? "the session closed"
                                                        : error.toString())));
            }
            if (!ack.ok()) {
                throw new CompletionException(new DriverException(
                        QualityReason.DEVICE_ERROR, "node " + device.id() + " refused " + op + ": " + ack.error()));
            }
            synchronized (this) {
                ackedCommand = id;
                seqAtAck = statusSeq;
            }
            return null;
        });
    }

    private String nextCommandId() {
        return driver.commandPrefix() + COMMAND_IDS.incrementAndGet();
    }

    /** Publishes a command; a non-null {@code acknowledged} is completed by the node's acknowledgement. */
    private void send(
            String id, String op, Object value, long deadline, CompletableFuture<NodeMessages.Ack> acknowledged)
            throws DriverException {
        if (System.nanoTime() - deadline >= 0) {
            throw new DriverException(QualityReason.TIMEOUT, "no time left to send " + op + " to " + device.id());
        }
        ObjectNode cmd = JSON.createObjectNode();
        cmd.put("id", id);
        cmd.put("op", op);
        if (value != null) {
            cmd.set("value", JSON.valueToTree(value));
        }
        if (acknowledged != null) {
            pending.put(id, acknowledged);
        }
        try {
            link.publish(topic + "/cmd", JSON.writeValueAsBytes(cmd));
        } catch (DriverException e) {
            pending.remove(id);
            throw e;
        } catch (Exception e) {
            pending.remove(id);
            throw new DriverException(QualityReason.COMM_ERROR, "cannot encode " + op + " for " + device.id(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        link.unsubscribe(topic + "/status");
        link.unsubscribe(topic + "/ack");
        pending.values().forEach(f -> f.cancel(false));
        pending.clear();
        List<CompletableFuture<Void>> waiting;
        synchronized (this) {
            waiting = List.copyOf(statusWaiters);
            statusWaiters.clear();
        }
        waiting.forEach(w -> w.cancel(false));
        driver.closed(this);
    }

    /** The last status fields, by name: for tests. */
    synchronized Map<String, Object> fields() {
        return new LinkedHashMap<>(fields);
    }
}
