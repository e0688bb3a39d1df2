package org.urbis.api.event;

import org.osgi.annotation.versioning.ProviderType;

/** A live subscription to the event stream. Close it to stop delivery and free its thread. */
@ProviderType
public interface Subscription extends AutoCloseable {

    /** Events handed to the listener so far. */
    long delivered();

    /** Events lost to overflow so far. */
    long dropped();

    /** Events waiting in the queue now. */
    int queued();

    @Override
    void close();
}
