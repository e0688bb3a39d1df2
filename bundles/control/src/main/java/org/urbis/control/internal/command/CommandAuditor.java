package org.urbis.control.internal.command;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.urbis.api.command.Command;
import org.urbis.api.command.CommandEvent;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandState;
import org.urbis.control.internal.audit.AuditWriter;
import org.urbis.control.internal.audit.CommandRecords;

/**
 * Records every state change of a command in the audit log ({@link CommandRecords} says with which fields) and
 * tells the observer of it; the results it returns are due once their record is in the log.
 */
final class CommandAuditor {

    private final AuditWriter log;
    /** Learns every state change as it is audited; must return at once (it hands the change over). */
    private final Consumer<CommandEvent> observer;

    private final Clock clock;

    CommandAuditor(AuditWriter log, Consumer<CommandEvent> observer, Clock clock) {
        this.log = log;
        this.observer = observer;
        this.clock = clock;
    }

    /** Appends a command's RECEIVED record; the stage completes once it is in the audit log. */
    CompletableFuture<Long> received(Command command, Set<String> roles) {
        CompletableFuture<Long> written = log.appendAsync(CommandRecords.received(command, roles));
        observe(command, null, CommandState.RECEIVED, "");
        return written;
    }

    /** Refuses a command as a whole ({@code deviceId} null) or for one device. */
    CompletionStage<CommandResult> refuse(Command command, String deviceId, Object old, String why) {
        Map<String, Object> f = CommandRecords.refused(command, deviceId, old, why);
        observe(command, deviceId, CommandState.REJECTED, why);
        return log.appendAsync(f)
                .thenCompose(
                        n -> done(command, deviceId == null ? command.target() : deviceId, CommandState.REJECTED, why));
    }

    /** Ends a device's command in state {@code to}. */
    CompletionStage<CommandResult> finish(DeviceCommand d, CommandState from, CommandState to, String why) {
        return transition(d, from, to, why).thenCompose(n -> done(d.command(), d.deviceId(), to, why));
    }

    /** Appends a state change; the stage completes once it is in the audit log. */
    CompletableFuture<Long> transition(DeviceCommand d, CommandState from, CommandState to, String why) {
        Map<String, Object> f = CommandRecords.changed(d.command(), d.deviceId(), d.value(), d.old(), from, to, why);
        observe(d.command(), d.deviceId(), to, why);
        return log.appendAsync(f);
    }

    /** Records a group command's summary; the stage completes with it once it is in the audit log. */
    CompletionStage<CommandResult> summary(Command command, CommandResult summary) {
        Map<String, Object> f = CommandRecords.summary(command, summary.state(), summary.reason());
        observe(command, null, summary.state(), summary.reason());
        return log.appendAsync(f).thenApply(n -> summary);
    }

    /** A device's (or a whole command's) result, as of now. */
    CompletionStage<CommandResult> done(Command command, String deviceId, CommandState state, String why) {
        return CompletableFuture.completedFuture(
                new CommandResult(command.id(), deviceId, state, why, clock.instant(), null));
    }

    private void observe(Command command, String deviceId, CommandState state, String why) {
        observer.accept(new CommandEvent(
                command.id(),
                command.target(),
                deviceId,
                command.point(),
                command.value(),
                command.issuer(),
                state,
                why,
                clock.instant()));
    }
}
