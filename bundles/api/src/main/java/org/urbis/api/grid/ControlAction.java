package org.urbis.api.grid;

import java.time.Instant;
import java.util.List;

/**
 * What a feeder's controller did, or proposes while in advise mode.
 *
 * @param id         the proposal's id to approve, or the prefix of the commands' ids
 * @param controller {@code peak} or {@code export}
 * @param commands   {@code <device> <point>=<value>} each
 * @param outcome    {@code proposed}, {@code sent}, or the commands' final states
 */
public record ControlAction(
        String id, Instant time, String controller, String mode, List<String> commands, String reason, String outcome) {

    public ControlAction {
        commands = List.copyOf(commands);
    }
}
