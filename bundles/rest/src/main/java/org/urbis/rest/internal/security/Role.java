package org.urbis.rest.internal.security;

import java.util.Locale;

/** The roles a resource method may allow, as the {@code karaf} JAAS realm names them (lower case). */
public enum Role {
    /** Reads devices, alarms, schedules, commands, telemetry and the inventory report. */
    VIEWER,
    /** Also reads the audit log and acknowledges alarms. */
    MAINTENANCE,
    /** Also sends commands and changes schedules and overrides. */
    OPERATOR,
    /** Deploys and rolls back driver bundles. */
    VENDOR,
    /** Everything, users and inventory uploads included. */
    ADMIN,
    /** Anybody, logged in or not: the login itself and the API description. */
    ANYONE;

    /** The realm's name of the role. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
