package org.urbis.driver.streetlight.internal;

import java.util.function.BiConsumer;
import org.urbis.api.driver.DriverException;

/** What a luminaire's session needs of the connection its node is reached through. */
interface NodeLink {

    /**
     * Hands every message on {@code topic} to {@code handler}; runs {@code subscribed} (may be null)
     * once the subscription is in place.
     */
    void subscribe(String topic, BiConsumer<String, byte[]> handler, Runnable subscribed);

    void unsubscribe(String topic);

    /** Publishes a command; fails at once when the node cannot be reached. */
    void publish(String topic, byte[] payload) throws DriverException;

    /** Bounds the commands out at the nodes of this link, whose answers come back through it. */
    CommandWindow commands();
}
