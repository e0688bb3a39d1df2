package org.urbis.testing;

import java.util.List;
import org.urbis.api.event.DeviceEvent;
import org.urbis.api.event.EventListener;
import org.urbis.api.event.EventStream;
import org.urbis.api.event.Subscription;
import org.urbis.api.event.SubscriptionOptions;

/** An event stream a test delivers to by hand: the last subscriber gets each batch at once, on the test's thread. */
public class FakeEventStream implements EventStream {

    private volatile EventListener listener;

    @Override
    public Subscription subscribe(String name, EventListener l, SubscriptionOptions options) {
        listener = l;
        return new Subscription() {
            @Override
            public long delivered() {
                return 0;
            }

            @Override
            public long dropped() {
                return 0;
            }

            @Override
            public int queued() {
                return 0;
            }

            @Override
            public void close() {
                if (listener == l) {
                    listener = null;
                }
            }
        };
    }

    /** Hands a batch to the subscriber, if there is one still subscribed. */
    public void deliver(List<DeviceEvent> events) throws Exception {
        EventListener l = listener;
        if (l != null) {
            l.onEvents(events);
        }
    }
}
