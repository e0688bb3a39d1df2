package org.urbis.telemetry.internal.link;

import java.util.concurrent.CompletionStage;
import org.urbis.api.command.CommandResult;
import org.urbis.telemetry.internal.encoding.CommandRequest;

/** Where decoded commands go: the control pipeline when it is there. */
@FunctionalInterface
public interface CommandGateway {

    /** Runs a command; the stage never fails, a refusal is a REJECTED result. */
    CompletionStage<CommandResult> submit(CommandRequest request);
}
