package org.urbis.dnp3;

/** Where an association is in its life. */
public enum AssociationState {
    /** Connecting, or waiting for the outstation to dial in. */
    CONNECTING,
    /** Connected and running the startup sequence. */
    STARTING,
    /** Startup done: polling and taking unsolicited responses. */
    ONLINE,
    /** The connection failed or a startup request timed out: waiting out the backoff. */
    WAITING_RETRY,
    CLOSED
}
