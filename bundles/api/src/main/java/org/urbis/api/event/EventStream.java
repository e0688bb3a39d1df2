package org.urbis.api.event;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The stream of device events, offered by the platform core as an OSGi service. Every subscriber has
 * its own bounded queue and delivery thread, so a slow subscriber never delays another.
 */
@ProviderType
public interface EventStream {

    /**
     * Subscribes a listener.
     *
     * @param name     names the subscription in logs and thread names
     * @param listener receives the events
     * @param options  queue size, batching and overflow policy
     */
    Subscription subscribe(String name, EventListener listener, SubscriptionOptions options);
}
