package org.urbis.api.command;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

    /**
     * How many devices ended in each state: over the per-device results of a group command, else this result alone.
     *
     * @return the count of each state reached, in the states' order; a state no device reached is absent
     * @since 1.4
     */
    public Map<CommandState, Integer> counts() {
        Map<CommandState, Integer> counts = new EnumMap<>(CommandState.class);
        (perDevice.isEmpty() ? List.of(this) : perDevice).forEach(r -> counts.merge(r.state(), 1, Integer::sum));
        return counts;
    }
}
