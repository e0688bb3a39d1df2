package org.urbis.api.command;

import java.util.concurrent.CompletionStage;

/**
 * The command pipeline, offered by the control bundle. Every command source (shell, REST, the
 * operations centre, schedules) submits here; nothing else writes to devices.
 */
public interface CommandService {

    /**
     * Submits a command. The stage completes with its final result; it never completes
     * exceptionally for a refused command, which is a REJECTED result with its reason.
     */
    CompletionStage<CommandResult> submit(Command command);
}
