package org.urbis.core.internal.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.EventListener;
import org.urbis.api.event.EventStream;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;

/**
 * The event stream: fans every published event out to the bounded queue of each subscription. The
 * core's own components publish through {@link #publish}; other bundles only subscribe.
 */
@Component(service = {EventStream.class, EventBus.class})
public final class EventBus implements EventStream {

    private final List<QueuedSubscription> subscriptions = new CopyOnWriteArrayList<>();

    @Override
    public Subscription subscribe(String name, EventListener listener, SubscriptionOptions options) {
        QueuedSubscription subscription = new QueuedSubscription(name, listener, options, subscriptions::remove);
        subscriptions.add(subscription);
        subscription.start();
        return subscription;
    }

    /**
     * Hands an event to every subscription that wants it. May wait for room in a BLOCK subscription's
     * queue: callers publish in the order events happened, and that order is kept per subscription.
     */
    public void publish(DeviceEvent event) {
        for (QueuedSubscription subscription : subscriptions) {
            subscription.offer(event);
        }
    }

    /** Number of live subscriptions. */
    public int subscriptionCount() {
        return subscriptions.size();
    }

    @Deactivate
    public void close() {
        subscriptions.forEach(QueuedSubscription::close);
    }
}
