package org.urbis.control.internal.command;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandEvent;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.command.Interlock;
import org.urbis.api.device.DataType;
import org.urbis.api.device.Device;
import org.urbis.api.device.Point;
import org.urbis.api.health.HealthStatus;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.runtime.DeviceIO;
import org.urbis.api.runtime.DeviceIOException;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.api.value.Quality;
import org.urbis.api.value.Value;
import org.urbis.control.internal.audit.AuditLog;

/**
 * The one command pipeline: authorise → check expiry → de-duplicate → rate-limit the issuer →
 * resolve the target (one device, or a group fanned out with bounded parallelism) → per device:
 * refuse a device in maintenance unless the command is forced → validate against the point's type,
 * limits and rate of change and the class's interlocks →
 * select-before-operate → rate-limit the device → send → confirm by readback. Every received
 * command and every state change is appended to the audit log. Refused commands never reach
 * {@link DeviceIO}.
 *
 * <p>A point whose device shows a command's effect only much later (a LoRaWAN class-A sensor acts
 * on a downlink at its next uplink, hours away) declares it with the point option
 * {@value #CONFIRM_WITHIN}, an ISO-8601 duration such as {@code PT24H}: the readback goes on for that
 * long, less and less often (the pause doubles up to {@link #LATE_READBACK_PAUSE}), a readback that
 * does not match yet means "not yet" rather than FAILED, and a command not shown by then ends
 * UNKNOWN, since the device may still act on it.
 */
public final class CommandPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(CommandPipeline.class);

    /** The point option declaring how long its device may take to show a command took effect. */
    public static final String CONFIRM_WITHIN = "confirmWithin";
    /** The longest pause between readbacks of a point that declares {@link #CONFIRM_WITHIN}. */
    static final Duration LATE_READBACK_PAUSE = Duration.ofMinutes(1);

    private final DeviceRegistry registry;
    private final DeviceIO io;
    private final Supplier<List<Interlock>> interlocks;
    private final AuditLog audit;
    private final ControlSettings settings;
    private final Clock clock;
    private final Executor executor;
    private final IdWindow ids;
    private final Map<String, TokenBucket> issuerBuckets = new ConcurrentHashMap<>();
    private final Map<String, TokenBucket> deviceBuckets = new ConcurrentHashMap<>();
    private final Map<String, Selection> selections = new ConcurrentHashMap<>();
    private final Map<String, Sent> lastSent = new ConcurrentHashMap<>();
    /** Learns every state change as it is audited; must return at once (it hands the change over). */
    private final Consumer<CommandEvent> observer;
    /** The maintenance window in force on a device, if any. */
    private final Function<Device, Optional<MaintenanceWindow>> maintenance;

    /** A point reserved by SELECT for its issuer's OPERATE. */
    private record Selection(String issuer, Object value, Instant until) {
    }

    /** The last setpoint this pipeline sent to a point, for the rate-of-change check. */
    private record Sent(Object value, Instant at) {
    }

    /**
     * @param executor runs the per-device work and the pauses between readbacks; the pipeline
     *                 never blocks one of its threads
     */
    public CommandPipeline(DeviceRegistry registry, DeviceIO io, Supplier<List<Interlock>> interlocks, AuditLog audit,
            ControlSettings settings, Clock clock, Executor executor) {
        this(registry, io, interlocks, audit, settings, clock, executor, e -> { });
    }

    /**
     * @param observer learns every state change of every command as it is audited, on the thread
     *                 that made it: it must hand the change over and return
     */
    public CommandPipeline(DeviceRegistry registry, DeviceIO io, Supplier<List<Interlock>> interlocks, AuditLog audit,
            ControlSettings settings, Clock clock, Executor executor, Consumer<CommandEvent> observer) {
        this(registry, io, interlocks, audit, settings, clock, executor, observer, d -> Optional.empty());
    }

    /** @param maintenance the maintenance window in force on a device, if any */
    public CommandPipeline(DeviceRegistry registry, DeviceIO io, Supplier<List<Interlock>> interlocks, AuditLog audit,
            ControlSettings settings, Clock clock, Executor executor, Consumer<CommandEvent> observer,
            Function<Device, Optional<MaintenanceWindow>> maintenance) {
        this.observer = observer;
        this.maintenance = maintenance;
        this.registry = registry;
        this.io = io;
        this.interlocks = interlocks;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.executor = executor;
        this.ids = new IdWindow(settings.dedupMaxIds());
    }

    private static final java.util.regex.Pattern RECEIVED = java.util.regex.Pattern.compile(
            "\"time\":\"([^\"]+)\",\"event\":\"RECEIVED\",\"command\":\"((?:[^\"\\\\]|\\\\.)*)\".*"
                    + "\"expiry\":\"([^\"]+)\",\"operation\":\"([A-Z]+)\"");

    /**
     * Remembers again the ids of the commands the audit log received within their window, so
     * that a restart does not let a repeated id through. Only the segments that can hold such
     * commands are read. Returns how many were restored.
     */
    public int restoreIds() throws IOException {
        Instant now = clock.instant();
        Duration longest = settings.dedupWindow().compareTo(settings.maxExpiry()) > 0 ? settings.dedupWindow()
                : settings.maxExpiry();
        int restored = 0;
        for (String line : audit.since(now.minus(longest))) {
            java.util.regex.Matcher m = RECEIVED.matcher(line);
            if (!m.find()) {
                continue;
            }
            try {
                Instant window = Instant.parse(m.group(1)).plus(settings.dedupWindow());
                Instant expiry = Instant.parse(m.group(3));
                Instant until = expiry.isAfter(window) ? expiry : window;
                String id = m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
                if (!until.isBefore(now) && ids.remember(m.group(4) + "/" + id, until, now) == IdWindow.Outcome.NEW) {
                    restored++;
                }
            } catch (java.time.format.DateTimeParseException e) {
                LOG.warn("Skipping an audit record with a bad time while restoring command ids");
            }
        }
        return restored;
    }

    /** Submits with the roles configured for the issuer's name. */
    public CompletionStage<CommandResult> submit(Command command) {
        return submit(command, settings.issuerRoles().getOrDefault(command.issuer(), Set.of()));
    }

    /** Submits on behalf of an issuer with the given (authenticated) roles. */
    public CompletionStage<CommandResult> submit(Command command, Set<String> roles) {
        Instant now = clock.instant();
        Map<String, Object> received = fields(command, null, "RECEIVED", null);
        received.put("roles", String.join("|", new java.util.TreeSet<>(roles)));
        received.put("reason", command.reason().isEmpty() ? null : command.reason());
        received.put("expiry", command.expiry());
        received.put("operation", command.operation());
        received.put("force", command.force() ? Boolean.TRUE : null);
        // Not waited for: the records after it are written after it, and a command is sent only once its SENT is.
        audit.appendAsync(received);
        observe(command, null, CommandState.RECEIVED, "");

        if (roles.stream().noneMatch(settings.commandRoles()::contains)) {
            return refuse(command, null, Refusal.NOT_AUTHORISED.because("issuer '" + command.issuer() + "' has none of the roles "
                    + new java.util.TreeSet<>(settings.commandRoles())));
        }
        if (!now.isBefore(command.expiry())) {
            return refuse(command, null, Refusal.EXPIRED.because("expired at " + command.expiry()));
        }
        if (command.expiry().isAfter(now.plus(settings.maxExpiry()))) {
            return refuse(command, null, Refusal.EXPIRY_TOO_FAR.because("expiry may lie at most " + settings.maxExpiry() + " ahead"));
        }
        Instant window = now.plus(settings.dedupWindow());
        Instant until = command.expiry().isAfter(window) ? command.expiry() : window;
        switch (ids.remember(command.operation() + "/" + command.id(), until, now)) {
            case DUPLICATE:
                return refuse(command, null, Refusal.DUPLICATE.because("command id '" + command.id() + "' was received before"));
            case FULL:
                return refuse(command, null, Refusal.TOO_MANY_COMMANDS.because("too many command ids to remember; try later"));
            default:
                break;
        }
        if (!issuerBuckets.computeIfAbsent(command.issuer(),
                k -> new TokenBucket(settings.issuerRate(k).perSecond(), settings.issuerRate(k).burst(), now)).tryTake(now)) {
            return refuse(command, null, Refusal.RATE_LIMITED.because("issuer '" + command.issuer() + "' sends too many commands"));
        }

        if (!command.targetsGroup()) {
            Optional<DeviceSnapshot> one = registry.snapshot(command.target());
            if (one.isEmpty()) {
                return refuse(command, command.target(), Refusal.UNKNOWN_DEVICE.because("no device '" + command.target() + "'"));
            }
            return CompletableFuture.supplyAsync(() -> onDevice(command, one.get()), executor).thenCompose(s -> s);
        }
        String group = command.target().substring(Command.GROUP_PREFIX.length());
        List<DeviceSnapshot> members = registry.find(new DeviceQuery(null, group, null));
        if (members.isEmpty()) {
            return refuse(command, null, Refusal.EMPTY_GROUP.because("no device is in group '" + group + "'"));
        }
        return FanOut.run(members, settings.groupParallelism(),
                        s -> CompletableFuture.supplyAsync(() -> onDevice(command, s), executor).thenCompose(x -> x))
                .thenCompose(results -> summary(command, results));
    }

    /** The counts per final state of a group result's devices, in state order. */
    public static Map<CommandState, Integer> counts(CommandResult result) {
        Map<CommandState, Integer> counts = new EnumMap<>(CommandState.class);
        List<CommandResult> each = result.perDevice().isEmpty() ? List.of(result) : result.perDevice();
        each.forEach(r -> counts.merge(r.state(), 1, Integer::sum));
        return counts;
    }

    private CompletionStage<CommandResult> summary(Command command, List<CommandResult> results) {
        CommandResult provisional = new CommandResult(command.id(), command.target(), CommandState.CONFIRMED, "",
                clock.instant(), results);
        Map<CommandState, Integer> counts = counts(provisional);
        CommandState state = counts.size() == 1 ? counts.keySet().iterator().next() : CommandState.FAILED;
        StringBuilder why = new StringBuilder();
        counts.forEach((s, n) -> why.append(why.length() == 0 ? "" : ", ").append(n).append(' ').append(s));
        CommandResult summary = new CommandResult(command.id(), command.target(), state,
                results.size() + " device(s): " + why, clock.instant(), results);
        Map<String, Object> f = fields(command, null, "SUMMARY", null);
        f.put("state", state);
        f.put("why", summary.reason());
        observe(command, null, state, summary.reason());
        return audit.appendAsync(f).thenApply(n -> summary);
    }

    // ---- one device ----

    private CompletionStage<CommandResult> onDevice(Command command, DeviceSnapshot snapshot) {
        Device device = snapshot.device();
        String id = device.id();
        Optional<Point> found = device.point(command.point());
        if (found.isEmpty()) {
            return refuse(command, id, Refusal.UNKNOWN_POINT.because("device " + id + " has no point '" + command.point() + "'"));
        }
        Point point = found.get();
        if (!point.access().writable()) {
            return refuse(command, id, Refusal.NOT_WRITABLE.because("point '" + point.name() + "' is read-only"));
        }
        if (snapshot.health().status() == HealthStatus.DRIVER_MISSING) {
            return refuse(command, id, Refusal.DRIVER_MISSING.because("no driver '" + device.driver() + "' is installed"));
        }
        Optional<MaintenanceWindow> works = maintenance.apply(device);
        if (works.isPresent() && !command.force()) {
            MaintenanceWindow w = works.get();
            return refuse(command, id, Refusal.IN_MAINTENANCE.because("device " + id + " is in maintenance"
                    + (w.targetsGroup() ? " with " + w.target() : "") + " until " + w.end() + " by " + w.by() + " ("
                    + w.reason() + "); force the command to send it anyway"));
        }
        // Audited with the command's ACCEPTED record, so the log tells what was forced past whose window.
        String forced = works.map(w -> "FORCED past maintenance of " + w.target() + " by " + w.by() + " (" + w.reason() + ")")
                .orElse(null);
        Optional<Duration> late;
        try {
            late = confirmWithin(point);
        } catch (IllegalArgumentException e) {
            return refuse(command, id, Refusal.INVALID_POINT.because(e.getMessage()));
        }
        Object typed;
        try {
            typed = point.type().coerce(command.value());
        } catch (IllegalArgumentException e) {
            return refuse(command, id, Refusal.INVALID_VALUE.because(e.getMessage()));
        }
        if (!point.withinLimits(typed)) {
            return refuse(command, id, Refusal.OUT_OF_LIMITS.because(typed + " lies outside " + point.limits().range()
                    + (point.unit().isEmpty() ? "" : " " + point.unit())));
        }
        Instant now = clock.instant();
        Object old = lastKnown(snapshot, point).map(Sent::value).orElse(null);
        Optional<String> tooFast = rateOfChange(snapshot, point, typed, now);
        if (tooFast.isPresent()) {
            return refuse(command, id, old, Refusal.RATE_OF_CHANGE.because(tooFast.get()));
        }
        for (Interlock interlock : interlocks.get()) {
            if (!interlock.deviceClass().equals(device.deviceClass())) {
                continue;
            }
            Optional<String> refusal;
            try {
                refusal = interlock.check(device, point, typed, snapshot);
            } catch (RuntimeException e) {
                LOG.warn("Interlock {} failed on {}; the command is refused", interlock.getClass().getName(), id, e);
                refusal = Optional.of("the interlock " + interlock.getClass().getSimpleName() + " failed: " + e);
            }
            if (refusal.isPresent()) {
                return refuse(command, id, old, Refusal.INTERLOCK.because(refusal.get()));
            }
        }
        String key = id + "/" + point.name();
        if (!point.selectBeforeOperate() && command.operation() != Command.Operation.DIRECT) {
            return refuse(command, id, old, Refusal.SELECT_NOT_USED.because("point '" + point.name()
                    + "' does not use select-before-operate; send it directly"));
        }
        if (point.selectBeforeOperate()) {
            switch (command.operation()) {
                case DIRECT:
                    return refuse(command, id, old, Refusal.SELECT_REQUIRED.because("point '" + point.name()
                            + "' must be selected before it is operated"));
                case SELECT: {
                    Instant until = now.plus(settings.selectTimeout());
                    Selection mine = new Selection(command.issuer(), typed, until);
                    Selection held = selections.merge(key, mine,
                            (cur, next) -> cur.until().isAfter(now) && !cur.issuer().equals(next.issuer()) ? cur : next);
                    if (held != mine) {
                        return refuse(command, id, old, Refusal.SELECT_MISMATCH.because("point is selected by '" + held.issuer()
                                + "' until " + held.until()));
                    }
                    return transition(command, id, old, typed, CommandState.RECEIVED, CommandState.ACCEPTED,
                            "selected until " + until).thenCompose(n -> done(command, id, CommandState.ACCEPTED,
                                    "selected; operate before " + until));
                }
                case OPERATE: {
                    Selection sel = selections.get(key);
                    if (sel == null) {
                        return refuse(command, id, old, Refusal.NOT_SELECTED.because("point '" + point.name() + "' is not selected"));
                    }
                    if (!sel.issuer().equals(command.issuer())) {
                        return refuse(command, id, old, Refusal.SELECT_MISMATCH.because("point is selected by '" + sel.issuer() + "'"));
                    }
                    selections.remove(key, sel);
                    if (!now.isBefore(sel.until())) {
                        return refuse(command, id, old, Refusal.SELECT_TIMEOUT.because("the selection ran out at " + sel.until()));
                    }
                    if (!sameValue(point, sel.value(), typed)) {
                        return refuse(command, id, old, Refusal.SELECT_MISMATCH.because("selected " + sel.value()
                                + " but operate asks for " + typed));
                    }
                    break;
                }
                default:
                    throw new AssertionError(command.operation());
            }
        }
        if (!deviceBuckets.computeIfAbsent(id, k -> new TokenBucket(settings.deviceRatePerSecond(), settings.deviceBurst(), now))
                .tryTake(now)) {
            return refuse(command, id, old, Refusal.RATE_LIMITED.because("device " + id + " receives too many commands"));
        }
        if (!clock.instant().isBefore(command.expiry())) {
            return refuse(command, id, old, Refusal.EXPIRED.because("expired at " + command.expiry()));
        }
        transition(command, id, old, typed, CommandState.RECEIVED, CommandState.ACCEPTED, forced);
        return send(command, id, point, old, typed, late.map(Confirmation::late).orElseGet(this::prompt));
    }

    /**
     * How a write is confirmed: within what time, and whether the device shows it only late (a
     * readback that disagrees is "not yet", the pauses between readbacks grow, the end is UNKNOWN).
     */
    private record Confirmation(Duration within, boolean late) {
        static Confirmation late(Duration within) {
            return new Confirmation(within, true);
        }
    }

    private Confirmation prompt() {
        return new Confirmation(settings.confirmTimeout(), false);
    }

    /** The point's own confirmation window, when it declares one. */
    static Optional<Duration> confirmWithin(Point point) {
        String within = point.options().get(CONFIRM_WITHIN);
        if (within == null) {
            return Optional.empty();
        }
        try {
            Duration d = Duration.parse(within.trim());
            if (d.isNegative() || d.isZero()) {
                throw new java.time.format.DateTimeParseException("not positive", within, 0);
            }
            return Optional.of(d);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("point '" + point.name() + "' has option " + CONFIRM_WITHIN + " '" + within
                    + "', which is not a positive ISO-8601 duration such as PT24H");
        }
    }

    private CompletionStage<CommandResult> send(Command command, String id, Point point, Object old, Object typed,
            Confirmation confirmation) {
        if (!clock.instant().isBefore(command.expiry())) {
            // Expiry passed while it was being checked: never send it.
            return transition(command, id, old, typed, CommandState.ACCEPTED, CommandState.FAILED,
                    Refusal.EXPIRED.because("not sent")).thenCompose(n -> done(command, id, CommandState.FAILED,
                            Refusal.EXPIRED.because("expired before it could be sent")));
        }
        // Write-ahead: the command reaches the device only once its SENT record is in the audit log. Sent from a
        // pipeline worker: the audit log's one completing thread would otherwise send a whole batch of devices.
        return transition(command, id, old, typed, CommandState.ACCEPTED, CommandState.SENT, null)
                .thenComposeAsync(n -> write(command, id, point, old, typed, confirmation), executor);
    }

    private CompletionStage<CommandResult> write(Command command, String id, Point point, Object old, Object typed,
            Confirmation confirmation) {
        CompletionStage<Void> write;
        try {
            write = io.write(id, point.name(), typed, settings.ioTimeout());
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        // On to the readback on a pipeline worker: the write completes on the driver's thread, which a group
        // command's thousands of acknowledgements already keep busy.
        return write.handleAsync((ok, error) -> {
            if (error == null) {
                lastSent.put(id + "/" + point.name(), new Sent(typed, clock.instant()));
                return confirm(command, id, point, old, typed, confirmation,
                        System.nanoTime() + confirmation.within().toNanos(), settings.confirmInterval(), null);
            }
            Throwable cause = unwrap(error);
            CommandState state = cause instanceof DeviceIOException d && d.reason() == DeviceIOException.Reason.TIMEOUT
                    ? CommandState.TIMED_OUT : CommandState.FAILED;
            String why = Refusal.DEVICE_ERROR.because(cause instanceof DeviceIOException d
                    ? d.reason() + " " + d.getMessage() : String.valueOf(cause));
            return finish(command, id, old, typed, CommandState.SENT, state, why);
        }, executor).thenCompose(s -> s);
    }

    /**
     * Reads the point back until it matches or the confirmation deadline (of {@link System#nanoTime()},
     * as it measures a real wait) passes.
     */
    private CompletionStage<CommandResult> confirm(Command command, String id, Point point, Object old, Object typed,
            Confirmation confirmation, long deadline, Duration pause, String lastMismatch) {
        if (!point.access().readable()) {
            return finish(command, id, old, typed, CommandState.SENT, CommandState.UNKNOWN,
                    Refusal.NO_READBACK.because("point '" + point.name() + "' is write-only; the result cannot be read back"));
        }
        CompletionStage<List<Value>> read;
        try {
            read = io.read(id, List.of(point.name()), settings.ioTimeout());
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        return read.handle((values, error) -> {
            String mismatch = lastMismatch;
            if (error == null) {
                Value v = values.stream().filter(x -> x.point().equals(point.name())).findFirst().orElse(null);
                if (v != null && v.quality() != Quality.BAD && v.hasValue()) {
                    if (sameValue(point, typed, v.value())) {
                        return finish(command, id, old, typed, CommandState.SENT, CommandState.CONFIRMED, "");
                    }
                    mismatch = "read back " + v.value() + ", expected " + typed;
                }
            }
            long left = deadline - System.nanoTime();
            if (confirmation.late()) {
                if (left <= 0) {
                    return finish(command, id, old, typed, CommandState.SENT, CommandState.UNKNOWN,
                            Refusal.NO_READBACK.because("not shown by the device within " + confirmation.within() + " ("
                                    + (mismatch != null ? mismatch : error == null ? "no readback" : String.valueOf(unwrap(error)))
                                    + "); it may still take effect"));
                }
            } else if (settings.confirmInterval().toNanos() - left >= 0) {
                return mismatch != null
                        ? finish(command, id, old, typed, CommandState.SENT, CommandState.FAILED, Refusal.READBACK_MISMATCH.because(mismatch))
                        : finish(command, id, old, typed, CommandState.SENT, CommandState.TIMED_OUT,
                                Refusal.NO_READBACK.because("no readback within " + settings.confirmTimeout()
                                        + (error == null ? "" : " (" + unwrap(error) + ")")));
            }
            String m = mismatch;
            // A late point's last readback falls on its deadline, so that UNKNOWN comes on time.
            long wait = confirmation.late() ? Math.min(pause.toNanos(), left) : pause.toNanos();
            Duration next = confirmation.late() ? min(pause.multipliedBy(2), LATE_READBACK_PAUSE) : pause;
            Executor later = CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS, executor);
            return CompletableFuture.supplyAsync(() -> confirm(command, id, point, old, typed, confirmation, deadline, next, m),
                    later).thenCompose(s -> s);
        }).thenCompose(s -> s);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    // ---- checks ----

    /** The newer of the last value read and the last setpoint sent. */
    private Optional<Sent> lastKnown(DeviceSnapshot snapshot, Point point) {
        Value v = snapshot.values().get(point.name());
        Sent read = v != null && v.hasValue() ? new Sent(v.value(), v.timestamp()) : null;
        Sent sent = lastSent.get(snapshot.device().id() + "/" + point.name());
        if (read == null) {
            return Optional.ofNullable(sent);
        }
        return Optional.of(sent != null && sent.at().isAfter(read.at()) ? sent : read);
    }

    private Optional<String> rateOfChange(DeviceSnapshot snapshot, Point point, Object typed, Instant now) {
        Double maxRate = point.limits().maxRatePerSecond();
        if (maxRate == null || !(typed instanceof Number target)) {
            return Optional.empty();
        }
        Optional<Sent> last = lastKnown(snapshot, point);
        if (last.isEmpty() || !(last.get().value() instanceof Number from)) {
            return Optional.empty();
        }
        double change = Math.abs(target.doubleValue() - from.doubleValue());
        double seconds = Math.max(Duration.between(last.get().at(), now).toNanos() / 1e9, 1e-3);
        if (change / seconds > maxRate) {
            return Optional.of(String.format(java.util.Locale.ROOT,
                    "from %s to %s in %.3f s is %.3g/s, more than the %s/s allowed", from, target, seconds, change / seconds,
                    maxRate));
        }
        return Optional.empty();
    }

    /** Equality of two values of a point: within a tolerance for floats. */
    static boolean sameValue(Point point, Object expected, Object actual) {
        Object a;
        try {
            a = point.type().coerce(actual);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (point.type() == DataType.FLOAT) {
            double x = ((Number) expected).doubleValue();
            double y = ((Number) a).doubleValue();
            double tolerance = Math.max(point.deadband(), 1e-6 * Math.max(1, Math.abs(x)));
            return Math.abs(x - y) <= tolerance;
        }
        return Objects.equals(expected, a);
    }

    // ---- results and audit ----

    private CompletionStage<CommandResult> refuse(Command command, String deviceId, String why) {
        return refuse(command, deviceId, null, why);
    }

    private CompletionStage<CommandResult> refuse(Command command, String deviceId, Object old, String why) {
        Map<String, Object> f = fields(command, deviceId, CommandState.REJECTED.name(), CommandState.RECEIVED);
        f.put("old", old);
        f.put("why", why);
        observe(command, deviceId, CommandState.REJECTED, why);
        return audit.appendAsync(f).thenCompose(n -> done(command, deviceId == null ? command.target() : deviceId,
                CommandState.REJECTED, why));
    }

    private CompletionStage<CommandResult> finish(Command command, String id, Object old, Object typed, CommandState from,
            CommandState to, String why) {
        return transition(command, id, old, typed, from, to, why).thenCompose(n -> done(command, id, to, why));
    }

    /** Appends a state change; the stage completes once it is in the audit log. */
    private CompletableFuture<Long> transition(Command command, String id, Object old, Object typed, CommandState from,
            CommandState to, String why) {
        Map<String, Object> f = fields(command, id, to.name(), from);
        f.put("value", typed);
        f.put("old", old);
        f.put("why", why == null || why.isEmpty() ? null : why);
        observe(command, id, to, why);
        return audit.appendAsync(f);
    }

    private void observe(Command command, String deviceId, CommandState state, String why) {
        observer.accept(new CommandEvent(command.id(), command.target(), deviceId, command.point(), command.value(),
                command.issuer(), state, why, clock.instant()));
    }

    private CompletionStage<CommandResult> done(Command command, String deviceId, CommandState state, String why) {
        return CompletableFuture.completedFuture(new CommandResult(command.id(), deviceId, state, why, clock.instant(), null));
    }

    private static Map<String, Object> fields(Command command, String deviceId, String event, CommandState from) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("event", event);
        f.put("from", from);
        f.put("command", command.id());
        f.put("issuer", command.issuer());
        f.put("target", command.target());
        f.put("device", deviceId);
        f.put("point", command.point());
        f.put("value", command.value());
        return f;
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
