package org.urbis.grid.internal;

import java.time.Instant;
import java.util.List;
import org.urbis.grid.internal.control.Order;
import org.urbis.grid.internal.feeder.Mode;

/**
 * Something a controller did or proposed, with its reason, kept for the console.
 *
 * @param id      the proposal's id an operator approves, or the commands' common id prefix
 * @param outcome what became of it: {@code proposed}, {@code sent}, then the commands' final states
 */
public record ControllerAction(
        String id,
        Instant time,
        String feeder,
        String controller,
        Mode mode,
        List<Order> orders,
        String reason,
        String outcome) {

    ControllerAction withOutcome(String o) {
        return new ControllerAction(id, time, feeder, controller, mode, orders, reason, o);
    }
}
