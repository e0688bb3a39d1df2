package org.urbis.api.event;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** Receives events in batches, on a thread of its own subscription, in order. */
@ConsumerType
@FunctionalInterface
public interface EventListener {

    /**
     * Handles a batch. An exception is logged and counted; the batch is not redelivered, so a
     * listener that must not lose events keeps them itself before returning.
     */
    void onEvents(List<DeviceEvent> events) throws Exception;
}
