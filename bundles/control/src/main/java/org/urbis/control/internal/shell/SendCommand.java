package org.urbis.control.internal.shell;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.Parsing;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.urbis.api.command.CommandResult;
import org.urbis.api.command.CommandService;
import org.urbis.shell.parsing.SignedNumbers;
import org.urbis.shell.session.ConsoleCaller;

/** {@code urbis:command}: sends a command through the pipeline as the logged-in user, with that user's roles. */
@Command(
        scope = "urbis",
        name = "command",
        description = "Sends a command to a device or a group (group:key=value) and prints each device's result")
@Service
@Parsing(SignedNumbers.class)
public class SendCommand implements Action {

    @Argument(index = 0, name = "target", description = "A device id, or group:key=value", required = true)
    String target;

    @Argument(index = 1, name = "point", description = "The point to set", required = true)
    String point;

    @Argument(index = 2, name = "value", description = "The setpoint", required = true)
    String value;

    @Option(name = "--reason", description = "Why, for the audit log")
    String reason = "";

    @Option(
            name = "--expiry",
            description = "Seconds, or an ISO-8601 duration such as PT5M, after which it is never sent")
    String expiry;

    @Option(name = "--id", description = "Command id; a repeated id is never executed twice (default: a new one)")
    String id;

    @Option(name = "--select", description = "Only select the point (select-before-operate)")
    boolean select;

    @Option(name = "--operate", description = "Operate a point selected before with the same value")
    boolean operate;

    @Option(name = "--force", description = "Send also to devices in maintenance; audited as forced")
    boolean force;

    @Reference
    CommandService commands;

    @Override
    public Object execute() throws Exception {
        if (select && operate) {
            throw new IllegalArgumentException("--select and --operate exclude each other");
        }
        ConsoleCaller caller = ConsoleCaller.current();
        Duration ttl = expiry == null ? commands.defaultExpiry() : parseExpiry(expiry);
        org.urbis.api.command.Command.Operation op = select
                ? org.urbis.api.command.Command.Operation.SELECT
                : operate
                        ? org.urbis.api.command.Command.Operation.OPERATE
                        : org.urbis.api.command.Command.Operation.DIRECT;
        org.urbis.api.command.Command command = new org.urbis.api.command.Command(
                id != null ? id : UUID.randomUUID().toString(),
                target,
                point,
                value,
                caller.user(),
                reason,
                Instant.now().plus(ttl),
                op,
                force);
        CommandResult result = commands.submit(command, caller.roles())
                .toCompletableFuture()
                .get(ttl.toSeconds() + 60, TimeUnit.SECONDS);
        print(result);
        return null;
    }

    /** Seconds as a plain number, or an ISO-8601 duration. */
    static Duration parseExpiry(String text) {
        Duration d = text.trim().matches("\\d+")
                ? Duration.ofSeconds(Long.parseLong(text.trim()))
                : Duration.parse(text.trim());
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("expiry must be positive");
        }
        return d;
    }

    static void print(CommandResult result) {
        System.out.println("Command " + result.commandId());
        ShellTable table = new ShellTable();
        table.column("Device");
        table.column("State");
        table.column("Reason");
        (result.perDevice().isEmpty() ? java.util.List.of(result) : result.perDevice())
                .forEach(r -> table.addRow().addContent(r.deviceId(), r.state(), r.reason()));
        table.print(System.out);
        StringBuilder summary = new StringBuilder("Summary:");
        result.counts()
                .forEach((s, n) -> summary.append(' ').append(s).append('=').append(n));
        System.out.println(summary);
    }
}
