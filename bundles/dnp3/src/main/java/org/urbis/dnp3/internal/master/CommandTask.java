package org.urbis.dnp3.internal.master;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.urbis.dnp3.CommandFailedException;
import org.urbis.dnp3.CommandMode;
import org.urbis.dnp3.CommandStatus;
import org.urbis.dnp3.IinFlag;
import org.urbis.dnp3.internal.app.Fragment;
import org.urbis.dnp3.internal.app.FunctionCode;
import org.urbis.dnp3.internal.app.ObjectBlock;
import org.urbis.dnp3.internal.app.ObjectType;
import org.urbis.dnp3.internal.app.ObjectValue;

/**
 * A CROB or analog output to one point, direct or select-before-operate. The outcome is the status in the
 * echoed object; an echo that differs from what was sent fails the command (IEEE 1815 requires an exact echo).
 */
final class CommandTask extends MasterTask {

    private final ObjectType type;
    private final int index;
    private final ObjectValue command;
    private final CommandMode mode;
    private final CompletableFuture<CommandStatus> outcome;
    private boolean selected;

    CommandTask(
            ObjectType type,
            int index,
            ObjectValue command,
            CommandMode mode,
            CompletableFuture<CommandStatus> outcome) {
        super(Kind.COMMAND, null);
        this.type = type;
        this.index = index;
        this.command = command;
        this.mode = mode;
        this.outcome = outcome;
    }

    @Override
    byte[] request(int seq) {
        FunctionCode function = mode == CommandMode.DIRECT_OPERATE
                ? FunctionCode.DIRECT_OPERATE
                : selected ? FunctionCode.OPERATE : FunctionCode.SELECT;
        return Requests.of(function, seq)
                .indexed(type, List.of(index), List.of(command))
                .toBytes();
    }

    @Override
    Step response(Fragment response) {
        ObjectValue echo = echo(response);
        if (echo == null) {
            outcome.completeExceptionally(new CommandFailedException("the outstation answered without echoing " + type
                    + " index " + index + ", IIN " + IinFlag.of(response.iin())));
            return Step.DONE;
        }
        CommandStatus status = status(echo);
        if (!withoutStatus(echo).equals(withoutStatus(command))) {
            outcome.completeExceptionally(new CommandFailedException(
                    "the outstation's echo of " + type + " index " + index + " differs from the request"));
            return Step.DONE;
        }
        if (mode == CommandMode.SELECT_BEFORE_OPERATE && !selected && status == CommandStatus.SUCCESS) {
            selected = true;
            return Step.NEXT_REQUEST;
        }
        outcome.complete(status);
        return Step.DONE;
    }

    private ObjectValue echo(Fragment response) {
        for (ObjectBlock block : response.blocks()) {
            if (block.type() == type) {
                for (int i = 0; i < block.values().size(); i++) {
                    if (block.indices().get(i) == index) {
                        return block.values().get(i);
                    }
                }
            }
        }
        return null;
    }

    private static CommandStatus status(ObjectValue value) {
        return value instanceof ObjectValue.Control c ? c.status() : ((ObjectValue.AnalogCommand) value).status();
    }

    private static ObjectValue withoutStatus(ObjectValue value) {
        return value instanceof ObjectValue.Control c
                ? new ObjectValue.Control(c.crob(), CommandStatus.SUCCESS)
                : new ObjectValue.AnalogCommand(((ObjectValue.AnalogCommand) value).value(), CommandStatus.SUCCESS);
    }

    @Override
    void failed(String reason) {
        outcome.completeExceptionally(new CommandFailedException(reason));
    }

    @Override
    boolean onDemand() {
        return true;
    }
}
