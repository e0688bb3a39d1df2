package org.urbis.api.command;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a command on one device, or the summary of a group command with one result per
 * device.
 *
 * @param commandId the command
 * @param deviceId  the device, or the group target for a summary
 * @param state     the final state reached
 * @param reason    why it was rejected or failed; empty when confirmed
 * @param time      when the state was reached
 * @param perDevice per-device results of a group command; empty for a single device
 */
public record CommandResult(
        String commandId,
        String deviceId,
        CommandState state,
        String reason,
        Instant time,
        List<CommandResult> perDevice) {

    public CommandResult {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(time, "time");
        perDevice = perDevice == null ? List.of() : List.copyOf(perDevice);
    }
}
