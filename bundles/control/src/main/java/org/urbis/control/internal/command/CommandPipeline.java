package org.urbis.control.internal.command;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandEvent;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.api.command.Interlock;
import org.urbis.api.device.Device;
import org.urbis.api.maintenance.MaintenanceWindow;
import org.urbis.api.runtime.DeviceIO;
import org.urbis.api.runtime.DeviceIOException;
import org.urbis.api.runtime.DeviceQuery;
import org.urbis.api.runtime.DeviceRegistry;
import org.urbis.api.runtime.DeviceSnapshot;
import org.urbis.control.internal.audit.AuditLog;

/**
 * The one command pipeline: the command's checks ({@link CommandChecks}: authorise, expiry, de-duplicate,
 * rate-limit the issuer) → resolve the target (one device, or a group fanned out with bounded parallelism) → per
 * device: the safety checks ({@link DeviceChecks}: maintenance, the point's type, limits and rate of change, the
 * class's interlocks) → {@link SelectBeforeOperate} → rate-limit the device → send → confirm by {@link Readback}.
 * Every received command and every state change is appended to the audit log ({@link CommandAuditor}). Refused
 * commands never reach {@link DeviceIO}.
 */
public final class CommandPipeline {

    private final DeviceRegistry registry;
    private final DeviceIO io;
    private final AuditLog audit;
    private final ControlSettings settings;
    private final Clock clock;
    private final Executor executor;
    private final CommandChecks commandChecks;
    private final DeviceChecks deviceChecks;
    private final SelectBeforeOperate selection;
    private final Readback readback;
    private final CommandAuditor auditor;

    /**
     * @param executor runs the per-device work and the pauses between readbacks; the pipeline
     *                 never blocks one of its threads
     */
    public CommandPipeline(
            DeviceRegistry registry,
            DeviceIO io,
            Supplier<List<Interlock>> interlocks,
            AuditLog audit,
            ControlSettings settings,
            Clock clock,
            Executor executor) {
        this(registry, io, interlocks, audit, settings, clock, executor, e -> {});
    }

    /**
     * @param observer learns every state change of every command as it is audited, on the thread
     *                 that made it: it must hand the change over and return
     */
    public CommandPipeline(
            DeviceRegistry registry,
            DeviceIO io,
            Supplier<List<Interlock>> interlocks,
            AuditLog audit,
            ControlSettings settings,
            Clock clock,
            Executor executor,
            Consumer<CommandEvent> observer) {
        this(registry, io, interlocks, audit, settings, clock, executor, observer, d -> Optional.empty());
    }

    /** @param maintenance the maintenance window in force on a device, if any */
    public CommandPipeline(
            DeviceRegistry registry,
            DeviceIO io,
            Supplier<List<Interlock>> interlocks,
            AuditLog audit,
            ControlSettings settings,
            Clock clock,
            Executor executor,
            Consumer<CommandEvent> observer,
            Function<Device, Optional<MaintenanceWindow>> maintenance) {
        this.registry = registry;
        this.io = io;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.executor = executor;
        this.commandChecks = new CommandChecks(settings);
        this.deviceChecks = new DeviceChecks(interlocks, maintenance, settings);
        this.selection = new SelectBeforeOperate(settings.selectTimeout());
        this.auditor = new CommandAuditor(audit.writer(), observer, clock);
        this.readback = new Readback(io, settings, executor, auditor);
    }

    /**
     * Remembers again the ids of the commands the audit log received within their window, so
     * that a restart does not let a repeated id through. Returns how many were restored.
     */
    public int restoreIds() throws IOException {
        return commandChecks.restoreIds(audit.reader(), clock.instant());
    }

    /** Submits with the roles configured for the issuer's name. */
    public CompletionStage<CommandResult> submit(Command command) {
        return submit(command, settings.issuerRoles().getOrDefault(command.issuer(), Set.of()));
    }

    /** Submits on behalf of an issuer with the given (authenticated) roles. */
    public CompletionStage<CommandResult> submit(Command command, Set<String> roles) {
        Instant now = clock.instant();
        CompletableFuture<Long> received = auditor.received(command, roles);
        Optional<String> refused = commandChecks.check(command, roles, now);
        if (refused.isPresent()) {
            return auditor.refuse(command, null, null, refused.get());
        }
        if (!command.targetsGroup()) {
            Optional<DeviceSnapshot> one = registry.snapshot(command.target());
            if (one.isEmpty()) {
                return auditor.refuse(
                        command,
                        command.target(),
                        null,
                        Refusal.UNKNOWN_DEVICE.because("no device '" + command.target() + "'"));
            }
            return CompletableFuture.supplyAsync(() -> onDevice(command, one.get(), received), executor)
                    .thenCompose(s -> s);
        }
        String group = command.target().substring(Command.GROUP_PREFIX.length());
        List<String> members = registry.findIds(new DeviceQuery(null, group, null));
        if (members.isEmpty()) {
            return auditor.refuse(
                    command, null, null, Refusal.EMPTY_GROUP.because("no device is in group '" + group + "'"));
        }
        return FanOut.run(members, settings.groupParallelism(), executor, id -> onMember(command, id, received))
                .thenCompose(results -> summary(command, results));
    }

    /** A group's member, checked on its snapshot as of its turn: the last of a large group comes seconds later. */
    private CompletionStage<CommandResult> onMember(Command command, String id, CompletableFuture<Long> received) {
        Optional<DeviceSnapshot> now = registry.snapshot(id);
        if (now.isEmpty()) {
            return auditor.refuse(
                    command,
                    id,
                    null,
                    Refusal.UNKNOWN_DEVICE.because("device " + id + " left the inventory before its turn came"));
        }
        return onDevice(command, now.get(), received);
    }

    private CompletionStage<CommandResult> summary(Command command, List<CommandResult> results) {
        CommandResult provisional =
                new CommandResult(command.id(), command.target(), CommandState.CONFIRMED, "", clock.instant(), results);
        Map<CommandState, Integer> counts = provisional.counts();
        CommandState state = counts.size() == 1 ? counts.keySet().iterator().next() : CommandState.FAILED;
        StringBuilder why = new StringBuilder();
        counts.forEach((s, n) ->
                why.append(why.length() == 0 ? "" : ", ").append(n).append(' ').append(s));
        return auditor.summary(
                command,
                new CommandResult(
                        command.id(),
                        command.target(),
                        state,
                        results.size() + " device(s): " + why,
                        clock.instant(),
                        results));
    }

    // ---- one device ----

    /** @param received the command's RECEIVED record, written or failing: nothing is sent without it */
    private CompletionStage<CommandResult> onDevice(
            Command command, DeviceSnapshot snapshot, CompletableFuture<Long> received) {
        String id = snapshot.device().id();
        Instant now = clock.instant();
        DeviceChecks.Verdict verdict = deviceChecks.check(command, snapshot, now);
        if (verdict instanceof DeviceChecks.Refused r) {
            return auditor.refuse(command, id, r.old(), r.why());
        }
        DeviceCommand d = (DeviceCommand) verdict;
        SelectBeforeOperate.Step step = selection.step(d, now);
        if (step.refusal() != null) {
            return auditor.refuse(command, id, d.old(), step.refusal());
        }
        if (step.selectedUntil() != null) {
            Instant until = step.selectedUntil();
            return auditor.transition(d, CommandState.RECEIVED, CommandState.ACCEPTED, "selected until " + until)
                    .thenCompose(
                            n -> auditor.done(command, id, CommandState.ACCEPTED, "selected; operate before " + until));
        }
        Optional<String> tooMany = deviceChecks.deviceRate(id, now);
        if (tooMany.isPresent()) {
            return auditor.refuse(command, id, d.old(), tooMany.get());
        }
        if (!clock.instant().isBefore(command.expiry())) {
            return auditor.refuse(command, id, d.old(), Refusal.EXPIRED.because("expired at " + command.expiry()));
        }
        CompletableFuture<Long> accepted =
                auditor.transition(d, CommandState.RECEIVED, CommandState.ACCEPTED, d.forced());
        return send(d, received, accepted);
    }

    private CompletionStage<CommandResult> send(
            DeviceCommand d, CompletableFuture<Long> received, CompletableFuture<Long> accepted) {
        if (!clock.instant().isBefore(d.command().expiry())) {
            // Expiry passed while it was being checked: never send it.
            return auditor.transition(
                            d, CommandState.ACCEPTED, CommandState.FAILED, Refusal.EXPIRED.because("not sent"))
                    .thenCompose(n -> auditor.done(
                            d.command(),
                            d.deviceId(),
                            CommandState.FAILED,
                            Refusal.EXPIRED.because("expired before it could be sent")));
        }
        // Write-ahead: the command reaches the device only once its records up to SENT are in the audit log. They are
        // written in order, but one that fails (a full disk for a moment) does not stop those after it, so the
        // earlier ones, done by the time SENT is, are checked too. Sent from a pipeline worker: the audit log's one
        // completing thread would otherwise send a whole batch of devices.
        return auditor.transition(d, CommandState.ACCEPTED, CommandState.SENT, null)
                .thenComposeAsync(
                        n -> written(received) && written(accepted)
                                ? write(d)
                                : auditor.finish(
                                        d,
                                        CommandState.SENT,
                                        CommandState.FAILED,
                                        Refusal.NOT_AUDITED.because("not sent: the audit log could not record its "
                                                + (written(received) ? "ACCEPTED" : "RECEIVED") + " record")),
                        executor);
    }

    private static boolean written(CompletableFuture<Long> record) {
        return record.isDone() && !record.isCompletedExceptionally();
    }

    private CompletionStage<CommandResult> write(DeviceCommand d) {
        CompletionStage<Void> write;
        try {
            write = io.write(d.deviceId(), d.point().name(), d.value(), settings.ioTimeout());
        } catch (RuntimeException e) {
            write = CompletableFuture.failedFuture(e);
        }
        // On to the readback on a pipeline worker: the write completes on the driver's thread, which a group
        // command's thousands of acknowledgements already keep busy.
        return write.handleAsync(
                        (ok, error) -> {
                            if (error == null) {
                                deviceChecks.sent(d, clock.instant());
                                return readback.confirm(d);
                            }
                            Throwable cause = unwrap(error);
                            CommandState state = cause instanceof DeviceIOException e
                                            && e.reason() == DeviceIOException.Reason.TIMEOUT
                                    ? CommandState.TIMED_OUT
                                    : CommandState.FAILED;
                            String why = Refusal.DEVICE_ERROR.because(
                                    cause instanceof DeviceIOException e
                                            ? e.reason() + " " + e.getMessage()
                                            : String.valueOf(cause));
                            return auditor.finish(d, CommandState.SENT, state, why);
                        },
                        executor)
                .thenCompose(s -> s);
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
