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
import java.util.concurrent.atomic.AtomicLong;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.driver.Acquisition;
import org.urbis.api.driver.AsyncDriverSession;
import org.urbis.api.driver.DeviceCallback;
import org.urbis.api.driver.DriverException;
import org.urbis.api.event.AlarmSeverity;
import org.urbis.api.health.HealthDetail;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.value.QualityReason;
import org.urbis.api.value.Value;

/**
 * The session of one luminaire node: its two subscriptions on the shared connection, the last
 * values it reported, the commands awaiting acknowledgement, and the conditions it is judged by
 * (silent, unreadable, lamp failure, day-burner).
 *
 * <p>Readback: {@link #read} answers from the last status when that status is known to follow the
 * last acknowledged command (it carries the command's id, or arrived after the acknowledgement);
 * otherwise it asks the node for a status and waits for it, up to the timeout.
 */
final class LuminaireSession implements AsyncDriverSession {

    static final String ALARM_LAMP = "LAMP_FAILURE";
    static final String ALARM_DAY_BURNER = "DAY_BURNER";
    static final String ALARM_SILENT = "NODE_SILENT";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong COMMAND_IDS = new AtomicLong();

    private final Device device;
    private final DeviceCallback callback;
    private final StreetlightDriver driver;
    private final MqttLink link;
    private final DriverSettings settings;
    private final Clock clock;
    private final String topic;
    /** Status field → the point it feeds. */
    private final Map<String, Point> readable = new HashMap<>();
    private final Map<String, CompletableFuture<NodeMessages.Ack>> pending = new ConcurrentHashMap<>();

    // guarded by this
    private final Map<String, Object> fields = new HashMap<>();
    private final Map<String, Value> values = new HashMap<>();
    private long statusSeq;
    private long seqAtAck;
    private String ackedCommand;
    /** Reads waiting for the node's next status. */
    private final List<CompletableFuture<Void>> statusWaiters = new ArrayList<>();
    private String lastStatusCommand;
    private long lastMessageNanos;
    private boolean silent;
    private String unreadable;
    /** Relay on and dim above zero, as last reported: judged on every tick, so kept rather than looked up. */
    private boolean lit;
    private boolean lampFailed;
    /** The alarms as last raised or cleared. */
    private boolean silentAlarm;
    private boolean lampAlarm;
    private boolean dayBurner;
    /** The health as last reported; null before the first evaluation. */
    private HealthStatus reportedStatus;
    private HealthDetail reportedDetail;
    private String reportedMessage = "";
    private volatile boolean closed;

    LuminaireSession(Device device, DeviceCallback callback, StreetlightDriver driver, MqttLink link,
            DriverSettings settings, Clock clock) {
        this.device = device;
        this.callback = callback;
        this.driver = driver;
        this.link = link;
        this.settings = settings;
        this.clock = clock;
        this.topic = StreetlightDriver.topicOf(device);
        for (Point p : device.points()) {
            if (p.access().readable()) {
                readable.put(StreetlightDriver.field(p), p);
            }
        }
        this.lastMessageNanos = System.nanoTime();
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
            driver.rejected(device.id(), topic + "/status", e.getMessage());
            synchronized (this) {
                heard();
                unreadable = e.getMessage();
                evaluate();
            }
            return;
        }
        driver.statusReceived();
        if (!status.problems().isEmpty()) {
            driver.fieldProblems(device.id(), topic + "/status", status.problems());
        }
        List<Value> changed = new ArrayList<>();
        synchronized (this) {
            heard();
            unreadable = null;
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
            lit = Boolean.TRUE.equals(fields.get("relay")) && fields.get("dim") instanceof Double d && d > 0;
            lampFailed = lampFailed();
            evaluate();
            if (!changed.isEmpty()) {
                callback.values(changed);
            }
            statusSeq++;
            statusWaiters.forEach(w -> w.complete(null));
            statusWaiters.clear();
        }
    }

    private void onAck(byte[] payload) {
        if (closed) {
            return;
        }
        NodeMessages.Ack ack;
        try {
            ack = NodeMessages.ack(payload, settings.maxPayloadBytes());
        } catch (NodeMessages.Rejected e) {
            driver.rejected(device.id(), topic + "/ack", e.getMessage());
            return;
        }
        synchronized (this) {
            heard();
            if (silent) {
                evaluate();
            }
        }
        CompletableFuture<NodeMessages.Ack> waiting = pending.remove(ack.id());
        if (waiting == null) {
            driver.lateAck(device.id(), ack.id());
        } else {
            waiting.complete(ack);
        }
    }

    /** Any message proves the node is alive. */
    private void heard() {
        lastMessageNanos = System.nanoTime();
        silent = false;
    }

    private boolean lampFailed() {
        if ("FAILED".equals(fields.get("lamp"))) {
            return true;
        }
        return lit && fields.get("power") instanceof Double p && p < settings.lampFailureMinW();
    }

    private boolean burningByDay() {
        return lit && !lampFailed && device.location() != null
                && driver.daylight().sunUp(clock.instant(), device.location());
    }

    /** Runs every driver tick: silence and daylight change without any message arriving. */
    synchronized void tick(long nowNanos) {
        if (closed) {
            return;
        }
        if (!silent && nowNanos - lastMessageNanos > settings.silentAfter().toNanos()) {
            silent = true;
        }
        evaluate();
    }

    /** Reports the health the conditions call for, and raises or clears the alarms, when they change. */
    private void evaluate() {
        boolean burner = burningByDay();
        HealthStatus status;
        HealthDetail detail;
        String message;
        if (silent) {
            status = HealthStatus.OFFLINE;
            detail = HealthDetail.SILENT;
            message = silence();
        } else if (unreadable != null) {
            status = HealthStatus.DEGRADED;
            detail = HealthDetail.COMMUNICATION_ERROR;
            message = "the node's last status was unreadable: " + unreadable;
        } else if (lampFailed) {
            status = HealthStatus.DEGRADED;
            detail = HealthDetail.LAMP_FAILURE;
            message = lampFailure();
        } else if (burner) {
            status = HealthStatus.DEGRADED;
            detail = HealthDetail.DEVICE_FAULT;
            message = "lamp on while the sun is up (day-burner)";
        } else {
            status = HealthStatus.ONLINE;
            detail = HealthDetail.NONE;
            message = "";
        }
        if (status != reportedStatus || detail != reportedDetail || !message.equals(reportedMessage)) {
            boolean first = reportedStatus == null;
            reportedStatus = status;
            reportedDetail = detail;
            reportedMessage = message;
            // the first ONLINE needs no report: the platform sets it with the first values
            if (!(first && status == HealthStatus.ONLINE)) {
                callback.health(status, detail, message);
            }
        }
        if (silent != silentAlarm) {
            silentAlarm = silent;
            callback.alarm(ALARM_SILENT, AlarmSeverity.MAJOR, silent, silent ? silence() : "the node reports again");
        }
        if (lampFailed != lampAlarm) {
            lampAlarm = lampFailed;
            callback.alarm(ALARM_LAMP, AlarmSeverity.MAJOR, lampFailed, lampFailed ? lampFailure() : "lamp works again");
        }
        boolean burnerNow = burner && !silent;
        if (burnerNow != dayBurner) {
            dayBurner = burnerNow;
            callback.alarm(ALARM_DAY_BURNER, AlarmSeverity.WARNING, burnerNow,
                    burnerNow ? "lamp on while the sun is up" : "lamp no longer burning by day");
        }
    }

    private String silence() {
        return "no message from the node for more than " + settings.silentAfter().toSeconds() + " s";
    }

    private String lampFailure() {
        return "lamp failed (lamp " + fields.getOrDefault("lamp", "?") + ", " + fields.getOrDefault("power", "?")
                + " W at dim " + fields.getOrDefault("dim", "?") + " %)";
    }

    synchronized boolean dayBurner() {
        return dayBurner;
    }

    private void requestStatus() {
        if (closed) {
            return;
        }
        try {
            send("status", null, System.nanoTime() + 1_000_000_000L, null);
        } catch (DriverException e) {
            // the periodic status will do
        }
    }

    // ---- what the platform asks ----

    /** Answers from the last status when it is fresh, else asks the node for one and answers from that. */
    @Override
    public CompletionStage<List<Value>> readAsync(List<Point> points, Duration timeout) {
        CompletableFuture<Void> next = new CompletableFuture<>();
        synchronized (this) {
            if (fresh()) {
                return CompletableFuture.completedFuture(answer(points));
            }
            statusWaiters.add(next);
        }
        try {
            send("status", null, System.nanoTime() + timeout.toNanos(), null);
        } catch (DriverException e) {
            dropWaiter(next);
            return CompletableFuture.failedFuture(e);
        }
        return next.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).handle((ok, error) -> {
            if (error != null) {
                dropWaiter(next);
                throw new CompletionException(new DriverException(QualityReason.TIMEOUT, "node " + device.id()
                        + " sent no status within " + timeout.toMillis() + " ms of being asked"));
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
        return statusSeq > 0 && !silent && unreadable == null
                && (ackedCommand == null || ackedCommand.equals(lastStatusCommand) || statusSeq > seqAtAck);
    }

    private List<Value> answer(List<Point> points) {
        List<Value> result = new ArrayList<>(points.size());
        Instant now = clock.instant();
        for (Point p : points) {
            Value v = values.get(p.name());
            result.add(v != null ? v : Value.bad(p.name(), QualityReason.COMM_ERROR,
                    "node " + device.id() + " has not reported '" + StreetlightDriver.field(p) + "'", now));
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
                    throw new DriverException(QualityReason.CONFIGURATION_ERROR, "program not sent to " + device.id()
                            + ": " + e.getMessage());
                }
                break;
            default:
                throw new DriverException(QualityReason.CONFIGURATION_ERROR, "point '" + point.name() + "' of "
                        + device.id() + " (field '" + field + "') cannot be commanded");
        }
        // Registered before publishing: the acknowledgement may come back before send returns.
        CompletableFuture<NodeMessages.Ack> acknowledged = new CompletableFuture<>();
        String id = send(op, sent, deadline, acknowledged);
        return acknowledged.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).handle((ack, error) -> {
            pending.remove(id);
            if (error != null) {
                throw new CompletionException(error instanceof TimeoutException
                        ? new DriverException(QualityReason.TIMEOUT, "node " + device.id() + " did not acknowledge " + op
                                + " " + id + " within " + timeout.toMillis() + " ms")
                        : new DriverException(QualityReason.COMM_ERROR, "no acknowledgement of " + id + ": "
                                + (error instanceof CancellationException ? "the session closed" : error.toString())));
            }
            if (!ack.ok()) {
                throw new CompletionException(new DriverException(QualityReason.DEVICE_ERROR,
                        "node " + device.id() + " refused " + op + ": " + ack.error()));
            }
            synchronized (this) {
                ackedCommand = id;
                seqAtAck = statusSeq;
            }
            return null;
        });
    }

    /** Publishes a command; a non-null {@code acknowledged} is completed by the node's acknowledgement. */
    private String send(String op, Object value, long deadline, CompletableFuture<NodeMessages.Ack> acknowledged)
            throws DriverException {
        if (System.nanoTime() - deadline >= 0) {
            throw new DriverException(QualityReason.TIMEOUT, "no time left to send " + op + " to " + device.id());
        }
        String id = driver.commandPrefix() + COMMAND_IDS.incrementAndGet();
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
        return id;
    }

    @Override
    public void close() {
        closed = true;
        link.unsubscribe(topic + "/status");
        link.unsubscribe(topic + "/ack");
        pending.values().forEach(f -> f.cancel(false));
        pending.clear();
        synchronized (this) {
            statusWaiters.forEach(w -> w.cancel(false));
            statusWaiters.clear();
        }
        driver.closed(this);
    }

    /** The last status fields, by name: for tests. */
    synchronized Map<String, Object> fields() {
        return new LinkedHashMap<>(fields);
    }
}
