package org.urbis.rest.internal;

/**
 * An optional service the API uses while it is there (the schedules, the audit trail, telemetry):
 * without it, the resources that need it answer 503 and the rest of the API goes on.
 */
public final class ServiceSlot<T> {

    private final String what;
    private volatile T service;

    public ServiceSlot(String what) {
        this.what = what;
    }

    public synchronized void set(T s) {
        service = s;
    }

    /** Empties the slot if it still holds {@code s}. */
    public synchronized void unset(T s) {
        if (service == s) {
            service = null;
        }
    }

    /** The service, or a 503 problem naming what is missing. */
    public T get() {
        T s = service;
        if (s == null) {
            throw ProblemException.unavailable(what);
        }
        return s;
    }

    /** The service, or {@code null}. */
    public T orNull() {
        return service;
    }
}
