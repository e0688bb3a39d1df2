package org.urbis.api.health;

/** The health of a device at a glance. */
public enum HealthStatus {
    /** Communicating and reporting no fault. */
    ONLINE,
    /** Communicating, but with a fault or some points failing. */
    DEGRADED,
    /** Not communicating. */
    OFFLINE,
    /** Not heard from yet since its driver attached. */
    UNKNOWN,
    /** No installed driver serves it; its values are STALE and commands to it are refused. */
    DRIVER_MISSING
}
