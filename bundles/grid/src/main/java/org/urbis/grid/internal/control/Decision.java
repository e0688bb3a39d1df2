package org.urbis.grid.internal.control;

import java.util.List;

/**
 * What a controller concluded from one look at its feeder.
 *
 * @param controller {@code peak} or {@code export}
 * @param orders     the commands it wants sent; empty when it holds
 * @param reason     why, in the operator's words; also when it holds
 */
public record Decision(String controller, List<Order> orders, String reason) {

    public Decision {
        orders = List.copyOf(orders);
    }

    public boolean acts() {
        return !orders.isEmpty();
    }
}
